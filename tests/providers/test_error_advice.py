"""Advice that fits the failure: the body's type/code and the kind of failure choose the
error class, over real HTTP to loopback servers (LiteLLM's key check, OpenAI's bodies,
a dead port, a dead proxy, plain HTTP behind an https URL)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ConnectionFailed,
    InvalidAddress,
    KeyNotChecked,
    ModelNotFound,
    ProxyFailed,
    QuotaExceeded,
    RateLimited,
    ServerError,
    TlsFailed,
)
from desktop.core.provider_config import ProviderConfig
from desktop.providers.factory import build_provider
from tests.providers.streams import HELLO, collect, provider_for
from tests.servers.litellm_server import NO_PRISMA, LiteLLMServer
from tests.servers.openai_server import CHAT, OpenAIServer, openai_error

MASTER_KEY = "sk-litellm-master-5b1d"
WRONG_KEY = "sk-wrong-key-8c2e"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


LiteLLMFactory = Callable[..., LiteLLMServer]


@pytest.fixture
def litellm_factory() -> Iterator[LiteLLMFactory]:
    servers: list[LiteLLMServer] = []

    def start(**options: Any) -> LiteLLMServer:
        server = LiteLLMServer(api_key=MASTER_KEY, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# -- LiteLLM ------------------------------------------------------------------------------


async def test_litellm_without_a_database_says_the_key_could_not_be_checked(
    http: httpx.AsyncClient, litellm_factory: LiteLLMFactory
) -> None:
    server = litellm_factory()
    built = provider_for(http, "litellm", f"{server.url}/v1", WRONG_KEY)

    with pytest.raises(KeyNotChecked) as listing:
        await built.list_models()
    with pytest.raises(KeyNotChecked) as chatting:
        await collect(built.provider.chat("gpt-test", HELLO))

    for caught in (listing, chatting):
        message = caught.value.message
        assert message.startswith(f"LiteLLM at {server.url}/v1 could not check the API key")
        assert "master key" in message
        assert "Check the model and its options" not in message
        assert caught.value.detail == "No connected db."
        assert caught.value.status == 400
        assert WRONG_KEY not in message


async def test_litellm_without_prisma_names_the_key_too(
    http: httpx.AsyncClient, litellm_factory: LiteLLMFactory
) -> None:
    server = litellm_factory(without=NO_PRISMA)
    built = provider_for(http, "litellm", f"{server.url}/v1", WRONG_KEY)

    with pytest.raises(KeyNotChecked) as caught:
        await collect(built.provider.chat("gpt-test", HELLO))

    assert caught.value.status == 500
    assert "failed while checking the API key of LiteLLM proxy" in caught.value.message
    assert "master key" in caught.value.message
    assert "prisma" in caught.value.message


async def test_litellm_with_its_master_key_answers(
    http: httpx.AsyncClient, litellm_factory: LiteLLMFactory
) -> None:
    server = litellm_factory()
    built = provider_for(http, "litellm", f"{server.url}/v1", MASTER_KEY)
    assert await built.list_models()


async def test_litellm_asked_without_a_key_says_none_is_set(
    http: httpx.AsyncClient, litellm_factory: LiteLLMFactory
) -> None:
    server = litellm_factory()
    built = provider_for(http, "litellm", f"{server.url}/v1")

    with pytest.raises(AuthFailed) as caught:
        await built.list_models()

    assert "none is set" in caught.value.message
    assert "API key of LiteLLM proxy" in caught.value.message


async def test_a_plain_500_from_another_server_is_not_about_the_key(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.inject(CHAT, status=500, body="Internal Server Error")
    built = provider_for(http, "custom", f"{openai_server.url}/v1", openai_server.api_key or "")

    with pytest.raises(ServerError) as caught:
        await collect(built.provider.chat("gpt-test", HELLO))

    assert "key" not in caught.value.message.lower()


# -- OpenAI-style bodies ----------------------------------------------------------------


async def test_a_wrong_key_names_the_key_of_the_provider(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = provider_for(http, "openai", f"{openai_server.url}/v1", "sk-not-the-key-1234")
    with pytest.raises(AuthFailed) as caught:
        await collect(built.provider.chat("gpt-test", HELLO))
    assert "Check the API key of OpenAI" in caught.value.message


async def test_a_used_up_quota_is_not_a_wait_and_retry(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    body = openai_error(429, "You exceeded your current quota, please check your plan.")
    body["error"].update(type="insufficient_quota", code="insufficient_quota")
    openai_server.inject(CHAT, status=429, body=body)
    built = provider_for(http, "openai", f"{openai_server.url}/v1", openai_server.api_key or "")

    with pytest.raises(QuotaExceeded) as caught:
        await collect(built.provider.chat("gpt-test", HELLO))

    assert isinstance(caught.value, RateLimited)
    assert "billing" in caught.value.message
    assert "try again" not in caught.value.message.lower()


async def test_model_not_found_code_outranks_a_400(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    body = openai_error(400, "The model `gpt-5` does not exist.")
    body["error"]["code"] = "model_not_found"
    openai_server.inject(CHAT, status=400, body=body)
    built = provider_for(http, "openai", f"{openai_server.url}/v1", openai_server.api_key or "")
    with pytest.raises(ModelNotFound):
        await collect(built.provider.chat("gpt-5", HELLO))


async def test_a_too_long_conversation_says_so(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    body = openai_error(400, "This model's maximum context length is 8192 tokens.")
    body["error"]["code"] = "context_length_exceeded"
    openai_server.inject(CHAT, status=400, body=body)
    built = provider_for(http, "openai", f"{openai_server.url}/v1", openai_server.api_key or "")
    with pytest.raises(BadRequest) as caught:
        await collect(built.provider.chat("gpt-test", HELLO))
    assert "context window" in caught.value.message
    assert "Check the model and its options" not in caught.value.message


# -- connections --------------------------------------------------------------------------


async def test_a_refused_connection_to_litellm_is_a_plain_connection_failure(
    http: httpx.AsyncClient,
) -> None:
    built = provider_for(http, "litellm", f"http://127.0.0.1:{closed_port()}/v1", MASTER_KEY)
    with pytest.raises(ConnectionFailed) as caught:
        await built.list_models()
    assert type(caught.value) is ConnectionFailed
    assert "LiteLLM proxy" in caught.value.message  # the name has the word; the class not


async def test_a_dead_proxy_is_a_proxy_failure(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    proxy = f"http://127.0.0.1:{closed_port()}"
    built = provider_for(
        http, "openai", f"{openai_server.url}/v1", openai_server.api_key or "", proxy_url=proxy
    )
    try:
        with pytest.raises(ProxyFailed) as caught:
            await built.list_models()
    finally:
        await built.aclose()
    assert proxy in caught.value.message


async def test_plain_http_behind_an_https_url_is_a_tls_failure(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    url = openai_server.url.replace("http://", "https://") + "/v1"
    built = provider_for(http, "openai", url, openai_server.api_key or "")
    with pytest.raises(TlsFailed):
        await built.list_models()


async def test_an_unusable_url_is_an_invalid_address(http: httpx.AsyncClient) -> None:
    entry = ProviderConfig(id="t", preset="custom", base_url="ftp://example.com/v1")
    with pytest.raises(InvalidAddress):
        build_provider(entry, "", http)
