"""Pytest fixtures: OpenAI/Azure and Anthropic test servers, and real llama.cpp servers.

- ``openai_server``: OpenAIServer with key OPENAI_KEY, models gpt-test and gpt-4o-test,
  Azure deployment ``chat``; ``openai_server_factory(**options)`` for other setups.
- ``anthropic_server``: AnthropicServer with key ANTHROPIC_KEY.
- ``llama_server`` / ``llama_server_with_key``: real ``llama_cpp.server`` processes with
  the tiny model (one per session each; LLAMA_KEY for the second).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers.anthropic_server import AnthropicServer
from tests.servers.llama_server import LlamaServer
from tests.servers.openai_server import OpenAIServer

OPENAI_KEY = "sk-test-openai-7f3a9c2e51b84d06"
ANTHROPIC_KEY = "sk-ant-test-4c1e8b7d2a9f3605"
LLAMA_KEY = "llama-test-key-93b2e71c"

OpenAIServerFactory = Callable[..., OpenAIServer]
AnthropicServerFactory = Callable[..., AnthropicServer]


def started_servers(server_class: type[Any], api_key: str) -> Iterator[Callable[..., Any]]:
    """A factory starting servers of one protocol with a default key; stops them all after."""
    servers: list[Any] = []

    def start(**options: Any) -> Any:
        server = server_class(**{"api_key": api_key, **options}).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def openai_server_factory() -> Iterator[OpenAIServerFactory]:
    yield from started_servers(OpenAIServer, OPENAI_KEY)


@pytest.fixture
def openai_server(openai_server_factory: OpenAIServerFactory) -> OpenAIServer:
    return openai_server_factory()


@pytest.fixture
def anthropic_server_factory() -> Iterator[AnthropicServerFactory]:
    yield from started_servers(AnthropicServer, ANTHROPIC_KEY)


@pytest.fixture
def anthropic_server(anthropic_server_factory: AnthropicServerFactory) -> AnthropicServer:
    return anthropic_server_factory()


@pytest.fixture(scope="session")
def llama_server(
    tiny_model_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LlamaServer]:
    server = LlamaServer(tiny_model_path, tmp_path_factory.mktemp("llama")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def llama_server_with_key(
    tiny_model_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LlamaServer]:
    server = LlamaServer(
        tiny_model_path, tmp_path_factory.mktemp("llama-key"), api_key=LLAMA_KEY
    ).start()
    yield server
    server.stop()
