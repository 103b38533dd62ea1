"""A fast answer is followed to its end once per frame, its growing block is never shown
twice, and a person who scrolled up to read is left where they are; the list only
scrolls (the answer renderer draws)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.messages import Role
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.chat.messages.message_list import MessageList
from desktop.ui.render.answer_renderer import AnswerRenderer
from desktop.ui.render.markdown_view import MarkdownView
from tests.ui.conftest import CountingHost, growing_block, wait_until

PARAGRAPH = "A sentence that keeps the answer growing well past the bottom of the view. " * 6


def make_list(qtbot) -> MessageList:
    messages = MessageList(lambda step: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)
    messages.resize(600, 400)
    messages.show()
    return messages


def streaming(messages: MessageList) -> tuple[MessageBubble, AnswerRenderer, CountingHost]:
    bubble = messages.add(Role.ASSISTANT, "model")
    bubble.set_streaming(True)
    host = CountingHost(messages)
    renderer = AnswerRenderer(host, messages)
    assert isinstance(bubble.body, MarkdownView)
    renderer.begin(bubble.body, bubble)
    return bubble, renderer, host


async def test_a_fast_answer_is_followed_once_per_frame_to_its_end(qtbot) -> None:
    messages = make_list(qtbot)
    bubble, renderer, host = streaming(messages)
    bar = messages.verticalScrollBar()
    for _ in range(40):
        renderer.add_text(f"{PARAGRAPH}\n\n")
        await asyncio.sleep(0.002)
    renderer.add_text("The end.")
    body = bubble.body
    assert isinstance(body, MarkdownView)
    await wait_until(lambda: growing_block(body).endswith("The end."), 2)
    await wait_until(lambda: bar.value() == bar.maximum(), timeout=2)
    assert bar.maximum() > 0
    assert 0 < host.frames < 40, "followed in frames, not after every change"
    shown = body.plain_text()
    assert shown.count(PARAGRAPH.strip()) == 40, "no paragraph shown twice or lost"


async def test_reading_further_up_is_not_interrupted(qtbot) -> None:
    messages = make_list(qtbot)
    _, renderer, _ = streaming(messages)
    bar = messages.verticalScrollBar()
    for _ in range(10):
        renderer.add_text(f"{PARAGRAPH}\n\n")
    await wait_until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=2)
    bar.setValue(0)  # the person scrolls up to reread the start
    for _ in range(10):
        renderer.add_text(f"{PARAGRAPH}\n\n")
        await asyncio.sleep(0.005)
    renderer.finish()
    await wait_until(lambda: not renderer.busy, timeout=2)
    await asyncio.sleep(0.05)
    assert bar.value() == 0, "the end is not followed again while the person reads above"


async def test_reading_a_little_above_the_end_is_not_pulled_back_down(qtbot) -> None:
    messages = make_list(qtbot)
    _, renderer, _ = streaming(messages)
    bar = messages.verticalScrollBar()
    for _ in range(10):
        renderer.add_text(f"{PARAGRAPH}\n\n")
    await wait_until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=2)
    bar.setValue(bar.maximum() - 200)  # a few lines up, within the answer still growing
    where = bar.value()
    for _ in range(20):
        renderer.add_text("more words ")
        await asyncio.sleep(0.005)
    await wait_until(lambda: not renderer.busy, timeout=2)
    assert bar.value() == where


def settled(messages: MessageList) -> None:
    """Show and lay out now what would be shown and laid out before the next paint."""
    for _ in range(6):
        QCoreApplication.processEvents()


def on_list(messages: MessageList, widget: QWidget) -> QRect:
    """Where ``widget`` stands in the view's column."""
    return QRect(widget.mapTo(messages.widget(), QPoint(0, 0)), widget.size())


def finished_bubble(messages: MessageList, role: Role, text: str, message_id: int) -> MessageBubble:
    bubble = messages.add(role, "You" if role is Role.USER else "model")
    bubble.set_content(text)
    bubble.set_message_id(message_id)
    return bubble


def test_the_persons_words_stand_apart_on_the_right_and_the_answer_spans_the_column(
    qtbot,
) -> None:
    messages = make_list(qtbot)
    messages.resize(900, 600)
    question = finished_bubble(messages, Role.USER, "What is a monad?", 1)
    answer = finished_bubble(messages, Role.ASSISTANT, "A monad is " + "a pattern " * 60, 2)
    settled(messages)
    column = on_list(messages, answer)
    asked = on_list(messages, question.body)
    assert asked.right() > column.right() - 30, "the person's words on the right"
    assert asked.width() < column.width() * 0.4, "a short question takes the room it needs"
    answered = on_list(messages, answer.body)
    assert answered.left() == column.left() and answered.width() == column.width()
    long_question = finished_bubble(messages, Role.USER, "why " * 200, 3)
    settled(messages)
    assert on_list(messages, long_question.body).width() <= column.width() * 0.8
    assert question.accessibleName() == "You" and answer.accessibleName() == "model"


def test_the_conversation_stands_in_a_centred_readable_column(qtbot) -> None:
    messages = make_list(qtbot)
    answer = finished_bubble(messages, Role.ASSISTANT, "Some text. " * 50, 1)
    messages.resize(1900, 800)
    settled(messages)
    wide = on_list(messages, answer)
    assert 760 <= wide.width() <= 860
    view = messages.viewport().width()
    assert abs(wide.left() - (view - wide.right() - 1)) <= 1, "centred"
    messages.resize(640, 600)
    settled(messages)
    narrow = on_list(messages, answer)
    assert narrow.width() >= messages.viewport().width() - 40, "below the maximum: full width"


def test_actions_appear_on_hover_and_keep_their_room(qtbot) -> None:
    messages = make_list(qtbot)
    answer = finished_bubble(messages, Role.ASSISTANT, "An answer.", 1)
    settled(messages)
    height = answer.height()
    assert not answer.actions_shown(), "not always visible"
    QApplication.sendEvent(answer, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert answer.actions_shown()
    for button in (answer.copy_button, answer.regenerate_button, answer.delete_button):
        assert button.isVisible() and button.isEnabled()
        assert button.toolTip() and button.accessibleName() and not button.icon().isNull()
    settled(messages)
    assert answer.height() == height, "nothing moves when they appear"
    QApplication.sendEvent(answer, QEvent(QEvent.Type.Leave))
    assert not answer.actions_shown()
    answer.set_streaming(True)
    QApplication.sendEvent(answer, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert not answer.actions_shown(), "none while the answer streams"


async def test_tab_into_a_message_shows_its_actions_and_reaches_them(qtbot) -> None:
    messages = make_list(qtbot)
    question = finished_bubble(messages, Role.USER, "A question.", 1)
    finished_bubble(messages, Role.ASSISTANT, "An answer.", 2)
    settled(messages)
    messages.activateWindow()
    question.body.setFocus(Qt.FocusReason.TabFocusReason)
    await wait_until(lambda: question.body.hasFocus(), 2)
    assert question.actions_shown(), "focus in the message shows its actions"
    reached = []
    for _ in range(6):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if question.delete_button.hasFocus():
            break
    assert question.copy_button in reached and question.edit_button in reached
    assert question.delete_button.hasFocus() and question.actions_shown()
    QTest.keyClick(question.delete_button, Qt.Key.Key_Tab)
    assert not question.actions_shown(), "focus left: hidden again"


def test_the_next_bubbles_are_built_ahead_hidden_in_the_column_and_shown_when_used(
    qtbot,
) -> None:
    """While the person writes, both bubbles of the next turn are built where they will
    stand, so that Send only fills them in (building and styling them took 3-5 ms)."""
    messages = make_list(qtbot)
    messages.prepare_bubbles()
    mine = messages.take_prepared(Role.USER)
    assert mine is not None and mine.role is Role.USER
    assert mine.isHidden() and mine.parentWidget() is messages.widget(), "in the column"
    assert messages.take_prepared(Role.USER) is None, "handed out once"
    messages.prepare_bubbles()  # the answer's is there already; the person's is new
    answer = messages.add(Role.ASSISTANT, "model")
    assert answer.role is Role.ASSISTANT and answer.isVisible()
    assert answer.accessibleName() == "model"
    assert messages.bubbles() == [answer]


def test_bubbles_built_ahead_go_with_the_conversation_they_were_built_in(qtbot) -> None:
    messages = make_list(qtbot)
    messages.prepare_bubbles()
    messages.set_steps([])  # another conversation: a new column, the old one deleted
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert messages.take_prepared(Role.USER) is None
    bubble = messages.add(Role.ASSISTANT, "model")  # built now, in the new column
    assert bubble.parentWidget() is messages.widget() and bubble.isVisible()
