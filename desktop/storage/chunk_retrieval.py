"""Finding the chunks of stored documents that a question needs: by its words (FTS5, BM25),
by its meaning (cosine over the vectors, held in memory with numpy), and both fused by
reciprocal rank.

Part of a :class:`~desktop.storage.document_store.DocumentStore`: it shares the store's
connection and lock, and the store tells it when chunks or vectors change (its caches of
word counts and vector matrices are then dropped). Every method blocks: call them through
``asyncio.to_thread``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.rank_fusion import reciprocal_rank_fusion
from desktop.storage.search_terms import keyword_query

if TYPE_CHECKING:  # numpy (~250 ms) loads with the first vectors, in a worker thread
    import numpy as np
    import numpy.typing as npt

COMMON_SHARE = 0.05
"""A query word in more than this share of all chunks is left out of keyword search: it
tells the passages apart hardly at all, and BM25 would have to score every chunk that has
it (FTS5 has no top-k shortcut), which takes seconds at 100,000 chunks."""
CANDIDATES = 50
"""How many chunks each of keyword and vector search hands to the fusion."""


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk: where it is, what it says, how it ranked in each search."""

    chunk_id: int
    document_id: int
    document: str
    page: int | None
    section: str
    start: int
    end: int
    text: str
    score: float
    keyword_rank: int | None
    vector_rank: int | None


class ModelMismatch(ValueError):
    """Vectors of another model than the document's: they cannot be compared."""


class ChunkRetrieval:
    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock
        self._word_counts: dict[str, int | None] = {}
        self._matrices: dict[
            tuple[tuple[str, ...], str], tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]
        ] = {}

    def forget_word_counts(self) -> None:
        """Chunks were added or deleted: how many hold a word is counted again."""
        self._word_counts.clear()

    def forget_vectors(self) -> None:
        """Vectors were written, moved or deleted: they are read again."""
        self._matrices.clear()

    def keyword_search(
        self, question: str, owners: Sequence[str], limit: int = CANDIDATES
    ) -> list[int]:
        """Chunk ids whose text has words of ``question``, best BM25 first."""
        query = self._selective_query(question)
        if not query or not owners:
            return []
        marks = ",".join("?" * len(owners))
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
                " JOIN documents d ON d.id = c.document_id"
                f" WHERE chunks_fts MATCH ? AND d.owner IN ({marks})"
                " ORDER BY bm25(chunks_fts) LIMIT ?",
                (query, *owners, limit),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def _selective_query(self, question: str) -> str:
        """:func:`keyword_query` without the words too common here to tell chunks apart."""
        query = keyword_query(question)
        if not query:
            return ""
        with self._lock:
            total = self._conn.execute("SELECT max(id) FROM chunks").fetchone()[0] or 0
            limit = max(50, int(total * COMMON_SHARE))
            kept = []
            for term in query.split(" OR "):
                count = self._chunks_with(term.strip('"'))
                if count is None or count <= limit:  # None: not here as typed (é folded to e)
                    kept.append(term)
        return " OR ".join(kept)

    def _chunks_with(self, word: str) -> int | None:
        """How many chunks hold ``word``, kept until chunks are added or deleted: counting
        reads the word's whole posting list, which is long exactly for common words."""
        if word not in self._word_counts:
            row = self._conn.execute(
                "SELECT doc FROM chunks_vocab WHERE term = ?", (word,)
            ).fetchone()
            self._word_counts[word] = None if row is None else int(row[0])
        return self._word_counts[word]

    def vector_search(
        self,
        vector: Sequence[float],
        owners: Sequence[str],
        model: str,
        limit: int = CANDIDATES,
    ) -> list[int]:
        """Chunk ids nearest to ``vector`` by cosine, among vectors made by ``model``."""
        import numpy as np

        ids, matrix = self._matrix(tuple(sorted(owners)), model)
        if not len(ids):
            return []
        query = unit_vector(np.asarray(vector, np.float32))
        if query.shape[0] != matrix.shape[1]:
            raise ModelMismatch(f"a {query.shape[0]}-dim query for {matrix.shape[1]}-dim vectors")
        # einsum runs on this one thread; BLAS's matrix product spreads over a thread pool
        # that, on a busy 2-core machine, took twice as long and competes with the UI.
        scores = np.einsum("ij,j->i", matrix, query)
        count = min(limit, len(ids))
        top = np.argpartition(-scores, count - 1)[:count]
        return [int(ids[i]) for i in top[np.argsort(-scores[top], kind="stable")]]

    def search(
        self,
        question: str,
        vector: Sequence[float] | None,
        owners: Sequence[str],
        model: str,
        top_k: int = 5,
    ) -> list[Hit]:
        """Keyword and vector results fused by reciprocal rank; the best ``top_k``."""
        keyword = self.keyword_search(question, owners)
        nearest = self.vector_search(vector, owners, model) if vector is not None else []
        fused = reciprocal_rank_fusion([keyword, nearest])[:top_k]
        if not fused:
            return []
        keyword_rank = {chunk: rank for rank, chunk in enumerate(keyword, start=1)}
        vector_rank = {chunk: rank for rank, chunk in enumerate(nearest, start=1)}
        ids = [chunk for chunk, _ in fused]
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.id, c.document_id, d.name, c.page, c.section, c.start, c.end, c.text"
                f" FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id IN ({marks})",
                ids,
            ).fetchall()
        by_id = {row[0]: row for row in rows}
        return [
            Hit(
                chunk_id=chunk,
                document_id=by_id[chunk][1],
                document=by_id[chunk][2],
                page=by_id[chunk][3],
                section=by_id[chunk][4],
                start=by_id[chunk][5],
                end=by_id[chunk][6],
                text=by_id[chunk][7],
                score=score,
                keyword_rank=keyword_rank.get(chunk),
                vector_rank=vector_rank.get(chunk),
            )
            for chunk, score in fused
            if chunk in by_id
        ]

    def prepare(self, owners: Sequence[str], model: str) -> None:
        """Read the vectors of ``owners`` into memory now (seconds at 100,000 chunks), so
        the first question does not wait for it: call when a conversation opens."""
        self._matrix(tuple(sorted(owners)), model)

    def _matrix(
        self, owners: tuple[str, ...], model: str
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """The vectors of ``owners`` made by ``model``, read once and kept until a write."""
        import numpy as np

        key = (owners, model)
        with self._lock:
            cached = self._matrices.get(key)
            if cached is not None:
                return cached
            marks = ",".join("?" * len(owners))
            rows = self._conn.execute(
                "SELECT v.chunk_id, v.vector FROM chunk_vectors v"
                " JOIN documents d ON d.id = v.document_id"
                f" WHERE d.owner IN ({marks}) AND d.embed_model = ? ORDER BY v.chunk_id",
                (*owners, model),
            ).fetchall()
            ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
            if rows:
                matrix = np.frombuffer(b"".join(row[1] for row in rows), np.float32)
                matrix = matrix.reshape(len(rows), -1)
            else:
                matrix = np.zeros((0, 0), np.float32)
            self._matrices[key] = (ids, matrix)
            return ids, matrix


def unit_vector(vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    import numpy as np

    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
