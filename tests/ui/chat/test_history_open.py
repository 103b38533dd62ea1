"""Opening a long conversation: it shows its end, builds only the last bubbles, and costs
the same whether another long conversation was open before or not."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from desktop.core.messages import Role
from desktop.storage.history import HistoryStore, default_history_path
from desktop.ui.chat.messages.message_list import FIRST_SCREEN_BUBBLES, INITIAL_BUBBLES
from tests.ui.chat_fixtures import ready_pane
from tests.ui.conftest import wait_until


def seed_long_conversations(titles: tuple[str, ...], count: int) -> None:
    store = HistoryStore.open(default_history_path())
    try:
        for title in titles:
            chat = store.create_conversation(title, "scripted:latest")
            parent = None
            for number in range(count):
                role = Role.USER if number % 2 == 0 else Role.ASSISTANT
                text = f"{title} message {number}\n\n```py\nx = {number}\n```"
                parent = store.add_message(chat.id, role, text, parent_id=parent).id
    finally:
        store.close()


async def test_switching_long_conversations_shows_the_end_of_the_next(scripted, open_window):
    seed_long_conversations(("First", "Second"), 400)
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    messages = pane.messages
    bar = messages.verticalScrollBar()
    by_title = {c.title: c.id for c in pane.window()._chat.store.list_conversations()}

    conversations.setCurrentIndex(conversations.index_for(by_title["First"]))
    await wait_until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())

    conversations.setCurrentIndex(conversations.index_for(by_title["Second"]))
    bubbles = messages.bubbles()
    assert bubbles[-1].text().startswith("Second message 399")
    await wait_until(lambda: len(messages.bubbles()) >= INITIAL_BUBBLES)
    await wait_until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    assert len(messages.bubbles()) == INITIAL_BUBBLES, "no older bubbles built on the way"
    assert not bubbles[-1].visibleRegion().isEmpty(), "the last message is in view"


async def test_the_last_screenful_is_painted_before_the_rest_is_built(scripted, open_window):
    seed_long_conversations(("Long",), 400)
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    messages = pane.messages
    bar = messages.verticalScrollBar()
    by_title = {c.title: c.id for c in pane.window()._chat.store.list_conversations()}
    painted: list[int] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(len(messages.bubbles()))
            return False

    conversations.setCurrentIndex(conversations.index_for(by_title["Long"]))
    last = messages.bubbles()[-1]
    watch = Watch()
    for widget in (last.body, *last.body.findChildren(QWidget)):
        widget.installEventFilter(watch)
    assert len(messages.bubbles()) == FIRST_SCREEN_BUBBLES
    await wait_until(lambda: len(messages.bubbles()) == INITIAL_BUBBLES)
    assert painted == [FIRST_SCREEN_BUBBLES], "the end was painted before the rest was built"
    await wait_until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    assert not last.visibleRegion().isEmpty(), "the view held still at the end"


async def test_opening_builds_no_message_actions(scripted, open_window, monkeypatch):
    """The actions are built when first shown; the room they keep is measured once."""
    from desktop.ui.chat.messages import message_actions

    built: list[object] = []
    original = message_actions.MessageActions.__init__

    def counting(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(message_actions.MessageActions, "__init__", counting)
    seed_long_conversations(("Long",), 100)
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    by_title = {c.title: c.id for c in pane.window()._chat.store.list_conversations()}
    conversations.setCurrentIndex(conversations.index_for(by_title["Long"]))
    await wait_until(lambda: len(pane.messages.bubbles()) == INITIAL_BUBBLES)  # after a paint
    bubbles = pane.messages.bubbles()
    assert not any(bubble.footer.actions_built for bubble in bubbles)
    assert len(built) <= 2, "the room is measured once per kind of message, not per bubble"
    assert bubbles[-1].copy_button.toolTip(), "built when asked for"


def test_actions_keep_their_room_before_they_are_built(qtbot) -> None:
    """Every kind of message is as tall before its actions exist as once they are shown:
    nothing moves when the pointer first comes over it."""
    from PySide6.QtCore import QCoreApplication, QPointF
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    from desktop.core.events import ChatStats
    from desktop.core.messages import MessageState
    from desktop.ui.chat.messages.message_list import MessageList

    messages = MessageList(lambda step, column: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)
    messages.resize(900, 700)
    messages.show()
    cases = [(Role.USER, None), (Role.ASSISTANT, None), (Role.ASSISTANT, ChatStats(1, 60))]
    bubbles = []
    for number, (role, stats) in enumerate(cases, 1):
        bubble = messages.add(role, "model")
        bubble.set_content("A short message.")
        bubble.set_footer(MessageState.COMPLETE, stats)
        bubble.set_message_id(number)
        bubbles.append(bubble)

    def settle() -> None:
        for _ in range(6):
            QCoreApplication.processEvents()

    messages.setFocus()  # not in a message: focus would show (and build) its actions
    settle()
    before = [bubble.height() for bubble in bubbles]
    assert not any(bubble.footer.actions_built for bubble in bubbles)
    for bubble in bubbles:
        point = QPointF(5, 5)
        QApplication.sendEvent(bubble, QEnterEvent(point, point, point))
        assert bubble.actions_shown()
    settle()
    assert [bubble.height() for bubble in bubbles] == before


async def test_one_line_messages_build_the_first_twenty_only(scripted, open_window):
    """While the rest of the first screens is laid out, the view passes near the top: that
    is not the person scrolling up, and builds nothing more."""
    store = HistoryStore.open(default_history_path())
    try:
        chat = store.create_conversation("Short", "scripted:latest")
        parent = None
        for number in range(200):
            role = Role.USER if number % 2 == 0 else Role.ASSISTANT
            parent = store.add_message(chat.id, role, f"line {number}", parent_id=parent).id
    finally:
        store.close()
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    conversations.setCurrentIndex(conversations.index_for(chat.id))
    await wait_until(lambda: len(pane.messages.bubbles()) >= INITIAL_BUBBLES)
    await asyncio.sleep(0.3)
    assert len(pane.messages.bubbles()) == INITIAL_BUBBLES


def seed_answered(title: str, count: int, *, counted: bool) -> int:
    """A conversation whose answers name their model; ``counted``: with the server's
    token counts (3,990 + 5 for the last of 400)."""
    from desktop.core.events import ChatStats

    store = HistoryStore.open(default_history_path())
    try:
        chat = store.create_conversation(title, "scripted:latest")
        parent = None
        for number in range(count):
            role = Role.USER if number % 2 == 0 else Role.ASSISTANT
            model = "scripted:latest" if role is Role.ASSISTANT else ""
            text = f"line {number}"
            parent = store.add_message(chat.id, role, text, model=model, parent_id=parent).id
            if role is Role.ASSISTANT and counted:
                store.update_message(parent, stats=ChatStats(10 * number, 5))
    finally:
        store.close()
    return chat.id


def count_decoded(monkeypatch) -> set[int]:  # type: ignore[no-untyped-def]
    """The ids of the messages the history decodes from now on."""
    from desktop.storage import history

    decoded: set[int] = set()
    original = history.message_from_row

    def counting(row):  # type: ignore[no-untyped-def]
        decoded.add(row[0])
        return original(row)

    monkeypatch.setattr(history, "message_from_row", counting)
    return decoded


async def test_opening_reads_only_the_messages_it_shows(scripted, open_window, monkeypatch):
    """A long conversation's first screens decode their own messages only (the context
    meter finds the last counted answer from the end); scrolling up decodes the older
    ones as their bubbles are built, and each shows its own text."""
    chat_id = seed_answered("Counted", 400, counted=True)
    decoded = count_decoded(monkeypatch)
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    conversations.setCurrentIndex(conversations.index_for(chat_id))
    messages = pane.messages
    await wait_until(lambda: len(messages.bubbles()) == INITIAL_BUBBLES)
    await asyncio.sleep(0.2)  # the meter is brought up to date after the first paint
    shown = [bubble.message_id for bubble in messages.bubbles()]
    assert sorted(decoded) == sorted(shown), "only the messages shown were read"
    assert [b.text() for b in messages.bubbles()[-2:]] == ["line 398", "line 399"]
    assert pane.meter.label.text().startswith("4.0k"), "the last answer's count: 3,990 + 5"

    messages.verticalScrollBar().setValue(0)
    await wait_until(lambda: len(messages.bubbles()) > INITIAL_BUBBLES)
    older = messages.bubbles()[0]
    assert older.text() == f"line {400 - len(messages.bubbles())}"
    assert sorted(decoded) == sorted(b.message_id for b in messages.bubbles())


async def test_without_counts_the_meter_reads_the_path_after_the_first_paint(
    scripted, open_window, monkeypatch
):
    """Answers the server did not count make the meter estimate every message: that comes
    after the end of the conversation is on screen, not before."""
    chat_id = seed_answered("Uncounted", 400, counted=False)
    decoded = count_decoded(monkeypatch)
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    messages = pane.messages
    read_by_paint: list[int] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not read_by_paint:
                read_by_paint.append(len(decoded))
            return False

    conversations.setCurrentIndex(conversations.index_for(chat_id))
    last = messages.bubbles()[-1]
    watch = Watch()
    for widget in (last.body, *last.body.findChildren(QWidget)):
        widget.installEventFilter(watch)
    await wait_until(lambda: len(decoded) == 400)
    assert read_by_paint == [FIRST_SCREEN_BUBBLES], "the end was painted before the rest was read"
    await wait_until(lambda: pane.meter.label.text().startswith("~"))  # estimated, all of it
