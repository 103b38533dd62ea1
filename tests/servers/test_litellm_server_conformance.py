"""The LiteLLM key check and the answer options of the OpenAI test server, read by the
official ``openai`` client as it reads the real services."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from tests.servers.litellm_server import NO_PRISMA, LiteLLMServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedReply
from tests.servers.sdk_clients import kept

MASTER_KEY = "sk-litellm-master-5b1d"
HELLO: list[Any] = [{"role": "user", "content": "Say hello."}]


@pytest.fixture
def litellm() -> Iterator[LiteLLMServer]:
    server = LiteLLMServer(api_key=MASTER_KEY).start()
    yield server
    server.stop()


def client(server: OpenAIServer, key: str) -> openai.OpenAI:
    return kept(openai.OpenAI(base_url=f"{server.url}/v1", api_key=key, max_retries=0))


def test_the_master_key_is_accepted(litellm: LiteLLMServer) -> None:
    assert [model.id for model in client(litellm, MASTER_KEY).models.list()]


def test_another_key_without_a_database_is_a_400_no_db_connection(litellm: LiteLLMServer) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client(litellm, "sk-wrong-0000").models.list()
    assert caught.value.status_code == 400
    assert caught.value.type == "no_db_connection"
    assert caught.value.code == "400"
    assert "No connected db." in caught.value.message


def test_without_prisma_another_key_is_a_plain_text_500() -> None:
    server = LiteLLMServer(api_key=MASTER_KEY, without=NO_PRISMA).start()
    try:
        with pytest.raises(openai.InternalServerError) as caught:
            client(server, "sk-wrong-0000").chat.completions.create(
                model="gpt-test", messages=HELLO
            )
        assert caught.value.status_code == 500
        assert caught.value.response.text == "Internal Server Error"
        assert caught.value.body == "Internal Server Error"  # the SDK: not JSON, kept as text
    finally:
        server.stop()


def test_a_short_answer_in_one_write_after_a_wait(openai_server: OpenAIServer) -> None:
    openai_server.replies.push(ScriptedReply(first_byte_delay=0.3, in_one_write=True))
    started = time.monotonic()
    stream = client(openai_server, openai_server.api_key or "").chat.completions.create(
        model="gpt-test", messages=HELLO, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert time.monotonic() - started >= 0.3
    assert chunks[-1].usage is not None
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def test_llama_cpp_timings_and_no_usage(openai_server: OpenAIServer) -> None:
    openai_server.replies.push(ScriptedReply(sends_usage=False, server_timings_ms=640.0))
    chunks = list(
        client(openai_server, openai_server.api_key or "").chat.completions.create(
            model="gpt-test", messages=HELLO, stream=True, stream_options={"include_usage": True}
        )
    )
    assert all(chunk.usage is None for chunk in chunks)
    last = chunks[-1].model_dump()
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["timings"]["predicted_ms"] == 640.0
    assert last["timings"]["predicted_n"] > 0
