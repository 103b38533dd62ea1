"""A failed "Test connection" is headlined by the kind of failure, not by words in its text
(defect 13: every failure of the "LiteLLM proxy" preset read "Proxy failure")."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from desktop.core.errors import ProviderError
from desktop.providers.http_client import make_http_client
from desktop.ui.settings.failure_text import failure_text, headline
from tests.providers.streams import provider_for
from tests.servers.litellm_server import LiteLLMServer
from tests.servers.openai_server import OpenAIServer


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def failure_of(preset: str, url: str, key: str = "", **config: Any) -> ProviderError:
    async with make_http_client() as http:
        built = provider_for(http, preset, url, key, **config)
        try:
            await built.list_models()
        except ProviderError as error:
            return error
        finally:
            await built.aclose()
    raise AssertionError("the test connection did not fail")


async def test_a_refused_connection_to_litellm_is_not_a_proxy_failure() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    error = await failure_of("litellm", url, "sk-master")

    assert headline(error) == "Cannot connect"
    assert failure_text(error).startswith("Cannot connect: ")
    assert "LiteLLM proxy" in error.message  # the word is there; the headline ignores it


async def test_a_wrong_litellm_key_is_headlined_as_a_key_problem() -> None:
    server = LiteLLMServer(api_key="sk-master-1").start()
    try:
        error = await failure_of("litellm", f"{server.url}/v1", "sk-wrong-2")
    finally:
        server.stop()
    assert headline(error) == "Key not checked"


async def test_a_dead_proxy_is_a_proxy_failure() -> None:
    server = OpenAIServer().start()
    try:
        proxy = f"http://127.0.0.1:{closed_port()}"
        error = await failure_of("custom", f"{server.url}/v1", proxy_url=proxy)
    finally:
        server.stop()
    assert headline(error) == "Proxy failure"


@pytest.mark.parametrize(
    ("preset", "scheme", "expected"),
    [("openai", "https", "TLS failure"), ("custom", "http", "Bad API key")],
)
async def test_headlines_follow_the_class(preset: str, scheme: str, expected: str) -> None:
    server = OpenAIServer(api_key="sk-right").start()
    try:
        url = f"{server.url.replace('http', scheme, 1)}/v1"
        error = await failure_of(preset, url, "sk-wrong")
    finally:
        server.stop()
    assert headline(error) == expected
