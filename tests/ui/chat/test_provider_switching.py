"""One conversation, two providers: switching from the local Ollama to an OpenAI-compatible
server midway through the chat pane's model picker, in the real window."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.messages import MessageState, Role
from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID
from desktop.ui.shell.main_window import MainWindow
from tests.servers.llama_server import MODEL_ALIAS, LlamaServer
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedReply
from tests.servers.tiny_gguf import DEFAULT_REPLY
from tests.ui.chat_fixtures import ask
from tests.ui.conftest import wait_until

TINY = "tiny:latest"
CLOUD_REPLY = "Answer from the other server, word by word"

Opener = Callable[[], MainWindow]


def save_settings(*entries: ProviderConfig) -> None:
    SettingsStore(default_settings_path()).save(Settings(providers=list(entries)))


def entry_for(url: str, provider_id: str = "lab", name: str = "Lab server") -> ProviderConfig:
    return ProviderConfig(
        id=provider_id, preset="custom", name=name, base_url=url, key_host=key_host_for(url)
    )


@pytest.fixture
def two_servers(
    ollama_server: OllamaServer,
    openai_server_factory: Callable[..., OpenAIServer],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[OllamaServer, OpenAIServer]:
    """The window's local Ollama, and a keyless OpenAI-compatible server in Settings."""
    ollama_server.install(TINY)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    cloud = openai_server_factory(api_key=None)
    save_settings(entry_for(cloud.url + "/v1"))
    return ollama_server, cloud


async def ready(open_window: Opener) -> ChatPane:
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: TINY in pane.available_models() and pane.available_models("lab"))
    return pane


def pick_in_popup(pane: ChatPane, search: str) -> None:
    """What a person does: open the picker, type, press Enter."""
    pane.picker.button.click()
    assert pane.picker.popup.isVisible()
    QTest.keyClicks(pane.picker.popup.search, search)
    QTest.keyClick(pane.picker.popup.search, Qt.Key.Key_Return)


async def test_a_conversation_moves_to_another_server_midway_and_keeps_it(
    two_servers: tuple[OllamaServer, OpenAIServer], open_window: Opener
) -> None:
    ollama, cloud = two_servers
    pane = await ready(open_window)
    pane.set_model(TINY)
    assert pane.picker.button.text() == f"{TINY}  ·  Ollama"
    pane.settings_button.click()
    pane.settings_panel.system_prompt.setPlainText("Be brief.")
    await ask(pane, "first question")
    conversation_id = pane.conversation_id
    assert pane.messages.bubbles()[-1].text() == DEFAULT_REPLY

    pick_in_popup(pane, "gpt-test")
    assert not pane.picker.popup.isVisible()
    assert (pane.current_provider(), pane.current_model()) == ("lab", "gpt-test")
    assert pane.picker.button.text() == "gpt-test  ·  Lab server"
    assert pane.route_label.text() == f"switched from {TINY}"

    cloud.replies.push(ScriptedReply(text=CLOUD_REPLY))
    cloud.inject(path="/v1/chat/completions", token_delay=0.03)
    pane.composer.setPlainText("second question")
    pane.send()
    await wait_until(lambda: len(pane.messages.bubbles()) == 4)
    answer = pane.messages.bubbles()[-1]
    seen: list[str] = []
    while pane.streaming:
        if answer.text() and (not seen or seen[-1] != answer.text()):
            seen.append(answer.text())
        await asyncio.sleep(0.005)
    assert answer.text() == CLOUD_REPLY
    assert len(seen) >= 3, f"the answer did not stream in: {seen}"
    assert pane.conversation_id == conversation_id
    assert pane.route_label.text() == "local", "the switch is done: answers come from Lab"

    [request] = cloud.requests_to("/v1/chat/completions")
    assert request.body["model"] == "gpt-test"
    assert [(m["role"], m["content"]) for m in request.body["messages"]] == [
        ("system", "Be brief."),
        ("user", "first question"),
        ("assistant", DEFAULT_REPLY),
        ("user", "second question"),
    ]
    ollama_chats = ollama.requests_to("/api/chat")
    assert len(ollama_chats) == 1, "the second answer must not come from Ollama"

    history = HistoryStore.open(default_history_path())
    try:
        stored = history.get_conversation(conversation_id or -1)
        assert (stored.provider, stored.model) == ("lab", "gpt-test")
        messages = history.messages(stored.id)
        assert [(m.role, m.model) for m in messages] == [
            (Role.USER, ""),
            (Role.ASSISTANT, TINY),
            (Role.USER, ""),
            (Role.ASSISTANT, "gpt-test"),
        ]
        assert messages[-1].state is MessageState.COMPLETE
    finally:
        history.close()

    pane.window().close()  # saves the last conversation, as quitting does
    reopened = open_window().chat_pane
    await wait_until(lambda: reopened.picker.button.text() == "gpt-test  ·  Lab server")
    assert reopened.conversation_id == conversation_id
    assert (reopened.current_provider(), reopened.current_model()) == ("lab", "gpt-test")
    assert [b.text() for b in reopened.messages.bubbles()][1::2] == [DEFAULT_REPLY, CLOUD_REPLY]
    assert not reopened.notice.isVisible()


async def test_a_conversation_whose_provider_is_gone_stays_readable(
    two_servers: tuple[OllamaServer, OpenAIServer], open_window: Opener
) -> None:
    _ollama, cloud = two_servers
    pane = await ready(open_window)
    pane.choose_model("lab", "gpt-test")
    cloud.replies.push(ScriptedReply(text=CLOUD_REPLY))
    await ask(pane, "hello lab")
    conversation_id = pane.conversation_id
    pane.window().close()

    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.providers = []  # the person removed the provider
    store.save(settings)
    reopened = await ready_without_lab(open_window)
    assert reopened.conversation_id == conversation_id
    assert [b.text() for b in reopened.messages.bubbles()] == ["hello lab", CLOUD_REPLY]
    await wait_until(lambda: reopened.notice.isVisible())
    assert "no longer set up" in reopened.notice_label.text()
    assert "gpt-test" in reopened.notice_label.text()
    assert reopened.route_label.text() == "⚠ unavailable"

    reopened.composer.setPlainText("are you there?")
    reopened.send()
    assert reopened.composer.toPlainText() == "are you there?", "the draft must not be lost"
    assert len(reopened.messages.bubbles()) == 2 and not reopened.streaming

    reopened.set_model(TINY)  # continue on the local model instead
    assert not reopened.notice.isVisible()
    await ask(reopened, "are you there?")
    assert reopened.messages.bubbles()[-1].text() == DEFAULT_REPLY
    assert reopened.conversation_id == conversation_id


async def ready_without_lab(open_window: Opener) -> ChatPane:
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: TINY in pane.available_models())
    return pane


async def test_new_conversations_start_from_the_default_model(
    two_servers: tuple[OllamaServer, OpenAIServer], open_window: Opener
) -> None:
    _ollama, cloud = two_servers
    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.default_provider, settings.default_model = "lab", "gpt-4o-test"
    store.save(settings)
    pane = await ready(open_window)
    await wait_until(lambda: pane.current_model() == "gpt-4o-test")
    assert pane.current_provider() == "lab"

    pane.set_model(TINY)
    pane.new_button.click()
    assert (pane.current_provider(), pane.current_model()) == ("lab", "gpt-4o-test")
    cloud.replies.push(ScriptedReply(text=CLOUD_REPLY))
    await ask(pane, "hello")
    [request] = cloud.requests_to("/v1/chat/completions")
    assert request.body["model"] == "gpt-4o-test"


async def test_the_real_llama_cpp_server_answers_through_the_picker(
    ollama_server: OllamaServer,
    llama_server: LlamaServer,
    monkeypatch: pytest.MonkeyPatch,
    open_window: Opener,
) -> None:
    """llama.cpp's own OpenAI-compatible server, added as a provider: its model is offered
    in the picker and its real streamed answer lands in the chat."""
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)  # reachable, no models
    save_settings(entry_for(llama_server.url, "llama", "llama.cpp"))
    pane = open_window().chat_pane
    await wait_until(lambda: MODEL_ALIAS in pane.available_models("llama"), timeout=30)

    pick_in_popup(pane, MODEL_ALIAS)
    assert (pane.current_provider(), pane.current_model()) == ("llama", MODEL_ALIAS)
    assert pane.picker.button.text() == f"{MODEL_ALIAS}  ·  llama.cpp"
    pane.settings_button.click()
    pane.settings_panel.seed.setValue(1)
    await ask(pane, "Say hello")
    answer = pane.messages.bubbles()[-1]
    assert answer.text() == DEFAULT_REPLY
    assert "Failed" not in answer.footer_text()
    history = HistoryStore.open(default_history_path())
    try:
        stored = history.get_conversation(pane.conversation_id or -1)
        assert (stored.provider, stored.model) == ("llama", MODEL_ALIAS)
    finally:
        history.close()


async def test_a_new_ollama_host_serves_the_monitor_the_picker_and_the_chat(
    ollama_server: OllamaServer,
    ollama_server_factory: Callable[..., OllamaServer],
    monkeypatch: pytest.MonkeyPatch,
    open_window: Opener,
) -> None:
    """One local Ollama: after the host changes, the provider status, the picker and the next
    answer all use the new server, and the old one hears nothing more."""
    ollama_server.install(TINY)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: TINY in pane.available_models())
    other = ollama_server_factory(install=["tiny-vision:latest"])

    window.set_host(other.url)

    await wait_until(lambda: pane.available_models() == ["tiny-vision:latest"])
    await wait_until(lambda: window.models.find("tiny-vision:latest") is not None)
    host = other.url.removeprefix("http://")
    states = window.provider_status.states
    await wait_until(lambda: any(host in s.host for s in states() if s.is_local_ollama))
    pane.choose_model(LOCAL_OLLAMA_ID, "tiny-vision:latest")
    await ask(pane, "hello")
    assert pane.messages.bubbles()[-1].text() == DEFAULT_REPLY
    assert len(other.requests_to("/api/chat")) == 1
    assert ollama_server.requests_to("/api/chat") == []
