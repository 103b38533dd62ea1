"""SIGKILL while an answer streams: after restart the partial answer is there, marked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

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


async def test_killed_mid_stream_keeps_partial_answer(ollama_server, monkeypatch, open_window):
    ollama_server.install("tiny-loop:latest")
    ollama_server.inject(path="/api/chat", token_delay=0.01)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.app_driver", "tiny-loop:latest", "Keep talking"],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        await wait_until(lambda: len(stored_answer()) > 20, timeout=30)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    assert app.returncode == -signal.SIGKILL
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
