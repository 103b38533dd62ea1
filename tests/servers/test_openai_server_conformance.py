"""The OpenAI/Azure test server, checked with the official ``openai`` client and raw HTTP.

If the official clients (``OpenAI`` and ``AzureOpenAI``) read our streams, bodies and
errors the way they read the real services', Parley's provider tests against this
server mean something.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import openai
import pytest

from tests.servers.cloud_fixtures import OPENAI_KEY, OpenAIServerFactory
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply
from tests.servers.sdk_clients import kept
from tests.servers.tiny_gguf import DEFAULT_REPLY

HELLO: list[Any] = [{"role": "user", "content": "Say hello."}]
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
WEATHER_TOOL: Any = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
}


def client(server: OpenAIServer, key: str = OPENAI_KEY) -> openai.OpenAI:
    return kept(openai.OpenAI(base_url=f"{server.url}/v1", api_key=key, max_retries=0))


def azure(server: OpenAIServer, *, key: str = OPENAI_KEY, version: str = "2024-10-21"):  # type: ignore[no-untyped-def]
    return kept(
        openai.AzureOpenAI(
            azure_endpoint=server.url, api_key=key, api_version=version, max_retries=0
        )
    )


def streamed_text(stream: Any) -> tuple[str, list[Any]]:
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    return text, chunks


# -- models ---------------------------------------------------------------------------


def test_models_are_listed(openai_server: OpenAIServer) -> None:
    models = client(openai_server).models.list()
    assert [model.id for model in models] == ["gpt-test", "gpt-4o-test"]
    assert all(model.object == "model" for model in models)


def test_an_empty_model_list_can_be_null_as_ollama_sends_it(
    openai_server_factory: OpenAIServerFactory,
) -> None:
    server = openai_server_factory(models=(), null_model_list=True)
    reply = httpx.get(f"{server.url}/v1/models", headers={"Authorization": f"Bearer {OPENAI_KEY}"})
    assert reply.json() == {"object": "list", "data": None}


# -- streaming ------------------------------------------------------------------------


def test_streamed_answer_with_usage_and_done(openai_server: OpenAIServer) -> None:
    stream = client(openai_server).chat.completions.create(
        model="gpt-test", messages=HELLO, stream=True, stream_options={"include_usage": True}
    )
    text, chunks = streamed_text(stream)

    assert text == DEFAULT_REPLY
    assert chunks[0].choices[0].delta.role == "assistant"
    finish = [
        c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason
    ]
    assert finish == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == len(DEFAULT_REPLY.split())
    assert chunks[-1].usage.prompt_tokens == 2
    assert len({chunk.id for chunk in chunks}) == 1


def test_raw_stream_is_sse_ending_with_done(openai_server: OpenAIServer) -> None:
    body = {"model": "gpt-test", "messages": HELLO, "stream": True}
    headers = {"Authorization": f"Bearer {OPENAI_KEY}"}
    with httpx.stream(
        "POST", f"{openai_server.url}/v1/chat/completions", json=body, headers=headers
    ) as reply:
        assert reply.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in reply.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines)
    assert lines[-1] == "data: [DONE]"
    assert not any('"usage"' in line for line in lines)  # only with include_usage


def test_reasoning_content_reaches_the_client_as_an_extra_field(
    openai_server: OpenAIServer,
) -> None:
    openai_server.replies.push(ScriptedReply(text="Hi there", reasoning="Let me think first"))
    _, chunks = streamed_text(
        client(openai_server).chat.completions.create(model="gpt-test", messages=HELLO, stream=True)
    )
    reasoning = "".join(
        (chunk.choices[0].delta.model_extra or {}).get("reasoning_content") or ""
        for chunk in chunks
        if chunk.choices
    )
    assert reasoning == "Let me think first"


def test_tool_call_deltas_assemble_in_the_sdk(openai_server: OpenAIServer) -> None:
    arguments = json.dumps({"city": "Tokyo"})
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(ScriptedCall("get_weather", arguments, "call_7"),))
    )
    with client(openai_server).chat.completions.stream(
        model="gpt-test", messages=HELLO, tools=[WEATHER_TOOL]
    ) as stream:
        final = stream.get_final_completion()

    choice = final.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls or []
    assert call.id == "call_7"
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Tokyo"}


def test_whole_answer_without_stream(openai_server: OpenAIServer) -> None:
    completion = client(openai_server).chat.completions.create(model="gpt-test", messages=HELLO)
    assert completion.choices[0].message.content == DEFAULT_REPLY
    assert completion.usage is not None
    assert completion.usage.total_tokens == 2 + len(DEFAULT_REPLY.split())


def test_image_parts_are_decoded_and_recorded(openai_server: OpenAIServer) -> None:
    url = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    messages: Any = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": url}},
            ],
        }
    ]
    client(openai_server).chat.completions.create(model="gpt-4o-test", messages=messages)
    assert openai_server.received_images == [("image/png", PNG_1PX)]


def test_an_image_that_is_not_what_it_claims_is_refused(openai_server: OpenAIServer) -> None:
    url = "data:image/jpeg;base64," + base64.b64encode(PNG_1PX).decode()
    messages: Any = [
        {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}
    ]
    with pytest.raises(openai.BadRequestError, match="does not match"):
        client(openai_server).chat.completions.create(model="gpt-4o-test", messages=messages)


# -- errors -----------------------------------------------------------------------------


def test_wrong_key_is_an_authentication_error(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.AuthenticationError) as caught:
        client(openai_server, key="sk-wrong").models.list()
    assert caught.value.code == "invalid_api_key"
    assert caught.value.status_code == 401


def test_unknown_model_is_not_found(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        client(openai_server).chat.completions.create(model="gpt-nope", messages=HELLO)
    assert caught.value.code == "model_not_found"


def test_empty_messages_are_a_bad_request(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.BadRequestError, match="too short"):
        client(openai_server).chat.completions.create(model="gpt-test", messages=[])


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, openai.PermissionDeniedError),
        (413, openai.APIStatusError),
        (429, openai.RateLimitError),
        (500, openai.InternalServerError),
        (503, openai.InternalServerError),
    ],
)
def test_injected_status_has_the_sdk_error_class(
    openai_server: OpenAIServer, status: int, error: type[openai.APIStatusError]
) -> None:
    openai_server.inject(status=status, headers={"Retry-After": "7"})
    with pytest.raises(error) as caught:
        client(openai_server).chat.completions.create(model="gpt-test", messages=HELLO)
    assert caught.value.status_code == status
    assert caught.value.response.headers["retry-after"] == "7"
    assert caught.value.type is not None


def test_error_frame_inside_a_200_stream_raises_in_the_sdk(openai_server: OpenAIServer) -> None:
    openai_server.inject(error_after=3, error_message="The model crashed mid-answer")
    stream = client(openai_server).chat.completions.create(
        model="gpt-test", messages=HELLO, stream=True
    )
    with pytest.raises(openai.APIError, match="The model crashed mid-answer"):
        list(stream)


def test_dropped_stream_breaks_the_sdk_iteration(openai_server: OpenAIServer) -> None:
    openai_server.inject(drop_after=2)
    stream = client(openai_server).chat.completions.create(
        model="gpt-test", messages=HELLO, stream=True
    )
    with pytest.raises(openai.APIConnectionError):
        list(stream)


# -- Azure ------------------------------------------------------------------------------


def test_azure_deployment_form_streams_with_api_key_and_version(
    openai_server: OpenAIServer,
) -> None:
    stream = azure(openai_server).chat.completions.create(model="chat", messages=HELLO, stream=True)
    text, _ = streamed_text(stream)

    assert text == DEFAULT_REPLY
    [request] = openai_server.requests_to("/openai/deployments/chat/chat/completions")
    assert request.headers["api-key"] == OPENAI_KEY
    assert "authorization" not in request.headers


def test_azure_checks_key_version_and_deployment(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.AuthenticationError, match="Access denied"):
        azure(openai_server, key="wrong").chat.completions.create(model="chat", messages=HELLO)
    with pytest.raises(openai.BadRequestError, match="API version not supported"):
        azure(openai_server, version="1999-01-01").chat.completions.create(
            model="chat", messages=HELLO
        )
    with pytest.raises(openai.NotFoundError) as caught:
        azure(openai_server).chat.completions.create(model="missing", messages=HELLO)
    assert caught.value.code == "DeploymentNotFound"


def test_azure_without_api_version_is_not_found(openai_server: OpenAIServer) -> None:
    reply = httpx.post(
        f"{openai_server.url}/openai/deployments/chat/chat/completions",
        json={"messages": HELLO},
        headers={"api-key": OPENAI_KEY},
    )
    assert reply.status_code == 404
    assert reply.json()["error"]["message"] == "Resource not found"


def test_azure_v1_form_is_plain_openai_under_openai_v1(openai_server: OpenAIServer) -> None:
    v1 = kept(openai.OpenAI(base_url=f"{openai_server.url}/openai/v1/", api_key=OPENAI_KEY))
    assert [model.id for model in v1.models.list()] == ["gpt-test", "gpt-4o-test"]
    text, _ = streamed_text(
        v1.chat.completions.create(model="gpt-test", messages=HELLO, stream=True)
    )
    assert text == DEFAULT_REPLY
