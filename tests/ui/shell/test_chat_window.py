"""End to end through the real window: pick a model, type, Enter, watch tokens, Stop."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.messages import MessageState, Role
from desktop.storage.history import HistoryStore, default_history_path
from tests.servers.tiny_gguf import DEFAULT_REPLY
from tests.ui.conftest import wait_until


@pytest.fixture
def ollama_env(ollama_server, monkeypatch):
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    return ollama_server


async def test_streams_an_answer_token_by_token(ollama_env, open_window):
    server = ollama_env
    server.install("tiny:latest")
    server.inject(path="/api/chat", token_delay=0.04)
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: "tiny:latest" in pane.available_models())
    pane.set_model("tiny:latest")
    assert "Ollama" in window.provider_status.summary()

    pane.composer.setPlainText("Say hello")
    QTest.keyClick(pane.composer, Qt.Key.Key_Return)
    await wait_until(lambda: len(pane.messages.bubbles()) == 2)
    answer = pane.messages.bubbles()[1]
    seen: list[str] = []
    while pane.streaming:
        if answer.text() and (not seen or seen[-1] != answer.text()):
            seen.append(answer.text())
        await asyncio.sleep(0.005)

    assert answer.text() == DEFAULT_REPLY
    assert len(seen) >= 3, f"tokens did not arrive incrementally: {seen}"
    assert all(DEFAULT_REPLY.startswith(part) for part in seen)
    assert answer.rendered_text().strip() == DEFAULT_REPLY
    assert "token" in answer.footer_text()
    assert pane.send_button.isEnabled() and pane.send_button.text() == "Send"
    assert [b.role for b in pane.messages.bubbles()] == [Role.USER, Role.ASSISTANT]
    stored = HistoryStore.open(default_history_path())
    try:
        saved = stored.messages(pane.conversation_id)[-1]
        assert (saved.state, saved.content) == (MessageState.COMPLETE, DEFAULT_REPLY)
    finally:
        stored.close()
    chat_requests = [r for r in server.requests if r.path == "/api/chat"]
    assert chat_requests[-1].body["messages"][-1]["content"] == "Say hello"


async def test_escape_stops_and_server_sees_disconnect(ollama_env, open_window):
    server = ollama_env
    server.install("tiny-loop:latest")
    server.inject(path="/api/chat", token_delay=0.02)
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: "tiny-loop:latest" in pane.available_models())
    pane.set_model("tiny-loop:latest")
    pane.composer.setPlainText("Talk forever")
    pane.send_button.click()
    await wait_until(
        lambda: len(pane.messages.bubbles()) == 2 and pane.messages.bubbles()[1].text()
    )
    assert pane.send_button.text() == "Stop" and pane.send_button.isEnabled()

    QTest.keyClick(pane.composer, Qt.Key.Key_Escape)
    await wait_until(lambda: not pane.streaming)
    await wait_until(lambda: server.disconnects, timeout=5)

    answer = pane.messages.bubbles()[1]
    assert answer.text()
    assert "Stopped" in answer.footer_text()
    stored = HistoryStore.open(default_history_path())
    try:
        message = stored.messages(pane.conversation_id)[-1]
        assert message.state is MessageState.STOPPED
        assert message.content == answer.text()
    finally:
        stored.close()


async def test_server_down_shows_guidance_and_stays_usable(
    monkeypatch, open_window, unused_tcp_port
):
    monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{unused_tcp_port}")
    window = open_window()
    await wait_until(lambda: window._monitor.status.reachable is False)
    assert "Ollama" in window.provider_status.summary()
    assert window.provider_status.isVisible(), "the rail says Ollama is down"

    pane = window.chat_pane
    pane.composer.setPlainText("Anyone there?")
    pane.send_button.click()
    assert "Choose a model" in pane.notice_label.text()
    assert pane.composer.toPlainText() == "Anyone there?", "the draft must not be lost"
    assert pane.composer.isEnabled() and pane.send_button.isEnabled()


async def test_server_going_down_mid_session_gives_guidance_in_the_chat(ollama_env, open_window):
    server = ollama_env
    server.install("tiny:latest")
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: "tiny:latest" in pane.available_models())
    server.stop()

    pane.composer.setPlainText("Still there?")
    pane.send_button.click()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    failed = pane.messages.bubbles()[-1]
    assert "Failed" in failed.footer_text() and "ollama serve" in failed.footer_text()
    assert failed.retry_button.isVisible(), "Retry sits inside the failed answer"
    assert pane.send_button.isEnabled()
    assert pane.messages.bubbles()[0].text() == "Still there?"
