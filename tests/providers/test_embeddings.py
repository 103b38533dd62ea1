"""The embedding clients against real MiniLM embeddings served over Ollama's and OpenAI's
protocols (tests/servers/embed_routes.py), and every failure a person can meet."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import numpy as np
import pytest

from desktop.core.errors import BadRequest, ConnectionFailed, ModelNotFound
from desktop.core.provider_config import ProviderConfig
from desktop.providers.api_transport import ApiTransport
from desktop.providers.credentials import key_host_for
from desktop.providers.embed_errors import NotAnEmbeddingModel
from desktop.providers.embedder_factory import create_embedder
from desktop.providers.embeddings import OllamaEmbedder, OpenAICompatEmbedder, is_loopback
from desktop.providers.endpoint import Endpoint
from tests.servers.embedding_fixtures import MINILM, OPENAI_MINILM
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer

QUESTION = "How do I reset my password?"
PARAPHRASE = "What are the steps to change my login password?"
UNRELATED = "Volcanoes erupt when magma rises through the crust."


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port nobody listens on: bound, then closed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    yield port


def openai_embedder(http: httpx.AsyncClient, server: OpenAIServer, model: str):  # type: ignore[no-untyped-def]
    url = f"{server.url}/v1"
    return OpenAICompatEmbedder(ApiTransport(http, Endpoint("Local server", url)), url, model)


async def test_ollama_batch_keeps_order_and_meaning(
    http: httpx.AsyncClient, embedding_ollama_server: OllamaServer
) -> None:
    embedder = OllamaEmbedder(http, embedding_ollama_server.url, MINILM)
    await embedder.check()
    result = await embedder.embed([QUESTION, PARAPHRASE, UNRELATED])

    vectors = np.array(result.vectors)
    assert vectors.shape == (3, 384)
    similar, far = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > 0.6 > 0.25 > far
    assert result.tokens is not None and result.tokens > 20
    sent = embedding_ollama_server.requests_to("/api/embed")[-1].body
    assert sent == {"model": MINILM, "input": [QUESTION, PARAPHRASE, UNRELATED], "truncate": True}
    assert embedder.remote is False


async def test_a_chat_model_is_refused_before_any_text_is_sent(
    http: httpx.AsyncClient, embedding_ollama_server: OllamaServer
) -> None:
    embedding_ollama_server.install(TINY)
    embedder = OllamaEmbedder(http, embedding_ollama_server.url, TINY)
    before = len(embedding_ollama_server.requests_to("/api/embed"))
    with pytest.raises(NotAnEmbeddingModel, match="tiny:latest is a chat model"):
        await embedder.check()
    assert len(embedding_ollama_server.requests_to("/api/embed")) == before

    # Without the check, Ollama's own answer (500 "this model does not support
    # embeddings") becomes the same error, not a generic server failure.
    with pytest.raises(NotAnEmbeddingModel) as refused:
        await embedder.embed(["hello"])
    assert refused.value.detail == "this model does not support embeddings"


async def test_a_model_not_pulled_says_to_pull_it(
    http: httpx.AsyncClient, embedding_ollama_server: OllamaServer
) -> None:
    embedder = OllamaEmbedder(http, embedding_ollama_server.url, "nomic-embed-text")
    with pytest.raises(ModelNotFound, match=r"nomic-embed-text is not installed in Ollama\. Pull"):
        await embedder.check()
    with pytest.raises(ModelNotFound, match="Pull it"):
        await embedder.embed(["hello"])


async def test_server_down(http: httpx.AsyncClient, closed_port: int) -> None:
    embedder = OllamaEmbedder(http, f"http://127.0.0.1:{closed_port}", MINILM)
    with pytest.raises(ConnectionFailed, match="Ollama is not running"):
        await embedder.embed(["hello"])


async def test_too_long_without_truncation_is_refused(
    http: httpx.AsyncClient, embedding_ollama_server: OllamaServer
) -> None:
    strict = OllamaEmbedder(http, embedding_ollama_server.url, MINILM, truncate=False)
    with pytest.raises(BadRequest, match="context length"):
        await strict.embed(["word " * 600])
    cut = OllamaEmbedder(http, embedding_ollama_server.url, MINILM)
    assert len((await cut.embed(["word " * 600])).vectors[0]) == 384


async def test_openai_compatible_embeddings(
    http: httpx.AsyncClient, embedding_openai_server: OpenAIServer
) -> None:
    embedder = openai_embedder(http, embedding_openai_server, OPENAI_MINILM)
    result = await embedder.embed([QUESTION, UNRELATED, PARAPHRASE])
    vectors = np.array(result.vectors)
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[2] > 0.6 > 0.25 > vectors[0] @ vectors[1]
    assert result.tokens is not None and result.tokens > 20
    sent = embedding_openai_server.requests_to("/v1/embeddings")[-1].body
    assert sent["encoding_format"] == "float" and sent["input"][0] == QUESTION


async def test_openai_compatible_failures(
    http: httpx.AsyncClient, embedding_openai_server: OpenAIServer
) -> None:
    with pytest.raises(NotAnEmbeddingModel, match="gpt-test is a chat model"):
        await openai_embedder(http, embedding_openai_server, "gpt-test").embed(["hi"])
    with pytest.raises(ModelNotFound):
        await openai_embedder(http, embedding_openai_server, "text-embedding-3-small").embed(["x"])


def test_which_addresses_keep_texts_on_this_machine() -> None:
    assert is_loopback("http://127.0.0.1:11434")
    assert is_loopback("http://localhost:1234/v1")
    assert is_loopback("http://[::1]:8080")
    assert not is_loopback("https://api.openai.com/v1")
    assert not is_loopback("http://192.168.1.20:11434")


async def test_embedder_for_configured_providers(
    http: httpx.AsyncClient,
    embedding_ollama_server: OllamaServer,
    embedding_openai_server: OpenAIServer,
) -> None:
    ollama_config = ProviderConfig(id="o", preset="ollama", base_url=embedding_ollama_server.url)
    local = create_embedder(ollama_config, http, MINILM)
    assert isinstance(local, OllamaEmbedder) and not local.remote
    assert len((await local.embed(["hi"])).vectors[0]) == 384

    url = f"{embedding_openai_server.url}/v1"
    config = ProviderConfig(id="c", preset="custom", base_url=url, key_host=key_host_for(url))
    compatible = create_embedder(config, http, OPENAI_MINILM, api_key="sk-local")
    assert len((await compatible.embed(["hi"])).vectors[0]) == 384
    sent = embedding_openai_server.requests_to("/v1/embeddings")[-1]
    assert sent.headers.get("authorization") == "Bearer sk-local"

    anthropic = ProviderConfig(id="a", preset="anthropic")
    with pytest.raises(BadRequest, match="offers no embeddings"):
        create_embedder(anthropic, http, "claude")
