"""Documents, their chunks and vectors: a SQLite file beside the history (documents.sqlite3).

Kept apart from the history database so it needs no schema step of the history and can
be deleted to start over. Tables: ``documents`` (who owns it: a conversation or a
collection; its full text, which citations open; the embedding model its vectors came
from), ``chunks`` (span, page, section, text), ``chunk_vectors`` (a float32 BLOB per
embedded chunk, apart so reading every vector reads no text) and ``chunks_fts`` (FTS5
over the chunk texts, kept by triggers).

Why BLOBs searched with numpy, not sqlite-vec: this Python's sqlite3 cannot load
extensions, and at 100,000 chunks × 384 dimensions a numpy product over the matrix held
in memory answers in a fraction of the time sqlite-vec's vec0 scan takes through apsw
(bench/vector_storage.py), with no extra binary to ship.

Resume: chunks are written with the document, vectors filled in batch by batch, each
batch one transaction. :meth:`pending_chunks` lists what is still to embed, so indexing
continues where it stopped, and ``UNIQUE(document_id, ordinal)`` keeps a chunk single.
Deleting a document deletes its chunks, their vectors and their FTS rows (cascade and
triggers). Every method blocks: call them through ``asyncio.to_thread``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from desktop.storage.chunk_retrieval import ChunkRetrieval, ModelMismatch, unit_vector
from desktop.storage.paths import data_dir, private_dir, private_file
from desktop.storage.search_terms import CJK, CJK_GLOB, index_terms

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    embed_model TEXT,
    dimensions INTEGER,
    added_at TEXT NOT NULL,
    UNIQUE (owner, sha256)
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    page INTEGER,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (document_id, ordinal)
);
CREATE TABLE IF NOT EXISTS chunk_vectors (
    chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS chunk_vectors_document ON chunk_vectors(document_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, content='chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vocab USING fts5vocab(chunks_fts, 'row');
"""
TERMS_VERSION = 1
"""PRAGMA user_version of a store whose index holds :func:`index_terms` (version 0
indexed Chinese and Japanese clauses as single words)."""
TRIGGERS = (
    "DROP TRIGGER IF EXISTS chunks_fts_insert",
    "DROP TRIGGER IF EXISTS chunks_fts_delete",
    """CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, text) VALUES (new.id, index_terms(new.text));
    END""",
    """CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
        INSERT INTO chunks_fts(chunks_fts, rowid, text)
        VALUES ('delete', old.id, index_terms(old.text));
    END""",
)


class ChunkLike(Protocol):
    @property
    def ordinal(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def page(self) -> int | None: ...
    @property
    def section(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class StoredDocument:
    id: int
    owner: str
    name: str
    kind: str
    size: int
    pages: int
    chunks: int
    embedded: int
    embed_model: str | None

    @property
    def complete(self) -> bool:
        return self.embedded == self.chunks


def default_path() -> Path:
    return data_dir() / "documents.sqlite3"


def _index_terms_of_old_stores(conn: sqlite3.Connection) -> None:
    """A store indexed before :data:`TERMS_VERSION`: its triggers index terms from now
    on, and its chunks with Chinese or Japanese text are indexed again (others' terms are
    their words, as they were)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= TERMS_VERSION:
        return
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        for statement in TRIGGERS:
            conn.execute(statement)
        # The index's words in order: none from the kana on, no chunk to read (a scan of
        # every chunk's text took 4 s at 100,000 chunks; this, a fraction of a ms).
        first = conn.execute(
            "SELECT term FROM chunks_vocab WHERE term >= ? LIMIT 1", (CJK[0],)
        ).fetchone()
        old = (
            []
            if first is None
            else conn.execute(
                "SELECT id, text FROM chunks WHERE text GLOB ?", (CJK_GLOB,)
            ).fetchall()
        )
        for chunk_id, text in old:
            conn.execute(
                "INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', ?, ?)",
                (chunk_id, text),
            )
            conn.execute(
                "INSERT INTO chunks_fts(rowid, text) VALUES (?, ?)", (chunk_id, index_terms(text))
            )
        conn.execute(f"PRAGMA user_version = {TERMS_VERSION}")


class DocumentStore:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self.retrieval = ChunkRetrieval(conn, self._lock)
        """Finding the chunks a question needs (keyword, vector, fused)."""

    @classmethod
    def open(cls, path: Path | None = None) -> DocumentStore:
        path = path or default_path()
        private_dir(path.parent)
        private_file(path)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.create_function("index_terms", 1, index_terms, deterministic=True)
        conn.executescript(SCHEMA)
        _index_terms_of_old_stores(conn)
        return cls(conn, path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- documents -----------------------------------------------------------------------

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
        chunks: Sequence[ChunkLike],
    ) -> tuple[int, bool]:
        """Store a document with its chunks (not embedded yet) in one transaction.

        Returns (id, created); the same file added again to the same owner returns the
        existing document, so adding twice never duplicates chunks.
        """
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            row = self._conn.execute(
                "SELECT id FROM documents WHERE owner = ? AND sha256 = ?", (owner, sha256)
            ).fetchone()
            if row is not None:
                return int(row[0]), False
            cursor = self._conn.execute(
                "INSERT INTO documents (owner, name, kind, sha256, size, pages, text, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (owner, name, kind, sha256, size, pages, text, datetime.now(UTC).isoformat()),
            )
            document_id = int(cursor.lastrowid or 0)
            self.retrieval.forget_word_counts()
            self._conn.executemany(
                "INSERT INTO chunks (document_id, ordinal, start, end, page, section, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (document_id, c.ordinal, c.start, c.end, c.page, c.section, c.text)
                    for c in chunks
                ),
            )
            return document_id, True

    def documents(self, owner: str | None = None) -> list[StoredDocument]:
        query = (
            "SELECT d.id, d.owner, d.name, d.kind, d.size, d.pages, d.embed_model,"
            " COUNT(c.id), COUNT(v.chunk_id) FROM documents d"
            " LEFT JOIN chunks c ON c.document_id = d.id"
            " LEFT JOIN chunk_vectors v ON v.chunk_id = c.id"
            + (" WHERE d.owner = ?" if owner is not None else "")
            + " GROUP BY d.id ORDER BY d.id"
        )
        with self._lock:
            rows = self._conn.execute(query, (owner,) if owner is not None else ()).fetchall()
        return [
            StoredDocument(
                id=row[0],
                owner=row[1],
                name=row[2],
                kind=row[3],
                size=row[4],
                pages=row[5],
                embed_model=row[6],
                chunks=row[7],
                embedded=row[8],
            )
            for row in rows
        ]

    def document_text(self, document_id: int) -> str:
        with self._lock:
            row = self._conn.execute(
                "SELECT text FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        if row is None:
            raise KeyError(document_id)
        return str(row[0])

    def text_lengths(self, owners: Sequence[str]) -> dict[int, int]:
        """Characters of each document of ``owners`` (whether they fit whole), by id."""
        if not owners:
            return {}
        marks = ",".join("?" * len(owners))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT id, length(text) FROM documents WHERE owner IN ({marks}) ORDER BY id",
                list(owners),
            ).fetchall()
        return {int(row[0]): int(row[1]) for row in rows}

    def owners(self) -> list[str]:
        """Every owner that has documents."""
        with self._lock:
            rows = self._conn.execute("SELECT DISTINCT owner FROM documents").fetchall()
        return [str(row[0]) for row in rows]

    def delete_owner(self, owner: str) -> None:
        """All of ``owner``'s documents, their chunks and vectors (its conversation is gone)."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("DELETE FROM documents WHERE owner = ?", (owner,))
            self.retrieval.forget_vectors()
            self.retrieval.forget_word_counts()

    def reassign(self, old_owner: str, new_owner: str) -> None:
        """Give ``old_owner``'s documents to ``new_owner`` (a new chat's, once it is saved)."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(
                "UPDATE OR IGNORE documents SET owner = ? WHERE owner = ?", (new_owner, old_owner)
            )
            self._conn.execute("DELETE FROM documents WHERE owner = ?", (old_owner,))
            self.retrieval.forget_vectors()

    def delete_document(self, document_id: int) -> None:
        """The document, its chunks, their vectors and keyword index rows."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            self.retrieval.forget_vectors()
            self.retrieval.forget_word_counts()

    # -- embedding -----------------------------------------------------------------------

    def pending_chunks(self, document_id: int, limit: int) -> list[tuple[int, str]]:
        """The first ``limit`` chunks still without a vector, in document order."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.id, c.text FROM chunks c"
                " LEFT JOIN chunk_vectors v ON v.chunk_id = c.id"
                " WHERE c.document_id = ? AND v.chunk_id IS NULL ORDER BY c.ordinal LIMIT ?",
                (document_id, limit),
            ).fetchall()
        return [(int(row[0]), str(row[1])) for row in rows]

    def save_vectors(
        self, document_id: int, model: str, vectors: Iterable[tuple[int, Sequence[float]]]
    ) -> None:
        """Vectors for chunks of one document, in one transaction, stored L2-normalised."""
        import numpy as np

        pairs = [(chunk_id, np.asarray(vector, np.float32)) for chunk_id, vector in vectors]
        if not pairs:
            return
        dimensions = {len(vector) for _, vector in pairs}
        if len(dimensions) != 1:
            raise ModelMismatch(f"vectors of different lengths: {sorted(dimensions)}")
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            row = self._conn.execute(
                "SELECT embed_model, dimensions FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if row is None:
                raise KeyError(document_id)
            if row[0] is not None and (row[0], row[1]) != (model, *dimensions):
                raise ModelMismatch(f"the document was embedded with {row[0]} ({row[1]} dims)")
            self._conn.execute(
                "UPDATE documents SET embed_model = ?, dimensions = ? WHERE id = ?",
                (model, dimensions.pop(), document_id),
            )
            self._conn.executemany(
                "INSERT OR REPLACE INTO chunk_vectors (chunk_id, document_id, vector)"
                " SELECT id, document_id, ? FROM chunks WHERE id = ? AND document_id = ?",
                (
                    (unit_vector(vector).tobytes(), chunk_id, document_id)
                    for chunk_id, vector in pairs
                ),
            )
            self.retrieval.forget_vectors()

    def clear_vectors(self, document_id: int) -> None:
        """Forget the document's vectors (a new embedding model): it is pending again."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("DELETE FROM chunk_vectors WHERE document_id = ?", (document_id,))
            self._conn.execute(
                "UPDATE documents SET embed_model = NULL, dimensions = NULL WHERE id = ?",
                (document_id,),
            )
            self.retrieval.forget_vectors()
