"""Adding a file: extract and chunk in a child process, store, then embed batch by batch.

Each batch's vectors are saved in one transaction before the next batch is sent, so a
Cancel, a failure or a killed process loses at most the batch in flight: calling
:func:`embed_document` again continues with the chunks still without vectors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.core.embedding import Embedder
from desktop.documents.chunking import Chunk
from desktop.documents.reader_process import read_in_child

BATCH_SIZE = 16


class DocumentIndex(Protocol):
    """What indexing needs of the store (desktop.storage.document_store.DocumentStore)."""

    def add_document(
        self,
        *,
        owner: str,
        name: str,
        kind: str,
        sha256: str,
        size: int,
        pages: int,
        text: str,
        chunks: Sequence[Chunk],
    ) -> tuple[int, bool]: ...

    def pending_chunks(self, document_id: int, limit: int) -> list[tuple[int, str]]: ...

    def save_vectors(
        self, document_id: int, model: str, vectors: Sequence[tuple[int, Sequence[float]]]
    ) -> None: ...


@dataclass(frozen=True)
class Progress:
    document_id: int
    embedded: int
    """Chunks embedded in this run."""
    remaining: int
    """Chunks still without a vector when this batch was saved."""


async def add_file(index: DocumentIndex, path: Path, owner: str) -> int:
    """Extract, chunk and store ``path`` for ``owner``; its id (the same file: the same id).

    A file that cannot be read raises DocumentProblem and leaves nothing stored.
    """
    kind, pages, text, size, sha256, chunks = await read_in_child(path)
    document_id, _ = await asyncio.to_thread(
        lambda: index.add_document(
            owner=owner,
            name=path.name,
            kind=kind,
            sha256=sha256,
            size=size,
            pages=pages,
            text=text,
            chunks=chunks,
        )
    )
    return document_id


async def embed_document(
    index: DocumentIndex,
    embedder: Embedder,
    document_id: int,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Progress], None] | None = None,
) -> int:
    """Embed the document's chunks that have no vector yet; returns how many were embedded.

    Cancelling the task stops after the batch in flight is dropped; nothing half-saved.
    """
    done = 0
    while True:
        pending = await asyncio.to_thread(index.pending_chunks, document_id, batch_size)
        if not pending:
            return done
        result = await embedder.embed([text for _, text in pending])
        pairs = [
            (chunk_id, vector)
            for (chunk_id, _), vector in zip(pending, result.vectors, strict=True)
        ]
        await asyncio.to_thread(index.save_vectors, document_id, embedder.model, pairs)
        done += len(pairs)
        if progress is not None:
            remaining = len(await asyncio.to_thread(index.pending_chunks, document_id, 1 << 30))
            progress(Progress(document_id, done, remaining))
