"""Embedding: text in, vectors out. What the documents index needs from a provider.

The providers (desktop/providers/embeddings.py) satisfy :class:`Embedder` for Ollama's
/api/embed and OpenAI-compatible /v1/embeddings; the documents index depends only on this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Embeddings:
    """One vector per input text, in order; ``tokens`` the server counted, if it said."""

    vectors: list[list[float]]
    tokens: int | None = None


class Embedder(Protocol):
    @property
    def model(self) -> str:
        """The embedding model's name, stored with every vector it made."""
        ...

    @property
    def remote(self) -> bool:
        """Whether texts leave this machine (the person is told before anything is sent)."""
        ...

    async def embed(self, texts: Sequence[str]) -> Embeddings:
        """Vectors for ``texts``, one request; failures raise from core.errors."""
        ...
