"""The Anthropic test server, checked with the official ``anthropic`` client and raw HTTP.

The SDK dispatches on SSE event names, assembles thinking, text and tool-use blocks,
and raises by status and error type: if it is satisfied, so is the protocol.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import anthropic
import httpx
import pytest

from tests.servers.anthropic_server import AnthropicServer
from tests.servers.cloud_fixtures import ANTHROPIC_KEY, AnthropicServerFactory
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply
from tests.servers.sdk_clients import kept
from tests.servers.tiny_gguf import DEFAULT_REPLY

MODEL = "claude-test-4-5"
HELLO: Any = [{"role": "user", "content": "Say hello."}]
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def client(server: AnthropicServer, key: str = ANTHROPIC_KEY) -> anthropic.Anthropic:
    return kept(anthropic.Anthropic(base_url=server.url, api_key=key, max_retries=0))


def test_models_are_listed_page_by_page(anthropic_server_factory: AnthropicServerFactory) -> None:
    models = tuple((f"claude-test-{n}", f"Claude Test {n}") for n in range(5))
    server = anthropic_server_factory(models=models)

    listed = list(client(server).models.list(limit=2))

    assert [model.id for model in listed] == [model_id for model_id, _ in models]
    assert listed[0].display_name == "Claude Test 0"
    assert len(server.requests_to("/v1/models")) == 3


def test_streamed_text_with_usage(anthropic_server: AnthropicServer) -> None:
    with client(anthropic_server).messages.stream(
        model=MODEL, max_tokens=256, messages=HELLO
    ) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()

    assert text == DEFAULT_REPLY
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == len(DEFAULT_REPLY.split())
    [request] = anthropic_server.requests_to("/v1/messages")
    # This SDK generation sends the key as a bearer token; the server takes both forms.
    sent = request.headers.get("x-api-key") or request.headers["authorization"]
    assert sent.removeprefix("Bearer ") == ANTHROPIC_KEY
    assert request.headers["anthropic-version"]


def test_every_frame_names_its_event(anthropic_server: AnthropicServer) -> None:
    body = {"model": MODEL, "max_tokens": 64, "messages": HELLO, "stream": True}
    headers = {"x-api-key": ANTHROPIC_KEY, "anthropic-version": "2023-06-01"}
    with httpx.stream(
        "POST", f"{anthropic_server.url}/v1/messages", json=body, headers=headers
    ) as reply:
        frames = [frame for frame in reply.read().decode().split("\n\n") if frame]
    names = [frame.split("\n")[0].removeprefix("event: ") for frame in frames]
    datas = [json.loads(frame.split("\n")[1].removeprefix("data: ")) for frame in frames]
    assert [data["type"] for data in datas] == names
    assert names[:3] == ["message_start", "content_block_start", "ping"]
    assert names[-3:] == ["content_block_stop", "message_delta", "message_stop"]


def test_thinking_blocks_stream_with_a_signature(anthropic_server: AnthropicServer) -> None:
    anthropic_server.replies.push(ScriptedReply(text="Hi", reasoning="Step one, step two"))
    with client(anthropic_server).messages.stream(
        model=MODEL,
        max_tokens=2048,
        thinking={"type": "enabled", "budget_tokens": 1024},
        messages=HELLO,
    ) as stream:
        final = stream.get_final_message()

    thinking, text = final.content
    assert thinking.type == "thinking"
    assert thinking.thinking == "Step one, step two"
    assert thinking.signature
    assert text.type == "text"
    assert text.text == "Hi"


def test_thinking_budget_is_checked(anthropic_server: AnthropicServer) -> None:
    with pytest.raises(anthropic.BadRequestError, match="greater than"):
        client(anthropic_server).messages.create(
            model=MODEL,
            max_tokens=1024,
            thinking={"type": "enabled", "budget_tokens": 1024},
            messages=HELLO,
        )


def test_tool_use_input_is_assembled_from_json_deltas(anthropic_server: AnthropicServer) -> None:
    arguments = json.dumps({"location": "Tokyo"})
    anthropic_server.replies.push(
        ScriptedReply(text="", tool_calls=(ScriptedCall("get_weather", arguments, "toolu_1"),))
    )
    with client(anthropic_server).messages.stream(
        model=MODEL, max_tokens=256, messages=HELLO
    ) as stream:
        final = stream.get_final_message()

    [block] = final.content
    assert block.type == "tool_use"
    assert (block.id, block.name, block.input) == ("toolu_1", "get_weather", {"location": "Tokyo"})
    assert final.stop_reason == "tool_use"


def test_whole_message_without_stream(anthropic_server: AnthropicServer) -> None:
    message = client(anthropic_server).messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    [block] = message.content
    assert block.type == "text"
    assert block.text == DEFAULT_REPLY


def test_image_blocks_are_decoded(anthropic_server: AnthropicServer) -> None:
    image = {
        "type": "image",
        "source": {
            "type": "base64",
            "media_type": "image/png",
            "data": base64.b64encode(PNG_1PX).decode(),
        },
    }
    messages: Any = [{"role": "user", "content": [image, {"type": "text", "text": "What?"}]}]
    client(anthropic_server).messages.create(model=MODEL, max_tokens=64, messages=messages)
    assert anthropic_server.received_images == [("image/png", PNG_1PX)]


def test_wrong_key_and_unknown_model(anthropic_server: AnthropicServer) -> None:
    with pytest.raises(anthropic.AuthenticationError, match="invalid x-api-key"):
        client(anthropic_server, key="wrong").messages.create(
            model=MODEL, max_tokens=64, messages=HELLO
        )
    with pytest.raises(anthropic.NotFoundError, match="claude-nope"):
        client(anthropic_server).messages.create(model="claude-nope", max_tokens=64, messages=HELLO)


def test_missing_version_header_is_refused(anthropic_server: AnthropicServer) -> None:
    reply = httpx.post(
        f"{anthropic_server.url}/v1/messages",
        json={"model": MODEL, "max_tokens": 8, "messages": HELLO},
        headers={"x-api-key": ANTHROPIC_KEY},
    )
    assert reply.status_code == 400
    assert reply.json()["error"]["type"] == "invalid_request_error"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, anthropic.PermissionDeniedError),
        (413, anthropic.RequestTooLargeError),
        (429, anthropic.RateLimitError),
        (500, anthropic.InternalServerError),
        (529, anthropic.OverloadedError),
    ],
)
def test_injected_status_has_the_sdk_error_class(
    anthropic_server: AnthropicServer, status: int, error: type[anthropic.APIStatusError]
) -> None:
    anthropic_server.inject(status=status, headers={"Retry-After": "3"})
    with pytest.raises(error) as caught:
        client(anthropic_server).messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert caught.value.status_code == status


def test_error_event_after_a_200_raises_in_the_sdk(anthropic_server: AnthropicServer) -> None:
    anthropic_server.inject(error_after=4, error_message="Overloaded")
    with (
        pytest.raises(anthropic.APIStatusError, match="Overloaded"),
        client(anthropic_server).messages.stream(
            model=MODEL, max_tokens=64, messages=HELLO
        ) as stream,
    ):
        list(stream.text_stream)
