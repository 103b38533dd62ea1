"""A fast answer is drawn only where it is seen, and in full once it ends: what is held out
of sight while the view follows the end is drawn when scrolled to or right after, and it
then reads exactly as the same text shown at once."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication, QImage

from bench.markdown_stream import markdown_pieces
from desktop.core.messages import Role
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.chat.messages.message_list import MessageList
from desktop.ui.render.answer_renderer import AnswerRenderer
from desktop.ui.render.block_page import BlockPage
from desktop.ui.render.markdown_view import MarkdownView
from tests.ui.conftest import wait_until

ANSWER = "".join(markdown_pieces(6000))


def make_list(qtbot: object) -> tuple[MessageList, MessageBubble]:
    messages = MessageList(lambda step: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)  # type: ignore[attr-defined]
    messages.resize(700, 500)
    messages.show()
    bubble = messages.add(Role.ASSISTANT, "model")
    bubble.set_streaming(True)
    renderer = AnswerRenderer(messages, messages)
    renderer.begin(body_of(bubble), bubble)
    RENDERERS[bubble] = renderer
    return messages, bubble


RENDERERS: dict[MessageBubble, AnswerRenderer] = {}


async def stream(messages: MessageList, bubble: MessageBubble, text: str) -> int:
    """Send ``text`` the way a fast local server does; returns the most pages held at
    once."""
    held = 0
    renderer = RENDERERS[bubble]
    for start in range(0, len(text), 1024):
        renderer.add_text(text[start : start + 1024])
        held = max(held, body_of(bubble).held_pages)
        await asyncio.sleep(0.001)
    return held


def finish(messages: MessageList, bubble: MessageBubble) -> None:
    """The answer ended, as the chat pane ends it."""
    RENDERERS.pop(bubble).finish()
    bubble.set_streaming(False)


def body_of(bubble: MessageBubble) -> MarkdownView:
    assert isinstance(bubble.body, MarkdownView)
    return bubble.body


def lines(text: str) -> list[str]:
    """The lines a person reads (pages may part blocks by one more blank line)."""
    return [line for line in text.split("\n") if line]


def shown_at_once(text: str, width: int) -> str:
    reference = MarkdownView()
    reference.resize(width, 400)
    reference.set_text(text)
    return reference.plain_text()


async def test_text_held_out_of_sight_is_drawn_after_the_answer_exactly_as_sent(qtbot) -> None:
    messages, bubble = make_list(qtbot)
    held = await stream(messages, bubble, ANSWER)
    body = body_of(bubble)
    assert held > 0, "a fast answer keeps what scrolls past undrawn"
    finish(messages, bubble)
    await wait_until(lambda: body.held_pages == 0, timeout=10)
    assert body.source() == ANSWER
    assert lines(body.plain_text()) == lines(shown_at_once(ANSWER, body.width()))
    links = sum(
        len(page.view.code_headers.copy_links) for page in body.pages() if page.view is not None
    )
    assert links == len(body.code_blocks()), "every code block drawn late has its Copy link"
    bar = messages.verticalScrollBar()
    assert bar.value() == bar.maximum(), "the end stays in view while pages above are drawn"


async def held_mid_answer(qtbot) -> tuple[MessageList, MessageBubble, list[BlockPage]]:
    """A fast answer streamed and its end settled, but not finished: its held pages."""
    messages, bubble = make_list(qtbot)
    await stream(messages, bubble, ANSWER)
    await wait_until(lambda: not RENDERERS[bubble].busy, timeout=5)  # the last frame
    return messages, bubble, [page for page in body_of(bubble).pages() if page.held]


def scroll_to(messages: MessageList, page: BlockPage, below_top_px: int) -> None:
    top = page.mapTo(messages.widget(), page.rect().topLeft()).y()
    messages.verticalScrollBar().setValue(top + below_top_px)


async def test_a_held_page_scrolled_into_view_is_drawn_and_far_ones_wait(qtbot) -> None:
    messages, _, held = await held_mid_answer(qtbot)
    assert len(held) >= 3
    target = held[len(held) // 2]
    scroll_to(messages, target, 10)
    await wait_until(lambda: not target.held, timeout=2)
    assert held[0].held, "a page far above the view is still not drawn while the answer runs"


async def test_reading_a_page_above_stays_still_while_pages_above_it_are_drawn(qtbot) -> None:
    messages, bubble, held = await held_mid_answer(qtbot)
    body = body_of(bubble)
    reading = held[-1]
    scroll_to(messages, reading, 5)
    await wait_until(lambda: not reading.held, timeout=2)
    await asyncio.sleep(0.05)
    where = reading.mapTo(messages.viewport(), reading.rect().topLeft()).y()
    finish(messages, bubble)  # every held page above is drawn now, at its real height
    await wait_until(lambda: body.held_pages == 0, timeout=10)
    await asyncio.sleep(0.05)
    assert reading.mapTo(messages.viewport(), reading.rect().topLeft()).y() == where


def in_window(messages: MessageList) -> QRect:
    """Where the conversation's view is in its window: what the messages paint (a
    scroll bar with a transparent groove shows whatever is under it, in neither grab)."""
    viewport = messages.viewport()
    return QRect(viewport.mapTo(viewport.window(), QPoint(0, 0)), viewport.size())


def on_screen(messages: MessageList) -> QImage:
    window = messages.window()
    image = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    return image.copy(in_window(messages)).convertToFormat(QImage.Format.Format_RGB32)


def repainted(messages: MessageList) -> QImage:
    image = messages.window().grab(in_window(messages)).toImage()
    return image.convertToFormat(QImage.Format.Format_RGB32)


async def test_what_is_on_screen_after_growing_equals_a_full_repaint(qtbot) -> None:
    """Growing widgets repaint only what changed; the screen must still show exactly
    what painting everything again shows, the bubble's border included."""
    messages, bubble = make_list(qtbot)
    for words in range(1, 30):
        RENDERERS[bubble].add_text(f"word{words} " * 7 + "\n\n")
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.1)
    assert on_screen(messages) == repainted(messages)
    messages.resize(520, 500)  # narrower: the text and the border move
    await asyncio.sleep(0.1)
    assert on_screen(messages) == repainted(messages)


async def test_an_answer_ending_on_a_block_boundary_shows_everything_held(qtbot) -> None:
    messages, bubble = make_list(qtbot)
    whole = ANSWER[: ANSWER.rindex("```\n") + 4]  # ends with a code block: nothing growing
    await stream(messages, bubble, whole)
    body = body_of(bubble)
    finish(messages, bubble)
    await wait_until(lambda: body.held_pages == 0, timeout=10)
    assert all(page.isVisible() for page in body.pages())
    assert lines(body.plain_text()) == lines(shown_at_once(whole, body.width()))


async def test_a_frame_drawn_out_of_sight_changes_nothing_in_view_until_shown(qtbot) -> None:
    """A frame is drawn out of sight a step a turn, then shown. A paint in between shows
    the last frame whole, and text arriving in between, in small bits or large runs,
    keeps its place."""
    body = MarkdownView()
    qtbot.addWidget(body)
    body.resize(600, 400)
    body.show()
    sizes = [40, 700, 90, 3000, 15, 1200, 300]
    start = 0
    for step in range(len(ANSWER)):
        if start >= len(ANSWER):
            break
        size = sizes[step % len(sizes)]
        body.append(ANSWER[start : start + size], redraw_tail=False)
        start += size
        if step % 3 == 2:
            body.show_frame()
            continue
        before = body.grab().toImage()
        if step % 3 == 0:
            body.prepare_frame(400)
        else:
            body.draw_frame()
        assert body.grab().toImage() == before, "a paint while the frame is drawn"
    body.finish()
    while body.draw_held_step():
        await asyncio.sleep(0)
    assert body.source() == ANSWER
    assert lines(body.plain_text()) == lines(shown_at_once(ANSWER, body.width()))


def test_the_turns_of_a_frame_drawn_out_of_sight_each_do_one_thing(qtbot) -> None:
    """Taking text builds no page; what a frame needs is done ahead, a turn each (the
    pages holding the text, the growing block's spare view, a drawn page); preparing the
    frame builds no view; its text is drawn on the new page in steps; showing it draws
    nothing more (a turn that did all of it took 5-10 ms, long enough to stall a paint)."""
    from desktop.ui.render.block_document_view import BlockDocumentView

    body = MarkdownView()
    qtbot.addWidget(body)
    body.resize(600, 400)
    body.show()
    pages = len(body.pages())
    body.append(ANSWER[:8000], redraw_tail=False)
    assert len(body.pages()) == pages and body.held_pages, "held, on no page yet"
    assert body.source() == ANSWER[:8000]
    built = 0
    while body.build_ahead():
        built += 1
    assert built == 3, "the pages holding the text, the spare view, a drawn page"
    assert len(body.pages()) > pages
    views = len(body.findChildren(BlockDocumentView))
    assert body.prepare_frame(400)
    assert len(body.findChildren(BlockDocumentView)) == views, "no view built meanwhile"
    steps = 0
    while body.draw_frame():
        steps += 1
    assert steps >= 1
    drawn = [page.view.document().characterCount() for page in body.pages() if page.view]
    body.show_frame()
    assert [page.view.document().characterCount() for page in body.pages() if page.view] == (
        drawn
    ), "showing the frame draws no text"
    assert body.tail_view is not None and body.tail_view.isVisible()
