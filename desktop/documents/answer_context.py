"""The documents an answer draws on, put into its request: whole when they fit, else the
passages retrieved for the question (hybrid keyword + vector search), numbered sources.

:class:`AnswerDocuments` satisfies core's ``ReplyDocuments``: the chat asks it for the
context of the last message and tells it which answer the context went with. The store's
blocking reads and the numpy search run in a worker thread; the question's embedding is
one async request. Without a usable embedder (none chosen, the server down) retrieval
falls back to keyword search alone, said as the mode "keywords": an answer is never held
up by the embedding model.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from desktop.core.cited_sources import DocumentsContext, SentSources
from desktop.core.embedding import Embedder
from desktop.core.errors import ParleyError
from desktop.documents.chunking import MAX_CHARS
from desktop.documents.context import (
    ANSWER_RESERVE,
    CHARS_PER_TOKEN,
    DocumentContext,
    Mode,
    Passage,
    estimate_tokens,
    fits_whole,
    retrieved_context,
    whole_context,
)

log = logging.getLogger(__name__)
DEFAULT_WINDOW = 4096
"""The context assumed when the provider does not say (Ollama's default)."""
TOP_K = 5
KEYWORDS = "keywords"


class StoredDoc(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...


class HitLike(Passage, Protocol):
    @property
    def document_id(self) -> int: ...


class PassageFinder(Protocol):
    """What this needs of desktop.storage.chunk_retrieval.ChunkRetrieval (blocking)."""

    def search(
        self,
        question: str,
        vector: Sequence[float] | None,
        owners: Sequence[str],
        model: str,
        top_k: int = TOP_K,
    ) -> Sequence[HitLike]: ...


class DocumentReader(Protocol):
    """What this needs of desktop.storage.document_store.DocumentStore (blocking)."""

    def documents(self, owner: str | None = None) -> Sequence[StoredDoc]: ...
    def document_text(self, document_id: int) -> str: ...
    def text_lengths(self, owners: Sequence[str]) -> dict[int, int]: ...
    @property
    def retrieval(self) -> PassageFinder: ...


PASSAGE_TOKENS = math.ceil(MAX_CHARS / CHARS_PER_TOKEN) + 20
"""The most one retrieved passage costs: its text, its marker and its label."""


def next_request_tokens(
    document_chars: int, window: int, conversation_tokens: int
) -> tuple[int, Mode]:
    """About what documents of ``document_chars`` characters add to the next request,
    and how they go (as :meth:`AnswerDocuments.context_for` decides): whole when they fit,
    else at most TOP_K passages within the room the conversation leaves (one at least)."""
    if fits_whole(document_chars, window, conversation_tokens):
        return math.ceil(document_chars / CHARS_PER_TOKEN), Mode.WHOLE
    room = max(window - conversation_tokens - ANSWER_RESERVE, 0)
    return max(min(TOP_K * PASSAGE_TOKENS, room), PASSAGE_TOKENS), Mode.RETRIEVED


def within_budget(hits: Sequence[HitLike], budget: int) -> list[HitLike]:
    """The best hits whose texts fit ``budget`` tokens (at least the best one): a long
    conversation in a small window leaves room for fewer passages, never an overflow."""
    kept: list[HitLike] = []
    used = 0
    for hit in hits:
        cost = estimate_tokens(hit.text) + 20  # its marker and label
        if kept and used + cost > budget:
            break
        kept.append(hit)
        used += cost
    return kept


def cited(context: DocumentContext, ids: Sequence[int | None], mode: str) -> DocumentsContext:
    sources = tuple(
        dataclasses.replace(source, document_id=document_id)
        for source, document_id in zip(context.sources, ids, strict=True)
    )
    return DocumentsContext(context.text, SentSources(mode, sources, context.tokens))


class AnswerDocuments:
    """The documents of ``owners`` for one answer; ``on_record`` keeps what was sent."""

    def __init__(
        self,
        store: DocumentReader,
        owners: Sequence[str],
        embedder: Callable[[], Awaitable[Embedder]],
        on_record: Callable[[int, SentSources], None],
        *,
        top_k: int = TOP_K,
    ) -> None:
        self._store = store
        self._owners = list(owners)
        self._embedder = embedder
        self._on_record = on_record
        self._top_k = top_k

    async def context_for(
        self, question: str, window: int | None, history_tokens: int
    ) -> DocumentsContext | None:
        lengths = await asyncio.to_thread(self._store.text_lengths, self._owners)
        if not lengths:
            return None
        if fits_whole(sum(lengths.values()), window or DEFAULT_WINDOW, history_tokens):
            return await asyncio.to_thread(self._whole, list(lengths))
        vector: Sequence[float] | None = None
        model = ""
        try:
            embedder = await self._embedder()
            vector = (await embedder.embed([question])).vectors[0]
            model = embedder.model
        except ParleyError as error:
            log.info("documents searched by keywords only: %s", error)
        hits = await asyncio.to_thread(
            self._store.retrieval.search, question, vector, self._owners, model, self._top_k
        )
        hits = within_budget(hits, (window or DEFAULT_WINDOW) - history_tokens - ANSWER_RESERVE)
        if not hits:
            return None
        mode = Mode.RETRIEVED.value if vector is not None else KEYWORDS
        return cited(retrieved_context(hits), [hit.document_id for hit in hits], mode)

    def _whole(self, ids: list[int]) -> DocumentsContext:
        names = {
            document.id: document.name
            for owner in self._owners
            for document in self._store.documents(owner)
        }
        pairs = [(names.get(i, ""), self._store.document_text(i)) for i in ids]
        return cited(whole_context(pairs), ids, Mode.WHOLE.value)

    def record(self, answer_id: int, context: DocumentsContext) -> None:
        self._on_record(answer_id, context.sent)
