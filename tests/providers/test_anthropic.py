"""AnthropicProvider over real HTTP against the Anthropic test server."""

from __future__ import annotations

import json

import httpx
import pytest

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ModelNotFound,
    ProtocolError,
    RateLimited,
    ServerError,
    StreamInterrupted,
)
from desktop.core.events import TextDelta
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.providers.factory import BuiltProvider
from tests.providers.streams import (
    HELLO,
    JPEG,
    PNG,
    calls_of,
    collect,
    done_of,
    provider_for,
    text_of,
    thinking_of,
)
from tests.servers.anthropic_server import MESSAGES, AnthropicServer
from tests.servers.cloud_fixtures import ANTHROPIC_KEY, AnthropicServerFactory
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply
from tests.servers.tiny_gguf import DEFAULT_REPLY

MODEL = "claude-test-4-5"


def claude(
    http: httpx.AsyncClient, server: AnthropicServer, key: str = ANTHROPIC_KEY
) -> BuiltProvider:
    return provider_for(http, "anthropic", server.url, key)


def sent_body(server: AnthropicServer) -> dict[str, object]:
    [request] = server.requests_to(MESSAGES)
    assert isinstance(request.body, dict)
    return request.body


async def test_models_are_listed_across_pages(
    http: httpx.AsyncClient, anthropic_server_factory: AnthropicServerFactory
) -> None:
    models = tuple((f"claude-test-{n}", f"Claude Test {n}") for n in range(5))
    server = anthropic_server_factory(models=models, page_cap=2)

    listed = await claude(http, server).list_models()

    assert [model.name for model in listed] == [model_id for model_id, _ in models]
    assert listed[0].label == "Claude Test 0"
    assert len(server.requests_to("/v1/models")) == 3


async def test_streamed_text_usage_and_headers(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    messages = (ChatMessage(Role.SYSTEM, "Be brief."), *HELLO)
    events = await collect(claude(http, anthropic_server).provider.chat(MODEL, messages))

    assert text_of(events) == DEFAULT_REPLY
    done = done_of(events)
    assert done.reason == "stop"
    assert done.stats.prompt_tokens == 4
    assert done.stats.completion_tokens == len(DEFAULT_REPLY.split())
    assert done.stats.first_token_seconds is not None
    body = sent_body(anthropic_server)
    assert body["system"] == "Be brief."
    assert body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Say hello."}]}
    ]
    assert body["max_tokens"] == 4096
    [request] = anthropic_server.requests_to(MESSAGES)
    assert request.headers["x-api-key"] == ANTHROPIC_KEY
    assert request.headers["anthropic-version"] == "2023-06-01"


async def test_thinking_is_enabled_with_a_budget_and_streamed(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    anthropic_server.replies.push(ScriptedReply(text="Hi.", reasoning="I weigh it up."))
    options = ChatOptions(think=True, temperature=0.3)
    events = await collect(claude(http, anthropic_server).provider.chat(MODEL, HELLO, options))

    assert thinking_of(events) == "I weigh it up."
    assert text_of(events) == "Hi."
    body = sent_body(anthropic_server)
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 4096}
    assert body["max_tokens"] == 8192
    assert "temperature" not in body  # Anthropic refuses it with thinking on


async def test_images_become_base64_blocks_the_server_decodes(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    message = ChatMessage(Role.USER, "Compare these.", images=(PNG, JPEG))
    await collect(claude(http, anthropic_server).provider.chat(MODEL, (message,)))

    assert anthropic_server.received_images == [("image/png", PNG), ("image/jpeg", JPEG)]
    [turn] = sent_body(anthropic_server)["messages"]  # type: ignore[misc]
    assert [block["type"] for block in turn["content"]] == ["image", "image", "text"]


async def test_history_alternates_and_old_thinking_is_not_sent(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    history = (
        ChatMessage(Role.USER, "One."),
        ChatMessage(Role.USER, "Two."),
        ChatMessage(Role.ASSISTANT, "Answer.", thinking="private thoughts"),
        ChatMessage(Role.ASSISTANT, ""),
        ChatMessage(Role.USER, "Three."),
    )
    await collect(claude(http, anthropic_server).provider.chat(MODEL, history))

    messages = sent_body(anthropic_server)["messages"]
    assert messages == [
        {
            "role": "user",
            "content": [{"type": "text", "text": "One."}, {"type": "text", "text": "Two."}],
        },
        {"role": "assistant", "content": [{"type": "text", "text": "Answer."}]},
        {"role": "user", "content": [{"type": "text", "text": "Three."}]},
    ]


async def test_tool_use_is_assembled(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    arguments = json.dumps({"location": "Paris"})
    anthropic_server.replies.push(
        ScriptedReply(
            text="Let me look.", tool_calls=(ScriptedCall("weather", arguments, "toolu_9"),)
        )
    )
    events = await collect(claude(http, anthropic_server).provider.chat(MODEL, HELLO))

    [call] = calls_of(events)
    assert (call.name, call.arguments, call.call_id) == (
        "weather",
        {"location": "Paris"},
        "toolu_9",
    )
    assert done_of(events).reason == "tool_calls"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequest),
        (401, AuthFailed),
        (403, AuthFailed),
        (404, ModelNotFound),
        (413, BadRequest),
        (500, ServerError),
        (529, ServerError),
    ],
)
async def test_error_statuses(
    http: httpx.AsyncClient,
    anthropic_server: AnthropicServer,
    status: int,
    error: type[Exception],
) -> None:
    anthropic_server.inject(status=status)
    with pytest.raises(error):
        await collect(claude(http, anthropic_server).provider.chat(MODEL, HELLO))


async def test_rate_limit_says_when_to_retry(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    anthropic_server.inject(status=429, headers={"retry-after": "12"})
    with pytest.raises(RateLimited) as caught:
        await collect(claude(http, anthropic_server).provider.chat(MODEL, HELLO))
    assert caught.value.retry_after == 12


async def test_wrong_key_and_unknown_model(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    with pytest.raises(AuthFailed, match="invalid x-api-key"):
        await claude(http, anthropic_server, "sk-ant-wrong-0000").list_models()
    with pytest.raises(ModelNotFound, match="claude-nope"):
        await collect(claude(http, anthropic_server).provider.chat("claude-nope", HELLO))


async def test_error_event_after_a_200(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    anthropic_server.inject(error_after=5, error_message="Overloaded")
    seen = []
    with pytest.raises(ServerError, match="overloaded"):
        async for event in claude(http, anthropic_server).provider.chat(MODEL, HELLO):
            if isinstance(event, TextDelta):
                seen.append(event.text)
    assert seen  # what arrived before the error was shown


async def test_malformed_frame_and_dropped_stream(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    anthropic_server.inject(malformed_after=3, once=True)
    with pytest.raises(ProtocolError):
        await collect(claude(http, anthropic_server).provider.chat(MODEL, HELLO))
    anthropic_server.inject(drop_after=4, once=True)
    with pytest.raises(StreamInterrupted):
        await collect(claude(http, anthropic_server).provider.chat(MODEL, HELLO))
