"""Pytest fixtures: tiny GGUF models (once per session) and Ollama-protocol servers.

``ollama_server`` publishes four models, none installed (pull them, or call
``server.install(name)``):

- ``tiny:latest``: answers DEFAULT_REPLY and stops (done_reason "stop").
- ``tiny-loop:latest``: repeats the reply forever (done_reason "length", cancel tests).
- ``tiny-vision:latest``: the tiny model with capabilities completion + vision.
- ``tiny-think:latest``: completion + thinking; streams THINKING_TEXT as thinking first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from tests.servers.ollama_server import OllamaServer
from tests.servers.tiny_gguf import write_tiny_gguf

TINY = "tiny:latest"
TINY_LOOP = "tiny-loop:latest"
TINY_VISION = "tiny-vision:latest"
TINY_THINK = "tiny-think:latest"

OllamaServerFactory = Callable[..., OllamaServer]


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="session")
def tiny_loop_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny-loop.gguf", loop=True)


@pytest.fixture
def ollama_server_factory(
    tmp_path: Path, tiny_model_path: Path, tiny_loop_model_path: Path
) -> Iterator[OllamaServerFactory]:
    """Start servers with the standard catalogue; ``install`` names go straight to the store."""
    servers: list[OllamaServer] = []

    def start(*, install: Iterable[str] = ()) -> OllamaServer:
        server = OllamaServer(tmp_path / f"ollama-{len(servers)}").start()
        servers.append(server)
        server.publish(TINY, tiny_model_path)
        server.publish(TINY_LOOP, tiny_loop_model_path)
        server.publish(TINY_VISION, tiny_model_path, capabilities=("completion", "vision"))
        server.publish(TINY_THINK, tiny_model_path, capabilities=("completion", "thinking"))
        for name in install:
            server.install(name)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def ollama_server(ollama_server_factory: OllamaServerFactory) -> OllamaServer:
    return ollama_server_factory()
