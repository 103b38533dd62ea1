"""Re-embedding every stored document with a newly chosen model: its cost first, then the run.

The cost is what the person is asked to agree to: how many documents and chunks, about
how many tokens (four characters a token, the rough rule of core.token_estimate), and,
once a run has measured how fast this embedder goes, about how long. The run clears a
document's old vectors and embeds it anew, document by document, batch by batch; it is
resumable, since a document stopped midway holds only the new model's vectors (or none)
and :func:`plan` lists it again. Retrieval never mixes models: a question is compared
only with vectors of the model that embedded it (ChunkRetrieval.vector_search).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.embedding import Embedder
from desktop.core.token_estimate import CHARS_PER_TOKEN
from desktop.documents.collections import CollectionStore
from desktop.documents.indexing import Progress, embed_document


@dataclass(frozen=True)
class ReembedPlan:
    model: str
    documents: tuple[int, ...]
    chunks: int
    characters: int
    old_models: tuple[str, ...]

    @property
    def tokens(self) -> int:
        return math.ceil(self.characters / CHARS_PER_TOKEN)

    def seconds(self, characters_per_second: float | None) -> float | None:
        """The time it should take at a measured rate; None when none was measured."""
        if not characters_per_second or characters_per_second <= 0:
            return None
        return self.characters / characters_per_second

    @property
    def needed(self) -> bool:
        return bool(self.documents)


def plan(collections: CollectionStore, model: str) -> ReembedPlan:
    """What embedding every document with ``model`` would take (blocking: a worker thread)."""
    other = collections.embedded_with_other(model)
    unfinished = collections.not_embedded()
    ids = tuple(sorted(set(other) | set(unfinished)))
    chunks, characters = collections.chunk_characters(list(ids))
    models = {
        document.embed_model
        for document in collections.documents.documents()
        if document.id in set(other) and document.embed_model
    }
    return ReembedPlan(model, ids, chunks, characters, tuple(sorted(m for m in models if m)))


@dataclass(frozen=True)
class RunProgress:
    documents_done: int
    documents: int
    chunks_done: int
    chunks: int


async def reembed(
    collections: CollectionStore,
    embedder: Embedder,
    plan: ReembedPlan,
    *,
    progress: Callable[[RunProgress], None] | None = None,
    rate: Callable[[float], None] | None = None,
) -> int:
    """Embed the plan's documents with ``embedder``; returns the chunks embedded.

    ``rate`` hears the characters per second measured, for the next plan's estimate.
    Cancelling stops after the batch in flight; calling again continues.
    """
    import asyncio

    store = collections.documents
    done_chunks = 0
    started = time.monotonic()
    characters = 0
    by_id = {document.id: document for document in await asyncio.to_thread(store.documents)}
    for index, document_id in enumerate(plan.documents):
        document = by_id.get(document_id)
        if document is None:  # deleted meanwhile
            continue
        if document.embed_model is not None and document.embed_model != embedder.model:
            await asyncio.to_thread(store.clear_vectors, document_id)
        before = done_chunks

        def step(step: Progress, before: int = before, index: int = index) -> None:
            if progress is not None:
                progress(
                    RunProgress(index, len(plan.documents), before + step.embedded, plan.chunks)
                )

        embedded = await embed_document(store, embedder, document_id, progress=step)
        done_chunks += embedded
        _, chars = await asyncio.to_thread(collections.chunk_characters, [document_id])
        characters += chars if embedded else 0
        if progress is not None:
            progress(RunProgress(index + 1, len(plan.documents), done_chunks, plan.chunks))
    elapsed = time.monotonic() - started
    if rate is not None and characters and elapsed > 0:
        rate(characters / elapsed)
    return done_chunks
