"""The chat service streams from a real Ollama-protocol server and keeps answers on disk."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from desktop.core.chat_parameters import ChatParameters
from desktop.core.chat_service import ChatService, to_chat_messages
from desktop.core.errors import ServerError
from desktop.core.events import Done, TextDelta, ThinkingDelta
from desktop.core.messages import ChatOptions, MessageState, Role
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.storage.history import HistoryStore
from tests.servers.tiny_gguf import DEFAULT_REPLY


@pytest.fixture
async def service(ollama_server, tmp_path) -> AsyncIterator[ChatService]:
    ollama_server.install("tiny:latest")
    ollama_server.install("tiny-loop:latest")
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    async with make_http_client() as client:
        yield ChatService(store, OllamaProvider(client, ollama_server.url), save_interval=0.05)
    store.close()


async def test_answer_is_streamed_and_saved_complete(service, ollama_server):
    store = service.store
    conversation = store.create_conversation("Hi", "tiny:latest", system_prompt="Be brief.")
    service.add_user_message(conversation.id, "Hello there")
    events = [e async for e in service.stream_reply(conversation.id, "tiny:latest")]

    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert text == DEFAULT_REPLY
    assert isinstance(events[-1], Done)
    answer = store.messages(conversation.id)[-1]
    assert (answer.role, answer.state, answer.content) == (
        Role.ASSISTANT,
        MessageState.COMPLETE,
        DEFAULT_REPLY,
    )
    assert answer.stats is not None and answer.stats.completion_tokens
    sent = [r for r in ollama_server.requests if r.path == "/api/chat"][-1].body["messages"]
    assert [(m["role"], m["content"]) for m in sent] == [
        ("system", "Be brief."),
        ("user", "Hello there"),
    ]


async def test_growing_answer_is_on_disk_before_it_ends(service, ollama_server, tmp_path):
    ollama_server.inject(path="/api/chat", token_delay=0.03)
    conversation = service.store.create_conversation("Slow", "tiny:latest")
    service.add_user_message(conversation.id, "Take your time")
    reader = HistoryStore.open(tmp_path / "history.sqlite3")
    seen_while_streaming: list[str] = []
    async for event in service.stream_reply(conversation.id, "tiny:latest"):
        if isinstance(event, TextDelta):
            row = reader.messages(conversation.id)[-1]
            seen_while_streaming.append(row.content)
            assert row.state is MessageState.STREAMING
    reader.close()
    partial = [s for s in seen_while_streaming if s and s != DEFAULT_REPLY]
    assert partial, "the answer was only written at the end"
    assert all(DEFAULT_REPLY.startswith(s) for s in partial)


async def test_stop_keeps_the_partial_answer_marked_stopped(service, ollama_server):
    conversation = service.store.create_conversation("Loop", "tiny-loop:latest")
    service.add_user_message(conversation.id, "Go on")
    received: list[str] = []

    async def consume() -> None:
        async for event in service.stream_reply(conversation.id, "tiny-loop:latest"):
            if isinstance(event, TextDelta):
                received.append(event.text)

    task = asyncio.ensure_future(consume())
    while len(received) < 10:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    answer = service.store.messages(conversation.id)[-1]
    assert answer.state is MessageState.STOPPED
    assert answer.content == "".join(received)
    assert await asyncio.to_thread(ollama_server.wait_for_disconnect, 5)


async def test_error_mid_stream_keeps_text_and_records_the_error(service, ollama_server):
    ollama_server.inject(path="/api/chat", error_after=3, error_message="model runner crashed")
    conversation = service.store.create_conversation("Err", "tiny:latest")
    service.add_user_message(conversation.id, "Hello")
    received: list[str] = []
    with pytest.raises(ServerError, match="model runner crashed"):
        async for event in service.stream_reply(conversation.id, "tiny:latest"):
            if isinstance(event, TextDelta):
                received.append(event.text)
    answer = service.store.messages(conversation.id)[-1]
    assert answer.state is MessageState.FAILED
    assert answer.content == "".join(received) and received
    assert "model runner crashed" in answer.error


def test_failed_and_empty_answers_are_not_sent_back(tmp_path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    conversation = store.create_conversation("t", "m")
    store.add_message(conversation.id, Role.USER, "one")
    store.add_message(conversation.id, Role.ASSISTANT, "half", state=MessageState.FAILED)
    store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STOPPED)
    store.add_message(conversation.id, Role.ASSISTANT, "kept", state=MessageState.STOPPED)
    history = to_chat_messages(store.messages(conversation.id))
    assert [(m.role, m.content) for m in history] == [
        (Role.USER, "one"),
        (Role.ASSISTANT, "kept"),
    ]
    store.close()


def chat_bodies(server) -> list[dict]:
    return [r.body for r in server.requests if r.path == "/api/chat"]


async def test_context_window_is_always_sent_explicitly(service, ollama_server):
    conversation = service.store.create_conversation("Ctx", "tiny:latest")
    service.add_user_message(conversation.id, "Hello")
    [_ async for _ in service.stream_reply(conversation.id, "tiny:latest")]
    # the tiny model's own window is 4096 tokens: below the 8192 cap, so used as is
    assert chat_bodies(ollama_server)[-1]["options"] == {"num_ctx": 4096}

    service.store.set_parameters(
        conversation.id,
        ChatParameters(temperature=0.3, top_p=0.5, num_ctx=2048, seed=7, max_tokens=4),
    )
    service.add_user_message(conversation.id, "Again")
    [_ async for _ in service.stream_reply(conversation.id, "tiny:latest")]
    assert chat_bodies(ollama_server)[-1]["options"] == {
        "temperature": 0.3,
        "top_p": 0.5,
        "num_ctx": 2048,
        "seed": 7,
        "num_predict": 4,
    }
    answer = service.store.messages(conversation.id)[-1]
    assert answer.stats.completion_tokens == 4, "max tokens reached the model"

    service.add_user_message(conversation.id, "Once more")
    overrides = ChatOptions(num_predict=2, keep_alive="1m")
    [_ async for _ in service.stream_reply(conversation.id, "tiny:latest", overrides)]
    body = chat_bodies(ollama_server)[-1]
    assert body["options"]["num_predict"] == 2 and body["options"]["num_ctx"] == 2048
    assert body["keep_alive"] == "1m"


async def test_thinking_switch_reaches_models_that_can_think(service, ollama_server):
    ollama_server.install("tiny-think:latest")
    conversation = service.store.create_conversation("Think", "tiny-think:latest")
    service.add_user_message(conversation.id, "Hm?")
    events = [e async for e in service.stream_reply(conversation.id, "tiny-think:latest")]
    assert any(isinstance(e, ThinkingDelta) for e in events)
    assert chat_bodies(ollama_server)[-1]["think"] is True, "on by default, said explicitly"

    service.store.set_parameters(conversation.id, ChatParameters(think=False))
    service.add_user_message(conversation.id, "No thinking now")
    events = [e async for e in service.stream_reply(conversation.id, "tiny-think:latest")]
    assert chat_bodies(ollama_server)[-1]["think"] is False
    assert not any(isinstance(e, ThinkingDelta) for e in events)

    # a model that cannot think never gets the field (Ollama would refuse the request)
    plain = service.store.create_conversation("Plain", "tiny:latest")
    service.store.set_parameters(plain.id, ChatParameters(think=True))
    service.add_user_message(plain.id, "Hi")
    [_ async for _ in service.stream_reply(plain.id, "tiny:latest")]
    assert "think" not in chat_bodies(ollama_server)[-1]
    details = await service.model_details("tiny-think:latest")
    assert details is not None and details.can_think
    shows = [r for r in ollama_server.requests if r.path == "/api/show"]
    assert len(shows) == 2, "details are asked once per model"


async def test_regenerate_sends_the_history_up_to_the_question(service, ollama_server):
    store = service.store
    conversation = store.create_conversation("Regen", "tiny:latest")
    question = service.add_user_message(conversation.id, "First question")
    [_ async for _ in service.stream_reply(conversation.id, "tiny:latest")]
    service.add_user_message(conversation.id, "Second question")
    [_ async for _ in service.stream_reply(conversation.id, "tiny:latest")]

    [_ async for _ in service.stream_reply(conversation.id, "tiny:latest", parent_id=question.id)]
    sent = chat_bodies(ollama_server)[-1]["messages"]
    assert [(m["role"], m["content"]) for m in sent] == [("user", "First question")]
    steps = store.active_path(conversation.id)
    assert [s.message.role for s in steps] == [Role.USER, Role.ASSISTANT]
    assert len(steps[1].sibling_ids) == 2 and steps[1].index == 1
    assert steps[1].message.content == DEFAULT_REPLY
