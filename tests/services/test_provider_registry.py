"""Live providers from settings + keyring; switching a conversation between providers;
and an audit that no key ends up in any file Parley writes."""

from __future__ import annotations

import base64
import dataclasses
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop.core.chat_service import ChatService
from desktop.core.conversation_export import exported, to_json, to_markdown
from desktop.core.errors import AuthFailed
from desktop.core.events import Done
from desktop.core.messages import MessageState, Role
from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.providers.http_client import make_http_client
from desktop.services.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.paths import config_dir, data_dir
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedReply
from tests.storage.secret_service import SecretServiceSession

KEY = "sk-audit-5e7c1a9d0b3f"
OLLAMA_KEY = "lab-user:pa55-4c0ffee"
WRONG_KEY = "sk-wrong-81d2f4b6a0c9"


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer(api_key=KEY).start()
    yield server
    server.stop()


@pytest.fixture
async def http() -> AsyncIterator[object]:
    client = make_http_client()
    yield client
    await client.aclose()


def compat_entry(
    server: OpenAIServer, provider_id: str = "compat", **changes: object
) -> ProviderConfig:
    url = server.url + "/v1"
    entry = ProviderConfig(
        id=provider_id, preset="custom", base_url=url, key_host=key_host_for(url)
    )
    return dataclasses.replace(entry, **changes)  # type: ignore[arg-type]


def memory_secrets(**keys: str) -> SecretStore:
    store = SecretStore(None)
    for provider_id, key in keys.items():
        store.set(provider_id, key)
    return store


async def test_models_are_grouped_by_provider_local_first(
    ollama_server: OllamaServer, openai_server: OpenAIServer, http: object
) -> None:
    ollama_server.install("tiny:latest")
    ollama_server.install("tiny-vision:latest")
    settings = Settings(
        ollama_host=ollama_server.url,
        providers=[
            ProviderConfig(id="azure", preset="azure"),  # its URL still has {resource}
            compat_entry(openai_server, "lan", name="LAN server"),
            compat_entry(openai_server, "off", enabled=False),
        ],
    )
    secrets = memory_secrets(lan=KEY)
    registry = ProviderRegistry(settings, http, open_secrets=lambda: secrets)  # type: ignore[arg-type]
    changed: list[bool] = []
    registry.on_changed.subscribe(lambda: changed.append(True))
    await registry.rebuild()

    groups = await registry.all_models()

    assert changed == [True]
    assert [(g.provider_id, g.local) for g in groups] == [
        (LOCAL_OLLAMA_ID, True),
        ("lan", True),  # a loopback URL counts as local
        ("azure", False),
    ]
    assert {c.model for c in groups[0].models} == {"tiny:latest", "tiny-vision:latest"}
    assert {c.model for c in groups[1].models} == {"gpt-test", "gpt-4o-test"}
    assert groups[1].provider_name == "LAN server"
    assert "{resource}" in groups[2].problem and groups[2].models == ()
    assert registry.slot("off") is None and registry.slot("azure") is None
    await registry.aclose()


async def test_a_changed_setting_applies_after_rebuild_without_restart(
    openai_server: OpenAIServer, http: object
) -> None:
    settings = Settings(ollama_enabled=False, providers=[compat_entry(openai_server)])
    secrets = memory_secrets(compat=WRONG_KEY)
    registry = ProviderRegistry(settings, http, open_secrets=lambda: secrets)  # type: ignore[arg-type]
    await registry.rebuild()
    [group] = await registry.all_models()
    assert group.problem.startswith("Custom (OpenAI-compatible) at")
    assert "refused access" in group.problem and WRONG_KEY not in group.problem

    secrets.set("compat", KEY)
    await registry.rebuild()
    [group] = await registry.all_models()
    assert group.problem == "" and len(group.models) == 2
    await registry.aclose()


async def test_a_conversation_moves_from_ollama_to_an_openai_compatible_server(
    ollama_server: OllamaServer, openai_server: OpenAIServer, http: object
) -> None:
    """Two turns on Ollama (one with thinking), then the third on the other server: it
    receives the whole history, converted (text kept, Ollama's thinking left out)."""
    ollama_server.install("tiny-think:latest")
    settings = Settings(ollama_host=ollama_server.url, providers=[compat_entry(openai_server)])
    secrets = memory_secrets(compat=KEY)
    registry = ProviderRegistry(settings, http, open_secrets=lambda: secrets)  # type: ignore[arg-type]
    await registry.rebuild()
    ollama, compat = registry.slot(LOCAL_OLLAMA_ID), registry.slot("compat")
    assert ollama is not None and compat is not None
    history = HistoryStore.open(default_history_path())
    chat = ChatService(history, ollama.chat)
    conversation = history.create_conversation(
        "switch", "tiny-think:latest", system_prompt="Be brief."
    )

    async def turn(text: str, model: str) -> None:
        chat.add_user_message(conversation.id, text)
        events = [event async for event in chat.stream_reply(conversation.id, model)]
        assert isinstance(events[-1], Done)

    await turn("first question", "tiny-think:latest")
    first_answer = history.messages(conversation.id)[-1]
    assert first_answer.thinking and first_answer.content

    chat.set_provider(compat.chat)
    openai_server.replies.push(ScriptedReply(text="Answer from the cloud"))
    await turn("second question", "gpt-test")

    [request] = openai_server.requests_to("/v1/chat/completions")
    assert request.headers["authorization"] == f"Bearer {KEY}"
    sent = request.body["messages"]
    assert [(m["role"], m["content"]) for m in sent] == [
        ("system", "Be brief."),
        ("user", "first question"),
        ("assistant", first_answer.content),
        ("user", "second question"),
    ]
    assert not any("reasoning" in str(m) or "thinking" in m for m in sent)
    assert first_answer.thinking not in str(request.body)
    stored = history.messages(conversation.id)
    assert [m.role for m in stored] == [Role.USER, Role.ASSISTANT] * 2
    assert stored[-1].content == "Answer from the cloud"
    assert stored[-1].state is MessageState.COMPLETE
    history.close()
    await registry.aclose()


def files_holding(secret: bytes, *roots: Path) -> list[Path]:
    return [
        path
        for root in roots
        if root.exists()
        for path in root.rglob("*")
        if path.is_file() and secret in path.read_bytes()
    ]


async def test_no_key_reaches_the_config_the_database_the_logs_or_exports(
    ollama_server: OllamaServer,
    openai_server: OpenAIServer,
    http: object,
    secret_service: SecretServiceSession,
    private_dirs: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    ollama_server.install("tiny:latest")
    store = SettingsStore(default_settings_path())
    lab_url = ollama_server.url
    settings = Settings(
        ollama_host=ollama_server.url,
        providers=[
            compat_entry(openai_server, "good"),
            compat_entry(openai_server, "bad"),
            ProviderConfig(
                id="lab",
                preset="ollama",
                base_url=lab_url,
                auth="basic",
                key_host=key_host_for(lab_url),
            ),
        ],
    )
    store.save(settings)
    secrets = SecretStore.open()
    assert secrets.persistent
    for provider_id, key in {"good": KEY, "bad": WRONG_KEY, "lab": OLLAMA_KEY}.items():
        secrets.set(provider_id, key)
    registry = ProviderRegistry(store.load(), http, open_secrets=SecretStore.open)  # type: ignore[arg-type]
    await registry.rebuild()
    history = HistoryStore.open(default_history_path())
    conversation = history.create_conversation("audit", "gpt-test")
    for provider_id, model in (("good", "gpt-test"), ("lab", "tiny:latest"), ("bad", "gpt-test")):
        slot = registry.slot(provider_id)
        assert slot is not None
        chat = ChatService(history, slot.chat)
        chat.add_user_message(conversation.id, f"hello {provider_id}")
        try:
            async for _event in chat.stream_reply(conversation.id, model):
                pass
        except AuthFailed as error:
            assert provider_id == "bad"
            assert WRONG_KEY not in str(error) and WRONG_KEY not in error.detail
    lab_auth = [r.headers.get("authorization") for r in ollama_server.requests]
    assert f"Basic {base64.b64encode(OLLAMA_KEY.encode()).decode()}" in lab_auth
    stored = history.messages(conversation.id)
    assert stored[-1].state is MessageState.FAILED and "refused access" in stored[-1].error

    exports = private_dirs / "exports"
    exports.mkdir()
    whole = history.get_conversation(conversation.id)
    (exports / "audit.json").write_text(
        to_json(exported(whole, stored, [m.id for m in stored])), encoding="utf-8"
    )
    (exports / "audit.md").write_text(to_markdown(whole, stored), encoding="utf-8")
    history.close()
    await registry.aclose()
    store.save(registry.settings)
    logs = private_dirs / "logs"
    logs.mkdir()
    (logs / "session.log").write_text(caplog.text, encoding="utf-8")

    for key in (KEY, WRONG_KEY, OLLAMA_KEY):
        for form in (key.encode(), base64.b64encode(key.encode())):
            assert files_holding(form, config_dir(), data_dir(), exports, logs) == []
    assert any(p.suffix == ".json" for p in config_dir().iterdir())
    assert any(data_dir().iterdir())


async def test_only_failures_about_the_server_itself_are_reported(
    openai_server: OpenAIServer, http: object
) -> None:
    """A refused request or a missing model says nothing about whether the server is up;
    a refused connection, a refused key or a cut stream does."""
    from desktop.core.errors import (
        BadRequest,
        ConnectionFailed,
        ModelNotFound,
        StreamInterrupted,
    )

    settings = Settings(ollama_enabled=False, providers=[compat_entry(openai_server, "lan")])
    registry = ProviderRegistry(settings, http, open_secrets=lambda: memory_secrets(lan=KEY))  # type: ignore[arg-type]
    reported: list[tuple[str, object]] = []
    registry.on_reported.subscribe(lambda provider_id, error: reported.append((provider_id, error)))
    for error in (ModelNotFound("no such model"), BadRequest("bad options")):
        registry.report_failure("lan", error)
    assert reported == []
    gone, key, cut = ConnectionFailed("gone"), AuthFailed("key"), StreamInterrupted("cut")
    for error in (gone, key, cut):
        registry.report_failure("lan", error)
    assert reported == [("lan", gone), ("lan", key), ("lan", cut)]

    await registry.rebuild()
    reported.clear()
    group = (await registry.all_models())[0]
    assert reported == [("lan", None)]  # a list that answered says the server is up
    assert group.place.value == "machine" and group.local
    await registry.aclose()


async def test_a_provider_retired_mid_request_is_dropped_not_a_failure(
    openai_server: OpenAIServer, http: object
) -> None:
    """Settings changed while the model list was being asked for: the rebuild closes the
    old provider's client, and the answer it can no longer give is dropped quietly (the
    rebuild's own notice asks the new one), instead of failing the picker's task."""
    own_client = compat_entry(openai_server, use_system_proxy=False)  # not the shared one
    settings = Settings(ollama_enabled=False, providers=[own_client])
    registry = ProviderRegistry(
        settings,
        http,  # type: ignore[arg-type]
        open_secrets=lambda: memory_secrets(compat=KEY),
    )
    await registry.rebuild()
    [retired] = registry.slots()
    assert retired.built.owns_client
    await registry.rebuild()
    group = await registry.models_of(retired)
    assert (group.provider_id, group.models, group.problem) == ("compat", (), "")
    [group] = await registry.all_models()
    assert len(group.models) == 2, "the current provider still answers"
    await registry.aclose()
