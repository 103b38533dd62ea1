"""Fixtures serving real MiniLM embeddings over Ollama's and OpenAI's protocols.

``embedding_ollama_server`` (one per module): ``all-minilm:latest`` (capability
``embedding``, installed) and the chat model ``tiny:latest`` (published, not installed).
``embedding_openai_server``: /v1/embeddings answers ``all-minilm``; ``gpt-test`` is a chat
model there. The GGUF is converted once per session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.fixtures import TINY
from tests.servers.minilm_gguf import write_minilm_gguf
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer

MINILM = "all-minilm:latest"
OPENAI_MINILM = "all-minilm"


@pytest.fixture(scope="session")
def minilm_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_minilm_gguf(tmp_path_factory.mktemp("gguf") / "all-minilm.gguf")


@pytest.fixture(scope="module")
def embedding_ollama_server(
    tmp_path_factory: pytest.TempPathFactory, tiny_model_path: Path, minilm_model_path: Path
) -> Iterator[OllamaServer]:
    """One server per test module: publishing reads the GGUF's 30k-token vocabulary (~3 s)."""
    server = OllamaServer(tmp_path_factory.mktemp("ollama-embed")).start()
    server.publish(TINY, tiny_model_path)
    server.publish(MINILM, minilm_model_path, capabilities=("embedding",))
    server.install(MINILM)
    yield server
    server.stop()


@pytest.fixture
def embedding_openai_server(minilm_model_path: Path) -> Iterator[OpenAIServer]:
    server = OpenAIServer(models=("gpt-test", OPENAI_MINILM)).start()
    server.embedding_models[OPENAI_MINILM] = minilm_model_path
    yield server
    server.stop()
