"""An answer is asked for at Send, before its bubble shows: what arrives in between is
drawn in the bubble once it shows, and an answer that ends before then (failed, stopped)
shows its bubble at once, saying how it ended."""

from __future__ import annotations

import pytest

from desktop.core.messages import MessageState
from desktop.ui.chat import chat_pane
from tests.ui.chat.test_chat_streaming import stored_answer
from tests.ui.chat_fixtures import ready_pane
from tests.ui.conftest import wait_until

LATE_BUBBLE_MS = 400
"""Long enough that the test sees the request leave and text arrive before the bubble."""


@pytest.fixture
def late_bubble(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat_pane, "BUBBLE_AFTER_MS", LATE_BUBBLE_MS)


async def test_text_that_arrives_before_the_bubble_is_drawn_in_it(
    scripted, open_window, late_bubble
):
    pieces = [f"w{n} " for n in range(30)]
    scripted.script(pieces)
    scripted.inject(token_delay=0.03)
    pane = await ready_pane(open_window)
    pane.composer.setPlainText("Go")
    pane.send()
    await wait_until(lambda: scripted.chat_bodies())
    assert len(pane.messages.bubbles()) == 1, "the request left before the answer's bubble"
    await wait_until(lambda: len(pane.messages.bubbles()) == 2)
    answer = pane.messages.bubbles()[-1]
    assert answer.message_id == stored_answer(pane.conversation_id).id
    await wait_until(lambda: not pane.streaming)
    await wait_until(lambda: "w29" in answer.rendered_text())
    assert answer.text() == answer.body.source() == "".join(pieces)
    assert answer.rendered_text().startswith("w0 w1 w2 "), "nothing before the bubble lost"


async def test_an_answer_that_fails_before_its_bubble_shows_it_at_once(
    scripted, open_window, monkeypatch
):
    monkeypatch.setattr(chat_pane, "BUBBLE_AFTER_MS", 60_000)
    scripted.inject(status=500, body={"error": "model runner crashed"})
    pane = await ready_pane(open_window)
    pane.composer.setPlainText("Go")
    pane.send()
    await wait_until(lambda: not pane.streaming)
    failed = pane.messages.bubbles()[-1]
    assert "model runner crashed" in failed.footer_text()
    assert failed.retry_button.isVisible()
    assert stored_answer(pane.conversation_id).state is MessageState.FAILED


async def test_stop_before_the_bubble_shows_ends_the_answer_as_stopped(
    scripted, open_window, late_bubble
):
    scripted.script([f"t{n} " for n in range(500)])
    scripted.inject(token_delay=0.01)
    pane = await ready_pane(open_window)
    pane.composer.setPlainText("Long")
    pane.send()
    assert pane.streaming, "Send is Stop from the click on"
    pane.send_button.click()
    await wait_until(lambda: not pane.streaming)
    assert len(pane.messages.bubbles()) == 2
    assert "Stopped" in pane.messages.bubbles()[-1].footer_text()
