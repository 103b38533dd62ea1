"""SIGKILL while an answer streams: after restart the partial answer is there, marked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.core.messages import MessageState, Role
from desktop.storage.history import HistoryStore, default_history_path
from tests.ui.conftest import wait_until

REPO = Path(__file__).resolve().parents[3]


def stored_answer() -> str:
    path = default_history_path()
    if not path.exists():
        return ""
    store = HistoryStore.open(path)
    try:
        for conversation in store.list_conversations():
            for message in store.messages(conversation.id):
                if message.role is Role.ASSISTANT:
                    return message.content
    finally:
        store.close()
    return ""


async def kill_mid_answer(prompt: str) -> None:
    """Run the app in its own process, ask ``prompt`` in a new chat, kill it mid-answer."""
    with subprocess.Popen(  # leaving the block closes its pipes
        [sys.executable, "-m", "tests.ui.app_driver", "tiny-loop:latest", prompt],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as app:
        try:
            await wait_until(lambda: len(stored_answer()) > 20, timeout=30)
        finally:
            app.send_signal(signal.SIGKILL)
            app.wait(timeout=10)
    assert app.returncode == -signal.SIGKILL


async def test_killed_mid_stream_keeps_partial_answer(ollama_server, monkeypatch, open_window):
    ollama_server.install("tiny-loop:latest")
    ollama_server.inject(path="/api/chat", token_delay=0.01)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    await kill_mid_answer("Keep talking")
    saved = stored_answer()

    window = open_window()
    assert "cut short" in window.statusBar().currentMessage()
    window.conversations.setCurrentRow(0)
    bubbles = window.chat_pane.messages.bubbles()
    assert [b.role for b in bubbles] == [Role.USER, Role.ASSISTANT]
    assert bubbles[0].text() == "Keep talking"
    assert bubbles[1].text() == saved
    assert "Interrupted" in bubbles[1].footer_text()

    store = HistoryStore.open(default_history_path())
    try:
        conversation = store.list_conversations()[0]
        assert store.messages(conversation.id)[-1].state is MessageState.INTERRUPTED
    finally:
        store.close()


async def test_the_next_start_opens_the_conversation_cut_off(
    ollama_server, monkeypatch, open_window
):
    ollama_server.install("tiny-loop:latest")
    ollama_server.inject(path="/api/chat", token_delay=0.01)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    store = HistoryStore.open(default_history_path())
    try:
        earlier = store.create_conversation("Earlier", "tiny-loop:latest")
        store.add_message(earlier.id, Role.USER, "An earlier question")
    finally:
        store.close()
    before = open_window()  # a session that ended cleanly with "Earlier" open
    before.chat_pane.open_conversation(earlier.id)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the test's loop runs on after this window
    try:
        before.close()
        await kill_mid_answer("Keep talking")
    finally:
        app.setQuitOnLastWindowClosed(True)

    pane = open_window().chat_pane
    assert pane.conversation_id is not None and pane.conversation_id != earlier.id
    bubbles = pane.messages.bubbles()
    assert bubbles[0].text() == "Keep talking"
    assert "Interrupted" in bubbles[1].footer_text()
