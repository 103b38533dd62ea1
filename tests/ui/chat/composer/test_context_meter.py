"""The context meter shows the tokens used without holding up the window: it is painted
with the rest of the window, never on its own in the middle of an answer or a keystroke."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until


class PaintCounter(QObject):
    """Counts the paint events ``widget`` receives."""

    def __init__(self, widget: QObject) -> None:
        super().__init__()
        self.widget = widget
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


async def test_typing_moves_the_meter_without_painting_it_at_once(scripted, open_window):
    pane = await ready_pane(open_window)
    pane.settings_panel.context.setValue(2048)
    await ask(pane, "Hi")
    await asyncio.sleep(0.1)
    counter = PaintCounter(pane.meter.bar)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        for words in (200, 900, 1700):
            pane.composer.setPlainText("word " * words)  # as if typed: the text changed
            QTest.keyClicks(pane.composer, "!")
            assert counter.paints == 0, "painted inside the keystroke, holding up the window"
        await wait_until(lambda: counter.paints > 0, timeout=2)
    finally:
        app.removeEventFilter(counter)
    usage = pane.meter.usage
    assert usage is not None and usage.over_limit, "the message outgrew the window"
    assert pane.meter.bar.value() == usage.window
    assert pane.meter.bar.property("level") == "over"


async def test_opening_another_conversation_never_shows_the_previous_ones_count(
    scripted, open_window
):
    pane = await ready_pane(open_window)
    pane.settings_panel.context.setValue(2048)
    await ask(pane, "Hi")
    short_chat = pane.conversation_id
    await asyncio.sleep(0.1)
    short_text = pane.meter.label.text()
    pane.new_conversation()
    pane.settings_panel.context.setValue(2048)
    await ask(pane, "word " * 2500)
    await wait_until(lambda: pane.meter.bar.property("level") == "over")
    long_text = pane.meter.label.text()
    assert long_text != short_text

    painted: list[str] = []
    watcher = LabelPaints(pane.meter.label, painted)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        pane.open_conversation(short_chat)
        await wait_until(lambda: pane.meter.label.text() == short_text, timeout=3)
    finally:
        app.removeEventFilter(watcher)
    assert painted and long_text not in painted, "a frame showed the previous chat's count"
    assert pane.meter.bar.property("level") == ""


class LabelPaints(QObject):
    """The texts ``label`` showed in its paints."""

    def __init__(self, label: QLabel, painted: list[str]) -> None:
        super().__init__()
        self.label = label
        self.painted = painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.Paint:
            self.painted.append(self.label.text())
        return False


def test_tools_taking_a_large_share_of_the_window_are_warned_about(qtbot):
    from desktop.core.chat_parameters import ChatParameters
    from desktop.core.tools import ToolDefinition, definitions_tokens
    from desktop.ui.chat.composer.context_meter import ContextMeter

    meter = ContextMeter()
    qtbot.addWidget(meter)
    meter.show_for(
        [],
        ChatParameters(num_ctx=2048),
        None,
        system_prompt="",
        draft="Hi",
        sent_with_requests=True,
    )
    plain = meter.usage
    assert plain is not None and meter.label.property("level") == ""
    schema = {
        "type": "object",
        "properties": {
            f"field_{n}": {"type": "string", "description": "x" * 40} for n in range(12)
        },
    }
    tools = [ToolDefinition(f"tool_{n}", "Does a thing " * 10, schema) for n in range(6)]
    meter.set_tool_definitions(tools)
    tokens = definitions_tokens(tools)
    assert tokens > 2048 // 4
    assert meter.usage is not None and meter.usage.used == plain.used + tokens
    assert meter.label.property("level") == "near"
    assert f"take about {tokens} tokens" in meter.toolTip()
    assert "Turn off servers or tools" in meter.toolTip()
    meter.set_tool_definitions([])
    assert meter.usage.used == plain.used and meter.label.property("level") == ""


def test_tool_results_not_yet_counted_by_the_server_count(qtbot):
    from datetime import UTC, datetime

    from desktop.core.chat_parameters import ChatParameters
    from desktop.core.conversation import StoredMessage
    from desktop.core.messages import MessageState, Role
    from desktop.core.token_estimate import estimate_message_tokens
    from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep
    from desktop.core.tools import tool_call
    from desktop.ui.chat.composer.context_meter import ContextMeter

    now = datetime.now(UTC)
    question = StoredMessage(1, 1, Role.USER, "Read the file", MessageState.COMPLETE, "", now)
    step = ToolStep(
        tool_call("read_file", '{"path": "notes.txt"}', "c1"),
        "files",
        ToolOutcome.RAN,
        content="lorem ipsum dolor sit amet " * 200,
    )
    answer = StoredMessage(
        2,
        1,
        Role.ASSISTANT,
        "Done.",
        MessageState.STOPPED,
        "m",
        now,
        tool_rounds=(ToolRound(0, 0, 0, "", (step,)),),
    )
    meter = ContextMeter()
    qtbot.addWidget(meter)
    common = {"system_prompt": "", "draft": "", "sent_with_requests": True}
    meter.show_for([question], ChatParameters(num_ctx=8192), None, **common)
    without = meter.usage
    meter.show_for([question, answer], ChatParameters(num_ctx=8192), None, **common)
    assert meter.usage is not None and without is not None
    grew = meter.usage.used - without.used
    assert grew >= estimate_message_tokens(step.result_text) > 1000


def test_the_documents_of_the_next_question_take_room_too(qtbot):
    """Whole documents count what they hold, long ones the passages a question takes; an
    answer the server counted with them is not counted twice."""
    from desktop.core.chat_parameters import ChatParameters
    from desktop.documents.answer_context import PASSAGE_TOKENS, TOP_K
    from desktop.ui.chat.composer.context_meter import ContextMeter

    meter = ContextMeter()
    qtbot.addWidget(meter)
    common = {"system_prompt": "", "draft": "Hi", "sent_with_requests": True}
    meter.show_for([], ChatParameters(num_ctx=8192), None, **common)
    plain = meter.usage
    assert plain is not None and "documents" not in meter.toolTip()

    meter.set_documents(3000, counted=False)  # a short text: sent whole
    assert meter.usage is not None and meter.usage.used == plain.used + 1000
    assert meter.label.text().startswith("~")
    assert "documents go whole with each question: about 1000 tokens" in meter.toolTip()

    meter.set_documents(3000, counted=True)  # the last answer's count holds them
    assert meter.usage.used == plain.used
    assert "about 1000 tokens" in meter.toolTip()

    meter.set_documents(400_000, counted=False)  # a book: passages only
    assert meter.usage.used == plain.used + TOP_K * PASSAGE_TOKENS
    assert "too long to send whole" in meter.toolTip()

    meter.set_documents(0, counted=False)
    assert meter.usage.used == plain.used and "documents" not in meter.toolTip()


def test_another_conversation_does_not_show_the_last_ones_documents(qtbot):
    """Between opening another chat and measuring its documents, the meter counts none
    (not the previous chat's)."""
    from desktop.core.chat_parameters import ChatParameters
    from desktop.ui.chat.composer.context_meter import ContextMeter

    meter = ContextMeter()
    qtbot.addWidget(meter)
    common = {"system_prompt": "", "draft": "Hi", "sent_with_requests": True}
    meter.show_for([], ChatParameters(num_ctx=8192), None, **common)
    plain = meter.usage
    meter.set_documents(3000, counted=False)
    assert meter.documents is not None

    meter.counting()  # another conversation opens
    meter.show_for([], ChatParameters(num_ctx=8192), None, **common)
    assert meter.documents is None
    assert meter.usage is not None and plain is not None and meter.usage.used == plain.used
    assert "documents" not in meter.toolTip()

    meter.set_documents(3000, counted=False)  # its own documents, measured: counted again
    assert meter.usage.used == plain.used + 1000
