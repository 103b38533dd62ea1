"""OllamaProvider over real HTTP against the loopback Ollama-protocol server.

The server runs real llama.cpp inference on a tiny model whose answer is a fixed
sentence, and can inject the failures a person meets with a real Ollama.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta, timezone

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
from desktop.core.events import (
    MIN_RATE_SECONDS,
    ChatEvent,
    Done,
    TextDelta,
    ThinkingDelta,
)
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.model_records import PullProgress
from desktop.core.tools import tool_call
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from tests.servers.fixtures import TINY, TINY_LOOP, TINY_THINK, TINY_VISION
from tests.servers.ollama_chat import THINKING_TEXT
from tests.servers.ollama_server import OllamaServer
from tests.servers.tiny_gguf import DEFAULT_REPLY

HELLO = (ChatMessage(Role.USER, "Say hello."),)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client() as shared:
        yield shared


@pytest.fixture
def ollama(client: httpx.AsyncClient, ollama_server: OllamaServer) -> OllamaProvider:
    return OllamaProvider(client, ollama_server.url)


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port nobody listens on: bound, then closed."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    yield port


async def collect(stream: AsyncIterator[ChatEvent]) -> list[ChatEvent]:
    return [event async for event in stream]


def text_of(events: list[ChatEvent]) -> str:
    return "".join(event.text for event in events if isinstance(event, TextDelta))


def chat_bodies(server: OllamaServer) -> list[dict[str, object]]:
    return [request.body for request in server.requests_to("/api/chat")]


# -- model management ------------------------------------------------------------------


async def test_version_and_installed_models(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    assert await ollama.version() == ollama_server.version
    assert await ollama.list_models() == []
    ollama_server.install(TINY)
    ollama_server.install(TINY_VISION)

    models = {model.name: model for model in await ollama.list_models()}

    assert set(models) == {TINY, TINY_VISION}
    tiny = models[TINY]
    assert tiny.size > 0
    assert len(tiny.digest) == 64
    assert isinstance(tiny.modified_at, datetime)
    assert tiny.modified_at.tzinfo is not None
    assert tiny.family == "llama"
    assert tiny.format == "gguf"
    assert tiny.capabilities == ("completion",)
    assert models[TINY_VISION].capabilities == ("completion", "vision")


async def test_show_reports_capabilities_and_context_length(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY_THINK)

    details = await ollama.show(TINY_THINK)

    assert details.name == TINY_THINK
    assert details.can_think
    assert not details.can_see
    assert details.architecture == "llama"
    assert isinstance(details.context_length, int)
    assert details.context_length > 0
    assert details.license == "MIT"
    assert "FROM" in details.modelfile
    assert details.template


async def test_pull_reports_progress_until_success_and_installs(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.pull_rate = 2_000_000

    steps: list[PullProgress] = [step async for step in ollama.pull(TINY)]

    statuses = [step.status for step in steps]
    assert statuses[0] == "pulling manifest"
    assert statuses[-1] == "success"
    largest = max(steps, key=lambda step: step.total)
    layer = [step for step in steps if step.digest == largest.digest]
    completed = [step.completed for step in layer]
    assert len(completed) >= 3
    assert completed == sorted(completed)
    assert completed[-1] == largest.total
    assert largest.digest.startswith("sha256:")
    assert f"pulling {largest.digest[7:19]}" in statuses
    models = await ollama.list_models()
    assert [model.name for model in models] == [TINY]
    assert models[0].size >= largest.total


async def test_delete_removes_the_model_and_a_second_delete_says_not_installed(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)

    await ollama.delete(TINY)

    assert await ollama.list_models() == []
    with pytest.raises(ModelNotFound) as caught:
        await ollama.delete(TINY)
    assert "not installed" in caught.value.message
    assert "not found" in caught.value.detail


async def test_copy_creates_a_second_name_for_the_model(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)

    await ollama.copy(TINY, "my-tiny:backup")

    names = sorted(model.name for model in await ollama.list_models())
    assert names == ["my-tiny:backup", TINY]
    with pytest.raises(ModelNotFound, match="Pull it in the model manager"):
        await ollama.copy("absent:latest", "other:latest")


async def test_records_from_ollamas_documented_shapes(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    documented = {
        "name": "llama3.2:latest",
        "model": "llama3.2:latest",
        "modified_at": "2025-05-04T17:37:44.706015396-07:00",
        "size": 2019393189,
        "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
        "details": {
            "format": "gguf",
            "family": "llama",
            "families": ["llama"],
            "parameter_size": "3.2B",
            "quantization_level": "Q4_K_M",
        },
    }
    sparse = {"model": "old:latest", "size": "big", "details": None}
    ollama_server.inject("/api/tags", status=200, body={"models": [documented, sparse]})
    running = {**documented, "expires_at": "2024-06-04T14:38:31.83753Z", "size_vram": 5}
    ollama_server.inject("/api/ps", status=200, body={"models": [running]})

    full, bare = await ollama.list_models()
    (loaded,) = await ollama.running_models()

    pacific = timezone(timedelta(hours=-7))
    assert full.modified_at == datetime(2025, 5, 4, 17, 37, 44, 706015, tzinfo=pacific)
    assert (full.size, full.parameter_size, full.quantization) == (2019393189, "3.2B", "Q4_K_M")
    assert full.families == ("llama",)
    assert full.capabilities == ()
    assert (bare.name, bare.size, bare.modified_at, bare.family) == ("old:latest", 0, None, "")
    assert loaded.expires_at == datetime(2024, 6, 4, 14, 38, 31, 837530, tzinfo=UTC)
    assert (loaded.size_vram, loaded.context_length) == (5, None)


async def test_a_server_that_is_not_ollama_is_named_as_such(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.inject("/api/version", status=200, body="<html>Welcome to nginx</html>")

    with pytest.raises(ProtocolError) as caught:
        await ollama.version()

    assert "nginx" in caught.value.detail
    assert "Ollama host in Settings" in caught.value.message


# -- chat ------------------------------------------------------------------------------


async def test_chat_streams_the_models_reply_with_stats(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    # Tokens that arrive together are merged into one delta; apart, each is its own.
    ollama_server.inject(path="/api/chat", token_delay=0.02)

    events = await collect(ollama.chat(TINY, HELLO))

    assert text_of(events) == DEFAULT_REPLY
    assert sum(isinstance(event, TextDelta) for event in events) > 3
    done = events[-1]
    assert isinstance(done, Done)
    assert done.reason == "stop"
    stats = done.stats
    assert stats.completion_tokens is not None
    assert stats.completion_tokens > 3
    assert stats.prompt_tokens is not None
    assert stats.prompt_tokens > 0
    assert stats.total_seconds is not None
    assert stats.eval_seconds is not None
    assert 0 < stats.eval_seconds <= stats.total_seconds < 60
    assert stats.first_token_seconds is not None
    assert 0 < stats.first_token_seconds < 60
    # The rate is Ollama's own (eval_count / eval_duration), when long enough to mean much.
    long_enough = stats.eval_seconds >= MIN_RATE_SECONDS
    expected = stats.completion_tokens / stats.eval_seconds if long_enough else None
    assert stats.tokens_per_second == expected


async def test_chat_streams_thinking_before_the_answer(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY_THINK)

    events = await collect(ollama.chat(TINY_THINK, HELLO, ChatOptions(think=True)))

    thinking = "".join(event.text for event in events if isinstance(event, ThinkingDelta))
    assert thinking == THINKING_TEXT
    first_text = next(i for i, event in enumerate(events) if isinstance(event, TextDelta))
    assert all(isinstance(event, ThinkingDelta) for event in events[:first_text])
    assert text_of(events) == DEFAULT_REPLY
    assert chat_bodies(ollama_server)[-1]["think"] is True


async def test_chat_sends_options_images_and_history_on_the_wire(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY_VISION)
    history = (
        ChatMessage(Role.SYSTEM, "Be terse."),
        ChatMessage(Role.USER, "What is this?", images=(PNG,)),
        ChatMessage(Role.ASSISTANT, "A pixel.", thinking="It is tiny."),
        ChatMessage(Role.USER, "Sure?"),
    )
    options = ChatOptions(
        temperature=0.2, num_ctx=1024, seed=7, keep_alive="10m", extra={"top_k": 5}
    )

    events = await collect(ollama.chat(TINY_VISION, history, options))

    assert text_of(events) == DEFAULT_REPLY
    body = chat_bodies(ollama_server)[-1]
    assert body["options"] == {"temperature": 0.2, "num_ctx": 1024, "seed": 7, "top_k": 5}
    assert body["keep_alive"] == "10m"
    assert "think" not in body
    assert body["stream"] is True
    assert body["messages"] == [
        {"role": "system", "content": "Be terse."},
        {
            "role": "user",
            "content": "What is this?",
            "images": ["iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAA="],
        },
        {"role": "assistant", "content": "A pixel.", "thinking": "It is tiny."},
        {"role": "user", "content": "Sure?"},
    ]
    assert ollama_server.received_images == [PNG]
    running = await ollama.running_models()
    assert [(model.name, model.context_length) for model in running] == [(TINY_VISION, 1024)]


async def test_tool_calls_arrive_with_json_encoded_arguments(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    call = {
        "id": "call_k3j9x0a1",
        "function": {"index": 0, "name": "get_weather", "arguments": {"city": "Tokyo"}},
    }
    lines = [
        {"message": {"role": "assistant", "content": "", "tool_calls": [call]}, "done": False},
        {"message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop"},
    ]
    body = "".join(json.dumps(line) + "\n" for line in lines)
    ollama_server.inject("/api/chat", status=200, body=body)

    events = await collect(ollama.chat(TINY, HELLO))

    call_event, done = events
    assert call_event == tool_call("get_weather", {"city": "Tokyo"}, "call_k3j9x0a1")
    assert call_event.arguments == {"city": "Tokyo"}
    assert isinstance(done, Done)
    assert done.reason == "tool_calls"
    assert done.stats.completion_tokens is None


def chunk_line(**message: object) -> dict[str, object]:
    return {
        "model": "tiny",
        "created_at": "2025-05-04T17:37:44Z",
        "message": {"role": "assistant", "content": "", **message},
        "done": False,
    }


async def test_lines_read_together_keep_their_order_and_text_runs_are_joined(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    """A fast server puts many lines in one read: plain text lines are joined in one
    pass; a read holding thinking or tool calls is still told apart line by line."""
    call = {"function": {"name": "clock", "arguments": {}}}
    mixed = [
        chunk_line(content="你"),
        chunk_line(content="好"),
        chunk_line(content="", thinking="hm"),
        chunk_line(content=" 🌍"),
        chunk_line(content="", tool_calls=[call]),
        chunk_line(content="!"),
    ]
    plain = [chunk_line(content=piece) for piece in ("one ", "two ", "three")]
    done = {"model": "tiny", "message": {"role": "assistant", "content": ""}, "done": True}
    for lines, expected in (
        (
            mixed,
            [
                TextDelta("你好"),
                ThinkingDelta("hm"),
                TextDelta(" 🌍"),
                tool_call("clock", {}),
                TextDelta("!"),
            ],
        ),
        (plain, [TextDelta("one two three")]),
    ):
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in [*lines, done])
        ollama_server.inject("/api/chat", status=200, body=body, once=True)
        *events, end = await collect(ollama.chat(TINY, HELLO))
        assert events == expected
        assert isinstance(end, Done)


async def test_cancelling_the_chat_task_closes_the_connection(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY_LOOP)
    first_text = asyncio.Event()
    received: list[ChatEvent] = []

    async def consume() -> None:
        async for event in ollama.chat(TINY_LOOP, HELLO):
            received.append(event)
            first_text.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first_text.wait(), 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert await asyncio.to_thread(ollama_server.wait_for_disconnect, 10.0)
    assert ollama_server.disconnects == ["/api/chat"]
    assert not any(isinstance(event, Done) for event in received)


async def test_unload_frees_the_model(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    await collect(ollama.chat(TINY, HELLO))
    assert [model.name for model in await ollama.running_models()] == [TINY]

    await ollama.unload(TINY)

    assert await ollama.running_models() == []
    assert chat_bodies(ollama_server)[-1]["keep_alive"] == 0


# -- failures a person meets -----------------------------------------------------------


async def test_nothing_listening_says_to_start_ollama(
    client: httpx.AsyncClient, closed_port: int
) -> None:
    ollama = OllamaProvider(client, f"http://127.0.0.1:{closed_port}")

    for attempt in (ollama.list_models(), collect(ollama.chat(TINY, HELLO))):
        with pytest.raises(ConnectionFailed) as caught:
            await attempt
        assert f"Ollama is not running at http://127.0.0.1:{closed_port}" in caught.value.message
        assert "ollama serve" in caught.value.message
        assert "Settings" in caught.value.message


async def test_a_server_that_never_accepts_times_out_on_connect() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    backlog = [socket.socket() for _ in range(4)]
    for queued in backlog:
        queued.setblocking(False)
        queued.connect_ex(("127.0.0.1", port))
    try:
        async with make_http_client(connect_timeout=0.3) as client:
            with pytest.raises(ProviderTimeout) as caught:
                await OllamaProvider(client, f"http://127.0.0.1:{port}").version()
    finally:
        for queued in backlog:
            queued.close()
        listener.close()
    assert "did not accept the connection" in caught.value.message
    assert "Settings" in caught.value.message


async def test_a_stream_going_silent_times_out_and_hangs_up(
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    ollama_server.inject("/api/chat", silent_after=2)

    async with make_http_client(read_timeout=0.5) as client:
        stream = OllamaProvider(client, ollama_server.url).chat(TINY, HELLO)
        with pytest.raises(ProviderTimeout) as caught:
            await collect(stream)

    assert "stopped responding for more than 0.5 seconds" in caught.value.message
    assert "try again" in caught.value.message
    assert await asyncio.to_thread(ollama_server.wait_for_disconnect, 10.0)


async def test_a_stalled_pull_times_out(
    ollama_server: OllamaServer,
) -> None:
    ollama_server.inject("/api/pull", stall_after_bytes=100_000)

    async with make_http_client(read_timeout=0.5) as client:
        steps: list[PullProgress] = []
        with pytest.raises(ProviderTimeout, match="try again"):
            async for step in OllamaProvider(client, ollama_server.url).pull(TINY):
                steps.append(step)

    assert steps[0].status == "pulling manifest"
    assert "success" not in [step.status for step in steps]


async def test_chat_with_a_model_not_installed_says_to_pull_it(ollama: OllamaProvider) -> None:
    with pytest.raises(ModelNotFound) as caught:
        await collect(ollama.chat("nosuch:latest", HELLO))

    assert caught.value.message.startswith("The model nosuch:latest is not installed")
    assert "Pull it in the model manager" in caught.value.message
    assert caught.value.detail == "model 'nosuch:latest' not found"
    assert caught.value.status == 404


async def test_show_of_a_model_not_installed_says_to_pull_it(ollama: OllamaProvider) -> None:
    with pytest.raises(ModelNotFound, match="Pull it in the model manager") as caught:
        await ollama.show("nosuch")
    assert "not found" in caught.value.detail


async def test_an_error_line_inside_the_stream_is_a_server_error_with_ollamas_words(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    whole = text_of([event async for event in ollama.chat(TINY, HELLO)])
    ollama_server.inject("/api/chat", error_after=3, error_message="model runner crashed")

    received: list[ChatEvent] = []
    with pytest.raises(ServerError) as caught:
        async for event in ollama.chat(TINY, HELLO):
            received.append(event)

    # What arrived before the error is kept (pieces of one read may come as one delta).
    before = text_of(received)
    assert before and whole.startswith(before) and len(before) < len(whole)
    assert caught.value.detail == "model runner crashed"
    assert "model runner crashed" in caught.value.message
    assert "try" in caught.value.message.lower()


async def test_a_malformed_line_is_a_protocol_error(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    ollama_server.inject("/api/chat", malformed_after=2)

    with pytest.raises(ProtocolError) as caught:
        await collect(ollama.chat(TINY, HELLO))

    assert "truncated" in caught.value.detail
    assert "Ollama host in Settings" in caught.value.message


async def test_a_chat_stream_dropped_before_done_is_interrupted(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    ollama_server.inject("/api/chat", drop_after=4)

    received: list[ChatEvent] = []
    with pytest.raises(StreamInterrupted) as caught:
        async for event in ollama.chat(TINY, HELLO):
            received.append(event)

    assert text_of(received)
    assert DEFAULT_REPLY.startswith(text_of(received))
    assert "Try again" in caught.value.message


async def test_a_chat_stream_ending_cleanly_without_done_is_interrupted(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    unfinished = (
        '{"model":"tiny:latest","message":{"role":"assistant","content":"Hel"},"done":false}\n'
    )
    ollama_server.inject("/api/chat", status=200, body=unfinished)

    received: list[ChatEvent] = []
    with pytest.raises(StreamInterrupted) as caught:
        async for event in ollama.chat(TINY, HELLO):
            received.append(event)

    assert received == [TextDelta("Hel")]
    assert "before it was finished" in caught.value.message
    assert "try again" in caught.value.message


async def test_a_pull_dropped_before_success_is_interrupted(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.pull_rate = 2_000_000
    ollama_server.inject("/api/pull", drop_after=3)

    with pytest.raises(StreamInterrupted) as caught:
        async for _ in ollama.pull(TINY):
            pass

    assert caught.value.message.startswith(f"The download of {TINY} stopped")
    assert "Pull it again" in caught.value.message
    assert await ollama.list_models() == []


async def test_pulling_a_name_the_registry_lacks_says_check_the_spelling(
    ollama: OllamaProvider,
) -> None:
    with pytest.raises(ModelNotFound) as caught:
        async for _ in ollama.pull("lama3.2:latest"):
            pass

    assert "No model named lama3.2:latest in the registry; check the spelling" in (
        caught.value.message
    )
    assert caught.value.detail == "pull model manifest: file does not exist"


async def test_other_pull_error_lines_are_server_errors(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
) -> None:
    ollama_server.inject(
        "/api/pull", error_after=1, error_message="pull model manifest: 502: bad gateway"
    )

    with pytest.raises(ServerError) as caught:
        async for _ in ollama.pull(TINY):
            pass

    assert caught.value.detail == "pull model manifest: 502: bad gateway"
    assert "Check the internet connection" in caught.value.message


@pytest.mark.parametrize(
    ("status", "body", "kind", "detail", "advice"),
    [
        (
            400,
            {"error": '"tiny" does not support thinking'},
            BadRequest,
            "support thinking",
            "options",
        ),
        (403, "", AuthFailed, "", "Settings"),
        (404, "404 page not found", ModelNotFound, "404 page not found", "Ollama host in Settings"),
        (429, {"error": "too many requests"}, RateLimited, "too many requests", "try again"),
        (
            500,
            {"error": "model runner has unexpectedly stopped"},
            ServerError,
            "unexpectedly stopped",
            "logs",
        ),
        (
            503,
            {"error": "server busy, please try again.  maximum pending requests exceeded"},
            ServerError,
            "server busy",
            "Try again",
        ),
    ],
)
async def test_http_error_statuses_map_onto_the_error_tree(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
    status: int,
    body: object,
    kind: type[ProviderError],
    detail: str,
    advice: str,
) -> None:
    ollama_server.install(TINY)
    ollama_server.inject("/api/chat", status=status, body=body)

    with pytest.raises(kind) as caught:
        await collect(ollama.chat(TINY, HELLO))

    assert type(caught.value) is kind
    assert caught.value.status == status
    assert detail in caught.value.detail
    assert advice.lower() in caught.value.message.lower()
