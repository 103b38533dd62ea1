"""OpenAICompatProvider over real HTTP: the OpenAI test server and real llama.cpp.

The test server scripts answers and injects every failure a person meets with a cloud
service; ``llama_cpp.server`` is a real OpenAI-compatible server running a real model.
"""

from __future__ import annotations

import asyncio
import json
import socket

import httpx
import pytest

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ConnectionFailed,
    ModelNotFound,
    ProtocolError,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
    StreamInterrupted,
)
from desktop.core.events import TextDelta
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.providers.http_client import make_http_client
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
from tests.servers.cloud_fixtures import LLAMA_KEY, OPENAI_KEY, OpenAIServerFactory
from tests.servers.llama_server import MODEL_ALIAS, LlamaServer
from tests.servers.openai_server import CHAT, OpenAIServer
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply
from tests.servers.tiny_gguf import DEFAULT_REPLY


def openai(http: httpx.AsyncClient, server: OpenAIServer, key: str = OPENAI_KEY):  # type: ignore[no-untyped-def]
    return provider_for(http, "openai", f"{server.url}/v1", key).provider


def chat_body(server: OpenAIServer) -> dict[str, object]:
    [request] = server.requests_to(CHAT)
    assert isinstance(request.body, dict)
    return request.body


# -- models -----------------------------------------------------------------------------


async def test_models_are_listed(http: httpx.AsyncClient, openai_server: OpenAIServer) -> None:
    models = await openai(http, openai_server).list_models()
    assert [model.name for model in models] == ["gpt-4o-test", "gpt-test"]
    assert models[0].owned_by == "system"
    assert models[0].created is not None


async def test_a_null_model_list_is_empty(
    http: httpx.AsyncClient, openai_server_factory: OpenAIServerFactory
) -> None:
    server = openai_server_factory(models=(), null_model_list=True)
    assert await openai(http, server).list_models() == []


async def test_typed_model_names_join_the_list(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = provider_for(
        http, "custom", f"{openai_server.url}/v1", OPENAI_KEY, models=("my-finetune",)
    )
    names = [model.name for model in await built.list_models()]
    assert names == ["gpt-4o-test", "gpt-test", "my-finetune"]


# -- streaming --------------------------------------------------------------------------


async def test_streamed_answer_with_usage_and_timing(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    events = await collect(openai(http, openai_server).chat("gpt-test", HELLO))

    assert text_of(events) == DEFAULT_REPLY
    assert all(isinstance(event, TextDelta) for event in events[:-1])
    done = done_of(events)
    assert done.reason == "stop"
    assert done.stats.prompt_tokens == 2
    assert done.stats.completion_tokens == len(DEFAULT_REPLY.split())
    assert done.stats.first_token_seconds is not None
    assert done.stats.total_seconds is not None
    assert 0 <= done.stats.first_token_seconds <= done.stats.total_seconds


async def test_request_carries_stream_usage_system_prompt_and_options(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    messages = (ChatMessage(Role.SYSTEM, "Be brief."), *HELLO)
    options = ChatOptions(temperature=0.2, top_p=0.9, num_predict=50, seed=7, think="high")
    await collect(openai(http, openai_server).chat("gpt-test", messages, options))

    body = chat_body(openai_server)
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Say hello."},
    ]
    assert (body["temperature"], body["top_p"], body["max_tokens"], body["seed"]) == (
        0.2,
        0.9,
        50,
        7,
    )
    assert body["reasoning_effort"] == "high"
    [request] = openai_server.requests_to(CHAT)
    assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"


@pytest.mark.parametrize("key", ["reasoning_content", "reasoning"])
async def test_reasoning_deltas_are_thinking(
    http: httpx.AsyncClient, openai_server: OpenAIServer, key: str
) -> None:
    openai_server.replies.push(
        ScriptedReply(text="Hi there.", reasoning="First I think.", reasoning_key=key)
    )
    events = await collect(openai(http, openai_server).chat("gpt-test", HELLO))

    assert thinking_of(events) == "First I think."
    assert text_of(events) == "Hi there."
    kinds = [type(event).__name__ for event in events]
    assert kinds.index("TextDelta") > kinds.index("ThinkingDelta")


async def test_tool_call_deltas_are_assembled(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    weather = json.dumps({"city": "Tokyo", "unit": "celsius"})
    time_args = json.dumps({"zone": "Asia/Tokyo"})
    openai_server.replies.push(
        ScriptedReply(
            text="",
            tool_calls=(
                ScriptedCall("get_weather", weather, "call_a"),
                ScriptedCall("get_time", time_args, "call_b"),
            ),
        )
    )
    events = await collect(openai(http, openai_server).chat("gpt-test", HELLO))

    first, second = calls_of(events)
    assert (first.name, first.arguments, first.call_id, first.index) == (
        "get_weather",
        {"city": "Tokyo", "unit": "celsius"},
        "call_a",
        0,
    )
    assert (second.name, second.arguments, second.index) == ("get_time", {"zone": "Asia/Tokyo"}, 1)
    assert done_of(events).reason == "tool_calls"


async def test_images_go_as_data_urls_the_server_decodes(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    message = ChatMessage(Role.USER, "What are these?", images=(PNG, JPEG))
    await collect(openai(http, openai_server).chat("gpt-4o-test", (message,)))

    assert openai_server.received_images == [("image/png", PNG), ("image/jpeg", JPEG)]
    [content] = [m["content"] for m in chat_body(openai_server)["messages"]]  # type: ignore[union-attr]
    assert content[0] == {"type": "text", "text": "What are these?"}


async def test_an_unknown_image_format_is_refused_before_sending(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    message = ChatMessage(Role.USER, "Look", images=(b"not an image at all",))
    with pytest.raises(BadRequest, match="PNG, JPEG, GIF or WebP"):
        await collect(openai(http, openai_server).chat("gpt-4o-test", (message,)))
    assert openai_server.requests_to(CHAT) == []


async def test_stop_closes_the_connection(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.inject(token_delay=0.2)
    started = asyncio.Event()

    async def consume() -> None:
        async for _ in openai(http, openai_server).chat("gpt-test", HELLO):
            started.set()

    task = asyncio.ensure_future(consume())
    await asyncio.wait_for(started.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(openai_server.wait_for_disconnect, 5)


# -- every failure has its error class --------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequest),
        (401, AuthFailed),
        (403, AuthFailed),
        (404, ModelNotFound),
        (413, BadRequest),
        (500, ServerError),
        (503, ServerError),
    ],
)
async def test_error_statuses(
    http: httpx.AsyncClient,
    openai_server: OpenAIServer,
    status: int,
    error: type[ProviderError],
) -> None:
    openai_server.inject(status=status)
    with pytest.raises(error) as caught:
        await collect(openai(http, openai_server).chat("gpt-test", HELLO))
    assert caught.value.status == status
    advice = ("Check the", "Try again", "Start a new conversation")
    assert any(words in caught.value.message for words in advice), caught.value.message
    assert caught.value.detail  # the server's own words, for the details disclosure


async def test_rate_limit_says_when_to_retry(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.inject(status=429, headers={"Retry-After": "7"})
    with pytest.raises(RateLimited) as caught:
        await collect(openai(http, openai_server).chat("gpt-test", HELLO))
    assert caught.value.retry_after == 7
    assert "Try again in 7 seconds" in caught.value.message


async def test_unknown_model_is_model_not_found(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    with pytest.raises(ModelNotFound, match="gpt-nope"):
        await collect(openai(http, openai_server).chat("gpt-nope", HELLO))


async def test_error_frame_inside_a_200_stream(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.inject(error_after=4, error_message="The engine crashed")
    seen: list[str] = []
    with pytest.raises(ServerError, match="The engine crashed"):
        async for event in openai(http, openai_server).chat("gpt-test", HELLO):
            if isinstance(event, TextDelta):
                seen.append(event.text)
    assert "".join(seen) == " ".join(DEFAULT_REPLY.split()[:3])


async def test_malformed_frame_is_a_protocol_error(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.inject(malformed_after=2)
    with pytest.raises(ProtocolError, match="cannot read"):
        await collect(openai(http, openai_server).chat("gpt-test", HELLO))


async def test_dropped_connection_is_interrupted(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.inject(drop_after=3)
    with pytest.raises(StreamInterrupted):
        await collect(openai(http, openai_server).chat("gpt-test", HELLO))


async def test_silent_server_times_out(openai_server: OpenAIServer) -> None:
    openai_server.inject(silent_after=2)
    async with make_http_client(read_timeout=0.5) as impatient:
        with pytest.raises(ProviderTimeout, match="stopped responding"):
            await collect(openai(impatient, openai_server).chat("gpt-test", HELLO))


async def test_nobody_listening_is_connection_failed(http: httpx.AsyncClient) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    built = provider_for(http, "openai", f"http://127.0.0.1:{port}/v1", OPENAI_KEY)
    with pytest.raises(ConnectionFailed, match="Could not connect"):
        await built.list_models()


# -- the key never shows ----------------------------------------------------------------


async def test_a_rejected_key_never_appears_in_the_error(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    wrong = "sk-wrong-5d1e9a7c3b2f48e6"  # the test server echoes a wrong key in full
    provider = openai(http, openai_server, wrong)
    for attempt in (provider.list_models(), collect(provider.chat("gpt-test", HELLO))):
        with pytest.raises(AuthFailed) as caught:
            await attempt
        error = caught.value
        assert "Incorrect API key provided" in error.detail
        for text in (error.message, error.detail, str(error), repr(error), *map(str, error.args)):
            assert wrong not in text
    assert wrong not in repr(provider)


# -- a real OpenAI-compatible server: llama.cpp -----------------------------------------


async def test_real_llama_cpp_server_streams_the_models_answer(
    http: httpx.AsyncClient, llama_server: LlamaServer
) -> None:
    built = provider_for(http, "custom", llama_server.url)
    assert MODEL_ALIAS in [model.name for model in await built.list_models()]

    events = await collect(built.provider.chat(MODEL_ALIAS, HELLO, ChatOptions(seed=1)))

    assert text_of(events) == DEFAULT_REPLY
    done = done_of(events)
    assert done.reason == "stop"
    assert done.stats.first_token_seconds is not None


async def test_real_llama_cpp_server_with_key(
    http: httpx.AsyncClient, llama_server_with_key: LlamaServer
) -> None:
    good = provider_for(http, "vllm", llama_server_with_key.url, LLAMA_KEY)
    assert text_of(await collect(good.provider.chat(MODEL_ALIAS, HELLO))) == DEFAULT_REPLY

    bad = provider_for(http, "vllm", llama_server_with_key.url, "llama-wrong-key-000")
    with pytest.raises(AuthFailed) as caught:
        await bad.list_models()
    assert caught.value.status == 401
    assert caught.value.detail == "Invalid API key"
    assert "Check the API key" in caught.value.message
    assert "llama-wrong-key-000" not in caught.value.message
