"""One renderer draws a streaming answer in frames: a burst of tokens is one frame, the
exact text is there the moment the stream ends, finished blocks are never laid out
again, and no timer runs while nothing is pending (a model that pauses, an idle chat)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from itertools import pairwise

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta
from desktop.core.messages import Role
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.chat.messages.message_list import MessageList
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.render.answer_renderer import AnswerRenderer
from desktop.ui.render.markdown_view import MarkdownView
from desktop.ui.render.sideways_boxes import Box
from desktop.ui.tasks import TaskOwner
from tests.ui.conftest import CountingHost, growing_block, wait_until

PARAGRAPH = "A sentence that keeps the answer growing well past the bottom of the view. " * 4


def answer(qtbot: object) -> tuple[MessageList, MessageBubble, AnswerRenderer, CountingHost]:
    messages = MessageList(lambda step: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)  # type: ignore[attr-defined]
    messages.resize(700, 500)
    messages.show()
    bubble = messages.add(Role.ASSISTANT, "model")
    bubble.set_streaming(True)
    host = CountingHost(messages)
    renderer = AnswerRenderer(host, messages)
    renderer.begin(view_of(bubble), bubble)
    return messages, bubble, renderer, host


def view_of(bubble: MessageBubble) -> MarkdownView:
    assert isinstance(bubble.body, MarkdownView)
    return bubble.body


def running_timers(*owners: QObject) -> list[QTimer]:
    return [
        timer
        for owner in owners
        for timer in owner.findChildren(QTimer)
        if timer.isActive() and timer.interval() < 1000  # a blinking caret is not ours
    ]


async def test_a_burst_of_tokens_is_drawn_in_one_frame(qtbot) -> None:
    _, bubble, renderer, host = answer(qtbot)
    tokens = [f"word{n} " for n in range(300)]
    for token in tokens:
        renderer.add_text(token)
    assert growing_block(view_of(bubble)) == "", "nothing is drawn per token"
    await wait_until(lambda: not renderer.busy, timeout=2)
    assert host.frames == 1
    assert growing_block(view_of(bubble)) == "".join(tokens).strip()
    assert renderer.shown_chars == len("".join(tokens))


async def test_text_before_the_answer_s_view_waits_without_a_clock_then_is_drawn(
    qtbot,
) -> None:
    """The request leaves before the answer's bubble exists: what arrives meanwhile
    starts no frame (there is nothing to draw into), and is the bubble's first frame."""
    messages = MessageList(lambda step: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)
    messages.resize(700, 500)
    renderer = AnswerRenderer(CountingHost(messages), messages)
    renderer.expect()
    for n in range(50):
        renderer.add_text(f"early{n} ")
        assert not renderer.busy, "no frame is due before there is a view"
    await asyncio.sleep(0.05)
    bubble = messages.add(Role.ASSISTANT, "model")
    renderer.begin(view_of(bubble), bubble)
    renderer.add_text("late.")
    await wait_until(lambda: not renderer.busy, timeout=2)
    assert renderer.shown_chars == len(view_of(bubble).source())
    assert view_of(bubble).source() == "".join(f"early{n} " for n in range(50)) + "late."


async def test_text_pouring_in_is_shown_in_fewer_frames(qtbot) -> None:
    """A local server at full speed: frames come POURING_FRAME_MS apart, not FRAME_MS,
    so the time goes to reading the stream."""
    from desktop.ui.render.answer_renderer import POURING_FRAME_MS

    _, bubble, renderer, host = answer(qtbot)
    seconds = 0.5
    started = asyncio.get_running_loop().time()
    while asyncio.get_running_loop().time() - started < seconds:
        renderer.add_text(f"{PARAGRAPH}\n\n" * 4)  # ~1,200 characters every 5 ms
        await asyncio.sleep(0.005)
    assert host.frames <= seconds * 1000 / POURING_FRAME_MS + 2  # 20 frames 25 ms apart
    renderer.finish()
    await wait_until(lambda: not renderer.busy, timeout=5)
    assert renderer.shown_chars == len(bubble.text())


async def test_the_exact_text_is_there_when_the_stream_ends_and_its_end_drawn_next(
    qtbot,
) -> None:
    _, bubble, renderer, _ = answer(qtbot)
    text = f"{PARAGRAPH}\n\n```python\nprint('你好')\n```\n\nThe **end** 🌍"
    for start in range(0, len(text), 7):
        renderer.add_text(text[start : start + 7])
    renderer.finish()
    assert bubble.text() == text, "all of it, before any frame"
    await wait_until(lambda: not renderer.busy, timeout=2)
    shown = view_of(bubble).plain_text()
    assert "print('你好')" in shown and shown.rstrip().endswith("The end 🌍")


async def test_finished_blocks_are_only_appended_to_never_laid_out_again(qtbot) -> None:
    _, bubble, renderer, _ = answer(qtbot)
    changes: list[tuple[int, int]] = []
    page = view_of(bubble).document_view
    texts = [""]

    def changed(at: int, _removed: int, _added: int) -> None:
        changes.append((at, len(texts[-1])))
        texts.append(page.document().toPlainText())

    page.document().contentsChange.connect(changed)
    for _ in range(30):
        for word in f"{PARAGRAPH}\n\n".split(" "):
            renderer.add_text(word + " ")
        await asyncio.sleep(0.03)  # reading speed: a frame or two per paragraph
    renderer.finish()
    await wait_until(lambda: not renderer.busy, timeout=5)
    assert changes, "finished paragraphs went onto the page"
    first, *later = changes  # the first replaces the empty document's one character
    assert first[0] == 0
    # The line ending the text before moves to the new text's end (its format may change).
    assert all(at >= drawn for at, drawn in later), "each change begins at the end"
    assert all(new.startswith(old) for old, new in pairwise(texts)), "nothing taken back"
    assert view_of(bubble).plain_text().count(PARAGRAPH.strip()) == 30


async def test_thinking_shows_first_and_folds_when_the_answer_starts(qtbot) -> None:
    _, bubble, renderer, _ = answer(qtbot)
    renderer.add_thinking("Let me see. ")
    renderer.add_thinking("The person asks.")
    await wait_until(lambda: bubble.thinking() == "Let me see. The person asks.", timeout=2)
    assert bubble.thinking_shown()
    renderer.add_text("Here is the answer.")
    await wait_until(lambda: not renderer.busy, timeout=2)
    assert not bubble.thinking_shown(), "folded once the answer began"
    assert growing_block(view_of(bubble)) == "Here is the answer."


async def test_no_timer_runs_while_the_model_pauses_or_after_the_answer(qtbot) -> None:
    """The stream is live but the model sends nothing for a while (loading, thinking on
    the server): nothing wakes the window. After the answer, nothing does either."""
    messages, bubble, renderer, _ = answer(qtbot)
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    bridge.textArrived.connect(renderer.add_text)
    bridge.finished.connect(lambda _done: renderer.finish())
    go_on = asyncio.Event()

    async def pausing() -> AsyncGenerator[ChatEvent, None]:
        yield ThinkingDelta("")
        yield TextDelta("First words, ")
        await go_on.wait()
        yield TextDelta("then the rest.")
        yield Done()

    bridge.start(pausing())
    await wait_until(lambda: "First words" in growing_block(view_of(bubble)), timeout=2)
    await asyncio.sleep(0.1)
    assert bridge.running
    assert running_timers(bridge, renderer, messages) == []
    go_on.set()
    await wait_until(lambda: not bridge.running and not renderer.busy, timeout=2)
    assert bubble.text() == "First words, then the rest."
    assert running_timers(bridge, renderer, messages) == []
    await tasks.cancel_all()


def test_growing_prose_is_drawn_again_only_from_its_last_paragraph(qtbot) -> None:
    """The growing block's earlier paragraphs stay as drawn while its last one grows,
    and it reads as the same text drawn at once."""
    from desktop.core.markdown_blocks import Block, BlockKind
    from desktop.ui.render.growing_block_view import GrowingBlockView

    view = GrowingBlockView()
    qtbot.addWidget(view)
    first = "A **first** paragraph, finished.\n\n- a list\n- of two\n\n"
    view.draw(Block(BlockKind.PROSE, first + "The last one gr"))
    kept = view.document().toPlainText().index("The last")
    changes: list[int] = []
    view.document().contentsChange.connect(lambda at, _gone, _new: changes.append(at))
    for more in ("ows", " and *grows*", " on."):
        shown = view.block
        assert shown is not None
        view.draw(Block(BlockKind.PROSE, shown.source + more))
    assert changes and min(changes) >= kept - 1, "the paragraphs before it were left alone"
    whole = GrowingBlockView()
    qtbot.addWidget(whole)
    whole.add(Block(BlockKind.PROSE, first + "The last one grows and *grows* on."), copyable=False)
    assert view.toPlainText() == whole.toPlainText()


async def test_a_fast_answer_ends_as_one_document_that_selects_and_copies_whole(qtbot) -> None:
    messages, bubble, renderer, _ = answer(qtbot)
    view = view_of(bubble)
    paragraphs = [f"Paragraph {n}. {PARAGRAPH}\n\n" for n in range(60)]
    most_pages = 0
    for start in range(0, 60, 6):  # a fast local server: bursts far past the view
        renderer.add_text("".join(paragraphs[start : start + 6]))
        await asyncio.sleep(0.03)
        most_pages = max(most_pages, len(view.pages()))
    renderer.finish()
    assert most_pages > 1, "the answer streamed onto several pages"
    await wait_until(lambda: not renderer.busy, timeout=10)

    [page] = view.pages()
    assert page.isVisible() and view.document_view is page.view
    assert messages.following, "the end stayed in view while the pages were merged"
    document = page.view
    assert document is not None
    document.selectAll()  # Ctrl+A in the answer
    document.copy()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Paragraph 0.") and "Paragraph 59." in copied
    assert bubble.text() == "".join(paragraphs)


async def test_pages_merge_only_after_the_answer_and_a_step_a_frame(qtbot) -> None:
    _, bubble, renderer, host = answer(qtbot)
    view = view_of(bubble)
    for n in range(40):
        renderer.add_text(f"Paragraph {n}. {PARAGRAPH}\n\n")
        if n % 8 == 7:
            await asyncio.sleep(0.03)
    await wait_until(lambda: not renderer.busy and len(view.pages()) > 1, timeout=5)
    renderer.add_text("The end.")
    await asyncio.sleep(0.1)
    assert len(view.pages()) > 1, "no merge while the answer streams"
    renderer.finish()
    frames = host.frames
    await wait_until(lambda: not renderer.busy, timeout=10)
    assert len(view.pages()) == 1
    assert host.frames - frames >= 3, "drawn again in steps, a frame each"


async def test_code_is_still_coloured_after_the_pages_merge(qtbot) -> None:
    from desktop.ui.render.code_highlighter import LIGHT
    from tests.ui.render.test_rich_answers import colour_of

    _, bubble, renderer, _ = answer(qtbot)
    view = view_of(bubble)
    for n in range(40):
        renderer.add_text(f"Paragraph {n}. {PARAGRAPH}\n\n")
        if n % 10 == 9:
            renderer.add_text(f"```\nSELECT name_{n} FROM orders;\n```\n\n")
            await asyncio.sleep(0.03)
    renderer.finish()
    await wait_until(lambda: not renderer.busy, timeout=10)
    [page] = view.pages()
    document = page.view
    assert document is not None
    await wait_until(lambda: not document.code_colours.busy, timeout=10)
    assert colour_of(document, "SELECT name_9") == LIGHT["keyword"]
    assert colour_of(document, "SELECT name_39") == LIGHT["keyword"]
    assert "\nsql\nCopy" in document.toPlainText(), "the guessed language is shown"


async def test_an_answer_leaves_no_page_built_ahead_behind(qtbot) -> None:
    """A page built ahead for a frame that did not take it goes once nothing is pending:
    an answer does not keep an empty page in every bubble."""
    from desktop.ui.render.block_page import BlockPage

    _, bubble, renderer, _ = answer(qtbot)
    for word in f"{PARAGRAPH}\n\nThe end.".split(" "):
        renderer.add_text(word + " ")
        await asyncio.sleep(0.002)
    renderer.finish()
    await wait_until(lambda: not renderer.busy, timeout=5)
    await asyncio.sleep(0.05)  # the pages merged and let go are deleted
    body = view_of(bubble)
    assert [page for page in body.findChildren(BlockPage) if page not in body.pages()] == []


async def test_blocks_scrolled_sideways_stay_scrolled_when_the_pages_merge(qtbot) -> None:
    """Two code blocks and a long formula, on different pages, each scrolled its own way."""
    _, bubble, renderer, _ = answer(qtbot)
    view = view_of(bubble)
    wide = "SELECT " + ", ".join(f"column_{n}" for n in range(60)) + " FROM orders;"
    terms = " + ".join(f"a_{{{n}}} x^{{{n}}}" for n in range(40))
    for n in range(40):
        renderer.add_text(f"Paragraph {n}. {PARAGRAPH}\n\n")
        if n == 2:
            renderer.add_text(f"$$f(x) = {terms}$$\n\n")
        if n in (12, 36):
            renderer.add_text(f"```sql\n{wide} -- {n}\n```\n\n")
        await asyncio.sleep(0.03)  # a frame each: every page is drawn as it comes

    def boxes() -> list[Box]:
        return [box for page in view.pages() if page.view for box in page.view.sideways.boxes]

    await wait_until(lambda: not renderer.busy and len(boxes()) == 3, timeout=10)
    assert len(view.pages()) > 2
    formula, first, last = boxes()
    assert formula.frame is None and first.frame is not None and last.frame is not None
    for box, offset in ((formula, 90), (first, 120), (last, 200)):
        box.bar.setValue(offset)
    renderer.finish()
    await wait_until(lambda: not renderer.busy and len(view.pages()) == 1, timeout=10)
    await wait_until(lambda: len(boxes()) == 3, timeout=5)
    top_down = sorted(boxes(), key=lambda box: box.inside.top())
    assert [box.offset for box in top_down] == [90, 120, 200]
