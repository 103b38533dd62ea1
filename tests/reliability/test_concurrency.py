"""Two answers streaming at once from two providers while a model downloads, and closing
the window in the middle of it all.

The chat pane streams one conversation at a time, so the second conversation streams
through its own ChatService and StreamBridge into a MessageBubble (what the pane does),
on the same history database, the same task owner and the same loop.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import AppServices
from desktop.core.chat_service import ChatService
from desktop.core.messages import MessageState, Role
from desktop.core.provider_config import ProviderConfig
from desktop.core.pull_manager import PullItem, PullState
from desktop.providers.credentials import key_host_for
from desktop.providers.http_client import make_http_client
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.render.answer_renderer import AnswerRenderer
from desktop.ui.render.markdown_view import MarkdownView
from desktop.ui.shell.main_window import MainWindow
from tests.reliability.conftest import Escapes
from tests.servers.anthropic_server import AnthropicServer
from tests.servers.fixtures import TINY, TINY_LOOP
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedReply
from tests.ui.conftest import wait_until

OPENAI_KEY = "sk-concurrency-openai-6a1f"
ANTHROPIC_KEY = "sk-ant-concurrency-90c3"
MODEL = TINY_LOOP
"""The model the chat pane offers (installed in the Ollama test server); both clouds serve it."""
WORDS = 60
DELAY = 0.02


def reply(label: str) -> str:
    return " ".join(f"{label}{index}" for index in range(WORDS))


@dataclass
class Clouds:
    openai: OpenAIServer
    anthropic: AnthropicServer

    def entries(self) -> list[ProviderConfig]:
        compat_url = self.openai.url + "/v1"
        return [
            ProviderConfig(
                id="compat", preset="custom", base_url=compat_url, key_host=key_host_for(compat_url)
            ),
            ProviderConfig(
                id="anthropic",
                preset="anthropic",
                base_url=self.anthropic.url,
                key_host=key_host_for(self.anthropic.url),
            ),
        ]

    def slow(self) -> None:
        for server in (self.openai, self.anthropic):
            server.inject(token_delay=DELAY, once=True)


@pytest.fixture
def clouds() -> Iterator[Clouds]:
    found = Clouds(
        OpenAIServer(api_key=OPENAI_KEY, models=(MODEL,)).start(),
        AnthropicServer(api_key=ANTHROPIC_KEY, models=((MODEL, "Tiny loop"),)).start(),
    )
    yield found
    found.openai.stop()
    found.anthropic.stop()


@pytest.fixture
def ollama(ollama_server: OllamaServer, monkeypatch: pytest.MonkeyPatch) -> OllamaServer:
    ollama_server.install(MODEL)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    return ollama_server


class Scene:
    """The window with conversation A (in the chat pane, OpenAI-compatible) and
    conversation B (a bridge and bubble of its own, Anthropic), and a download."""

    def __init__(self, services: AppServices, window: MainWindow, clouds: Clouds) -> None:
        self.services = services
        self.window = window
        self.clouds = clouds
        self.pane = window.chat_pane
        self.bubble_b = MessageBubble(Role.ASSISTANT, MODEL)
        self.bridge_b = StreamBridge(services.tasks)
        self.renderer_b = AnswerRenderer()
        self.renderer_b.begin(cast(MarkdownView, self.bubble_b.body))
        self.bridge_b.textArrived.connect(self.renderer_b.add_text)
        self.ended_b: list[str] = []
        self.bridge_b.finished.connect(lambda _done: self.ended_b.append("finished"))
        self.bridge_b.failed.connect(lambda error: self.ended_b.append(str(error)))
        self.bridge_b.stopped.connect(lambda: self.ended_b.append("stopped"))
        self.conversation_b = 0
        self.pull: PullItem | None = None

    async def start(self) -> None:
        services = self.services
        services.settings.providers = self.clouds.entries()
        secrets = await services.providers.secrets()
        await secrets.aset("compat", OPENAI_KEY)
        await secrets.aset("anthropic", ANTHROPIC_KEY)
        await services.providers.rebuild()
        compat = services.providers.slot("compat")
        anthropic = services.providers.slot("anthropic")
        assert compat is not None and anthropic is not None
        chat_b = ChatService(services.history, anthropic.chat)

        self.clouds.openai.replies.push(ScriptedReply(text=reply("a")))
        self.clouds.anthropic.replies.push(ScriptedReply(text=reply("b")))
        self.clouds.slow()
        self.pull = services.pulls.add(TINY)

        self.pane.choose_model("compat", MODEL)
        self.pane.composer.setPlainText("Conversation A")
        self.pane.send()
        conversation = services.history.create_conversation("Conversation B", MODEL)
        self.conversation_b = conversation.id
        chat_b.add_user_message(conversation.id, "Conversation B")
        self.bridge_b.start(chat_b.stream_reply(conversation.id, MODEL))

    def all_running(self) -> bool:
        pull = self.pull
        return (
            self.pane.streaming
            and self.bridge_b.running
            and pull is not None
            and pull.state is PullState.ACTIVE
            and len(self.pane.messages.bubbles()[-1].text()) > 0
            and len(self.bubble_b.text()) > 0
            and pull.figures.done_bytes > 0
        )

    def answer(self, conversation_id: int | None) -> tuple[str, MessageState]:
        assert conversation_id is not None
        last = self.services.history.messages(conversation_id)[-1]
        assert last.role is Role.ASSISTANT
        return last.content, last.state


def open_scene(services: AppServices, clouds: Clouds, qtbot: object) -> Scene:
    window = services.build_window()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    return Scene(services, window, clouds)


async def test_two_answers_and_a_download_at_once_each_complete(
    ollama: OllamaServer, clouds: Clouds, qtbot: object, escapes: Escapes
) -> None:
    ollama.pull_rate = 2_000_000
    services = AppServices.create()
    try:
        scene = open_scene(services, clouds, qtbot)
        await scene.start()
        await wait_until(scene.all_running, timeout=15)

        await wait_until(lambda: not scene.pane.streaming and not scene.bridge_b.running, 20)
        assert scene.pull is not None
        await wait_until(lambda: scene.pull is not None and scene.pull.state is PullState.DONE, 30)

        assert scene.answer(scene.pane.conversation_id) == (reply("a"), MessageState.COMPLETE)
        assert scene.answer(scene.conversation_b) == (reply("b"), MessageState.COMPLETE)
        assert scene.pane.messages.bubbles()[-1].text() == reply("a")
        assert scene.bubble_b.text() == reply("b")
        assert scene.ended_b == ["finished"]
        await wait_until(lambda: scene.window.models.find(TINY) is not None, 10)
        assert not escapes, escapes.describe()
    finally:
        await services.aclose()


async def test_closing_the_window_mid_stream_ends_everything_cleanly(
    ollama: OllamaServer,
    clouds: Clouds,
    qtbot: object,
    escapes: Escapes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="desktop")
    ollama.pull_rate = 200_000
    services = AppServices.create()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scene = open_scene(services, clouds, qtbot)
        await scene.start()
        await wait_until(scene.all_running, timeout=15)
        conversation_a = scene.pane.conversation_id

        application = QApplication.instance()
        assert isinstance(application, QApplication)
        application.setQuitOnLastWindowClosed(False)  # as main() does: the loop outlives it
        try:
            scene.window.close()  # what the person does; run_app then closes the services
            await services.aclose()
        finally:
            application.setQuitOnLastWindowClosed(True)
        del scene.window
        gc.collect()
        await asyncio.sleep(0.1)

    assert clouds.openai.wait_for_disconnect(), "the OpenAI-compatible server saw no disconnect"
    assert clouds.anthropic.wait_for_disconnect(), "the Anthropic server saw no disconnect"
    history_a, history_b = reopened_answers(conversation_a, scene.conversation_b)
    for (text, state), label in ((history_a, "a"), (history_b, "b")):
        assert state is MessageState.STOPPED
        assert text and reply(label).startswith(text), "the words that arrived are kept"
    assert history_b[0] == scene.bubble_b.text()
    assert scene.ended_b == ["stopped"]
    assert scene.pull is not None and scene.pull.state is PullState.ACTIVE  # resumes next run
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert pending == [], f"tasks left running: {pending}"
    assert services.tasks.running == 0
    assert [str(w.message) for w in caught] == []
    assert [r.getMessage() for r in caplog.records] == []
    assert not escapes, escapes.describe()


def reopened_answers(*conversations: int | None) -> list[tuple[str, MessageState]]:
    from desktop.storage.history import HistoryStore, default_history_path

    store = HistoryStore.open(default_history_path())
    try:
        found = []
        for conversation in conversations:
            assert conversation is not None
            last = store.messages(conversation)[-1]
            found.append((last.content, last.state))
        return found
    finally:
        store.close()


async def test_everyone_asking_for_the_key_store_at_once_gets_the_same_one() -> None:
    """A key set through one caller is not lost to another caller's freshly opened store."""
    opened: list[SecretStore] = []

    def open_store() -> SecretStore:
        store = SecretStore(None)
        opened.append(store)
        return store

    http = make_http_client()
    registry = ProviderRegistry(Settings(), http, open_secrets=open_store)
    first, second = await asyncio.gather(registry.secrets(), registry.secrets())
    await first.aset("compat", OPENAI_KEY)
    assert len(opened) == 2 and second is first
    assert await (await registry.secrets()).aget("compat") == OPENAI_KEY
    await http.aclose()
