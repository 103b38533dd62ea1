"""Embedding clients: Ollama's /api/embed and OpenAI-compatible /v1/embeddings.

Each call sends one batch (``input`` is a list) and returns one vector per text, in order;
the documents index decides the batch size. Failures come from the one error tree: a model
not pulled is ModelNotFound, a chat model is NotAnEmbeddingModel (checked with /api/show
before anything is sent when the server tells capabilities, and recognised in the server's
answer otherwise), a server that is down is ConnectionFailed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desktop.core.embedding import Embeddings
from desktop.core.errors import ProviderError
from desktop.core.text import Text
from desktop.providers.api_transport import ApiTransport
from desktop.providers.embed_errors import as_embedding_error, not_an_embedding_model, not_vectors
from desktop.providers.endpoint import error_text
from desktop.providers.ollama_errors import ollama_endpoint, ollama_object, ollama_status_error
from desktop.providers.transport_errors import transport_error

if TYPE_CHECKING:
    import httpx


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine (texts sent there do not leave it)."""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_vectors(value: object, count: int) -> list[list[float]] | None:
    """``count`` lists of numbers of one length, or None if ``value`` is not that."""
    if not isinstance(value, list) or len(value) != count:
        return None
    vectors: list[list[float]] = []
    for item in value:
        if not isinstance(item, list) or not item:
            return None
        # the set of types: 5x faster than isinstance per number (on the UI thread per batch)
        if not {type(x) for x in item} <= {int, float}:  # bool is not a number here
            return None
        vectors.append([float(x) for x in item])
    if len({len(vector) for vector in vectors}) > 1:
        return None
    return vectors


class OllamaEmbedder:
    """One embedding model on one Ollama server."""

    def __init__(
        self, client: httpx.AsyncClient, host: str, model: str, *, truncate: bool = True
    ) -> None:
        self._client = client
        self._host = host.rstrip("/")
        self._model = model
        self._truncate = truncate
        self._endpoint = ollama_endpoint(self._host)

    @property
    def model(self) -> str:
        return self._model

    @property
    def remote(self) -> bool:
        return not is_loopback(self._host)

    async def check(self) -> None:
        """Fail early, before any text is sent: the model is missing, or cannot embed.

        Ollama lists capabilities in /api/show; a chat model of the older engine would
        even answer /api/embed with vectors that are useless for search.
        """
        body = await self._post("/api/show", {"model": self._model})
        capabilities = body.get("capabilities")
        if isinstance(capabilities, list) and "embedding" not in capabilities:
            raise not_an_embedding_model(self._model, f"capabilities: {capabilities}")

    async def embed(self, texts: Sequence[str]) -> Embeddings:
        if not texts:
            return Embeddings([], 0)
        request = {"model": self._model, "input": list(texts), "truncate": self._truncate}
        body = await self._post("/api/embed", request)
        vectors = read_vectors(body.get("embeddings"), len(texts))
        if vectors is None:
            raise not_vectors(self._endpoint.where, self._model, error_text(str(body)))
        tokens = body.get("prompt_eval_count")
        return Embeddings(vectors, tokens if isinstance(tokens, int) else None)

    async def _post(self, path: str, body: Mapping[str, object]) -> dict[str, object]:
        import httpx

        try:
            response = await self._client.post(self._host + path, json=body)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise transport_error(exc, self._endpoint) from exc
        if response.status_code >= 400:
            error = ollama_status_error(response, response.content, self._model, self._endpoint)
            raise as_embedding_error(error, self._model)
        return ollama_object(self._endpoint, response)


class OpenAICompatEmbedder:
    """One embedding model behind an OpenAI-compatible ``/embeddings``."""

    def __init__(self, transport: ApiTransport, base_url: str, model: str) -> None:
        self._transport = transport
        self._url = f"{base_url.rstrip('/')}/embeddings"
        self._model = model

    @property
    def model(self) -> str:
        return self._model

    @property
    def remote(self) -> bool:
        return not is_loopback(self._url)

    @property
    def where(self) -> Text:
        return self._transport.endpoint.where

    async def embed(self, texts: Sequence[str]) -> Embeddings:
        if not texts:
            return Embeddings([], 0)
        request = {"model": self._model, "input": list(texts), "encoding_format": "float"}
        try:
            body = await self._transport.post_json(self._url, request)
        except ProviderError as error:
            raise as_embedding_error(error, self._model) from error.__cause__
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise not_vectors(self.where, self._model, error_text(str(body)))
        ordered = sorted(data, key=lambda item: item.get("index", 0))
        vectors = read_vectors([item.get("embedding") for item in ordered], len(texts))
        if vectors is None:
            raise not_vectors(self.where, self._model, error_text(str(body)))
        usage = body.get("usage") if isinstance(body, dict) else None
        tokens = usage.get("prompt_tokens") if isinstance(usage, dict) else None
        return Embeddings(vectors, tokens if isinstance(tokens, int) else None)
