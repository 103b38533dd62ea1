"""A fast answer is followed to its end once per frame, its growing block is never shown
twice, and a person who scrolled up to read is left where they are."""

from __future__ import annotations

import asyncio

from desktop.core.messages import Role
from desktop.ui.chat.message_list import MessageList
from desktop.ui.render.markdown_view import MarkdownView
from tests.ui.conftest import growing_block, wait_until

PARAGRAPH = "A sentence that keeps the answer growing well past the bottom of the view. " * 6


def make_list(qtbot) -> MessageList:
    messages = MessageList(lambda step: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)
    messages.resize(600, 400)
    messages.show()
    return messages


async def test_a_fast_answer_is_followed_once_per_frame_to_its_end(qtbot) -> None:
    messages = make_list(qtbot)
    bubble = messages.add(Role.ASSISTANT, "model")
    frames: list[None] = []
    messages.followed.connect(lambda: frames.append(None))
    bar = messages.verticalScrollBar()
    for _ in range(40):
        messages.append_to(bubble, f"{PARAGRAPH}\n\n")
        await asyncio.sleep(0.002)
    messages.append_to(bubble, "The end.")
    body = bubble.body
    assert isinstance(body, MarkdownView)
    await wait_until(lambda: growing_block(body).endswith("The end."), 2)
    await wait_until(lambda: bar.value() == bar.maximum(), timeout=2)
    assert bar.maximum() > 0
    assert 0 < len(frames) < 40, "followed in frames, not after every change"
    shown = body.plain_text()
    assert shown.count(PARAGRAPH.strip()) == 40, "no paragraph shown twice or lost"


async def test_reading_further_up_is_not_interrupted(qtbot) -> None:
    messages = make_list(qtbot)
    bubble = messages.add(Role.ASSISTANT, "model")
    bar = messages.verticalScrollBar()
    for _ in range(10):
        bubble.append_text(f"{PARAGRAPH}\n\n")
    await wait_until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=2)
    bar.setValue(0)  # the person scrolls up to reread the start
    for _ in range(10):
        messages.append_to(bubble, f"{PARAGRAPH}\n\n")
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.1)
    assert bar.value() == 0
