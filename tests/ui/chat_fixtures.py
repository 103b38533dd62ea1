"""Fixtures for the chat pane's GUI tests: a scripted Ollama server and a ready window."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.shell.main_window import MainWindow
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.conftest import wait_until

SCRIPTED = "scripted:latest"
SCRIPTED_THINK = "scripted-think:latest"


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOllama]:
    """A scripted Ollama server on 127.0.0.1 that the window under test talks to."""
    server = ScriptedOllama().start()
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    yield server
    server.stop()


async def ready_pane(open_window: Callable[[], MainWindow], model: str = SCRIPTED) -> ChatPane:
    window = open_window()
    window.resize(1100, 800)
    pane = window.chat_pane
    await wait_until(lambda: model in pane.available_models())
    pane.set_model(model)
    return pane


async def ask(pane: ChatPane, text: str) -> None:
    """Type a prompt, send it, and wait for the whole answer."""
    pane.composer.setPlainText(text)
    await answered(pane, pane.send)


async def answered(pane: ChatPane, start: Callable[[], object]) -> None:
    """Start an answer and wait until it ended and the pane settled after it (the version
    labels and the sidebar refresh one event-loop turn after the stream stops)."""
    ends: list[bool] = []

    def ended() -> None:
        ends.append(True)

    pane.runner.settled.connect(ended)
    try:
        start()
        await wait_until(lambda: ends and not pane.streaming)
    finally:
        pane.runner.settled.disconnect(ended)
