"""A model as a cloud or OpenAI-compatible provider lists it (provider-neutral), and
whether a listed model can chat at all."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

EMBEDDING_NAME = re.compile(
    r"embed|minilm|(?:^|[/_-])(?:bge|e5|gte|paraphrase)(?:$|[-_:.])", re.IGNORECASE
)
"""Names of the embedding families that servers list beside chat models: OpenAI's
text-embedding-*, nomic-embed-text, mxbai-embed-large, snowflake-arctic-embed,
granite-embedding, all-minilm, bge-m3, multilingual-e5, gte-*, paraphrase-*."""
EMBEDDING_FAMILIES = frozenset({"bert", "nomic-bert", "nomic-bert-moe", "xlm-roberta", "jina-bert"})
"""Ollama's ``details.family`` of encoder-only (embedding) models."""


@dataclass(frozen=True, slots=True)
class RemoteModel:
    """``name`` is what a chat request sends; ``display_name`` what a person reads."""

    name: str
    display_name: str = ""
    owned_by: str = ""
    created: datetime | None = None

    @property
    def label(self) -> str:
        return self.display_name or self.name


def embedding_only(name: str, capabilities: Iterable[str] = (), family: str = "") -> bool:
    """Whether a model only makes embeddings (a chat request to it fails with HTTP 400).

    The server's word wins: Ollama's capabilities (``embedding`` without ``completion``)
    or its model family; otherwise the name, since /v1/models says nothing about it.
    """
    given = set(capabilities)
    if given:
        return "completion" not in given and "embedding" in given
    if family:
        return family.lower() in EMBEDDING_FAMILIES
    return EMBEDDING_NAME.search(name) is not None
