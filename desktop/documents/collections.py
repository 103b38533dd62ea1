"""Named document collections, and what the document library holds (counts, size, models).

A collection's name lives in a ``collections`` table of the documents file itself
(documents.sqlite3), beside the documents it owns (owner ``collection:<id>``): one file
holds a collection and its chunks, so deleting that file to start over leaves no
collection without documents, and no JSON file can drift from the database. Ids come
from AUTOINCREMENT, so a deleted collection's id is never given to a new one (a stray
document of the old one could never join it).

Every method blocks (SQLite): call through ``asyncio.to_thread`` for anything big.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.documents.owners import collection_owner
from desktop.storage.document_store import DocumentStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""
MAX_NAME = 120


class CollectionProblem(ValueError):
    """A name that cannot be used (empty, too long, taken): ``reason`` says which."""

    def __init__(self, reason: str, name: str) -> None:
        super().__init__(f"{reason}: {name!r}")
        self.reason = reason
        self.name = name


@dataclass(frozen=True)
class Collection:
    id: int
    name: str

    @property
    def owner(self) -> str:
        return collection_owner(self.id)


@dataclass(frozen=True)
class OwnerFacts:
    """What one owner's documents add up to."""

    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    characters: int = 0
    """Characters of all chunk texts (what embedding them sends)."""
    size: int = 0
    """Bytes of the original files."""
    models: tuple[str, ...] = ()
    """The embedding models the vectors came from (more than one only mid re-embedding)."""


@dataclass(frozen=True)
class LibraryFacts:
    documents: int
    chunks: int
    embedded: int
    characters: int
    disk_bytes: int
    """The documents file with its write-ahead log."""
    models: tuple[str, ...]


class CollectionStore:
    """Collections in the documents file; documents go through the DocumentStore."""

    def __init__(self, documents: DocumentStore) -> None:
        self.documents = documents
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            documents.path, isolation_level=None, check_same_thread=False, timeout=5
        )
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- collections ----------------------------------------------------------------------

    def all(self) -> list[Collection]:
        """Every collection, by name (case-insensitive)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, name FROM collections ORDER BY name COLLATE NOCASE, id"
            ).fetchall()
        return [Collection(int(row[0]), str(row[1])) for row in rows]

    def get(self, collection_id: int) -> Collection | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, name FROM collections WHERE id = ?", (collection_id,)
            ).fetchone()
        return None if row is None else Collection(int(row[0]), str(row[1]))

    def create(self, name: str) -> Collection:
        name = self._checked(name, None)
        with self._lock, self._conn:
            cursor = self._conn.execute(
                "INSERT INTO collections (name, created_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
            return Collection(int(cursor.lastrowid or 0), name)

    def rename(self, collection_id: int, name: str) -> Collection:
        name = self._checked(name, collection_id)
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE collections SET name = ? WHERE id = ?", (name, collection_id)
            )
        return Collection(collection_id, name)

    def delete(self, collection_id: int) -> int:
        """The collection and its documents with their chunks and vectors; how many
        documents went. Documents first: a crash midway leaves the collection listed
        with what is left of it, never documents nobody can see."""
        return self.delete_owner(collection_owner(collection_id), collection_id)

    def delete_owner(self, owner: str, collection_id: int | None = None) -> int:
        """Every document of ``owner`` (a folder's when the folder is deleted)."""
        gone = 0
        for document in self.documents.documents(owner):
            self.documents.delete_document(document.id)
            gone += 1
        if collection_id is not None:
            with self._lock, self._conn:
                self._conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))
        return gone

    def _checked(self, name: str, collection_id: int | None) -> str:
        name = " ".join(name.split())
        if not name:
            raise CollectionProblem("empty", name)
        if len(name) > MAX_NAME:
            raise CollectionProblem("long", name)
        taken = any(
            c.name.casefold() == name.casefold() and c.id != collection_id for c in self.all()
        )
        if taken:
            raise CollectionProblem("taken", name)
        return name

    # -- facts ----------------------------------------------------------------------------

    def facts(self, owners: list[str] | None = None) -> dict[str, OwnerFacts]:
        """Per owner (all owners when None): documents, chunks, embedded, characters, size."""
        where = ""
        params: tuple[str, ...] = ()
        if owners is not None:
            if not owners:
                return {}
            where = f" WHERE d.owner IN ({','.join('?' * len(owners))})"
            params = tuple(owners)
        with self._lock:
            rows = self._conn.execute(
                "SELECT d.owner, COUNT(*), SUM(d.size), SUM(s.chunks), SUM(s.characters),"
                " SUM(s.embedded), GROUP_CONCAT(DISTINCT d.embed_model) FROM documents d"
                " JOIN (SELECT c.document_id, COUNT(*) AS chunks,"
                " SUM(LENGTH(c.text)) AS characters, COUNT(v.chunk_id) AS embedded"
                " FROM chunks c LEFT JOIN chunk_vectors v ON v.chunk_id = c.id"
                " GROUP BY c.document_id) s ON s.document_id = d.id"
                f"{where} GROUP BY d.owner",
                params,
            ).fetchall()
            empty = self._conn.execute(
                "SELECT d.owner, COUNT(*), SUM(d.size) FROM documents d"
                " WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.document_id = d.id)"
                + (where.replace(" WHERE", " AND") if where else "")
                + " GROUP BY d.owner",
                params,
            ).fetchall()
        facts: dict[str, OwnerFacts] = {}
        for owner, docs, size, chunks, chars, embedded, models in rows:
            facts[owner] = OwnerFacts(
                documents=int(docs),
                chunks=int(chunks or 0),
                embedded=int(embedded or 0),
                characters=int(chars or 0),
                size=int(size or 0),
                models=tuple(sorted(models.split(","))) if models else (),
            )
        for owner, docs, size in empty:
            had = facts.get(owner, OwnerFacts())
            facts[owner] = OwnerFacts(
                documents=had.documents + int(docs),
                chunks=had.chunks,
                embedded=had.embedded,
                characters=had.characters,
                size=had.size + int(size or 0),
                models=had.models,
            )
        return facts

    def library_facts(self) -> LibraryFacts:
        every = self.facts().values()
        path = Path(self.documents.path)
        disk = sum(
            candidate.stat().st_size
            for candidate in (path, path.with_name(path.name + "-wal"))
            if candidate.exists()
        )
        return LibraryFacts(
            documents=sum(f.documents for f in every),
            chunks=sum(f.chunks for f in every),
            embedded=sum(f.embedded for f in every),
            characters=sum(f.characters for f in every),
            disk_bytes=disk,
            models=tuple(sorted({model for f in every for model in f.models})),
        )

    def embedded_with_other(self, model: str) -> list[int]:
        """Documents with vectors of a model other than ``model`` (to re-embed), by id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id FROM documents WHERE embed_model IS NOT NULL AND embed_model != ?"
                " ORDER BY id",
                (model,),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def not_embedded(self) -> list[int]:
        """Documents with chunks still without a vector (an interrupted run), by id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT DISTINCT c.document_id FROM chunks c"
                " LEFT JOIN chunk_vectors v ON v.chunk_id = c.id"
                " WHERE v.chunk_id IS NULL ORDER BY c.document_id"
            ).fetchall()
        return [int(row[0]) for row in rows]

    def sample_texts(self, document_ids: list[int], limit: int) -> list[str]:
        """Up to ``limit`` chunk texts of these documents (to time an embedder on)."""
        if not document_ids:
            return []
        marks = ",".join("?" * len(document_ids))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT text FROM chunks WHERE document_id IN ({marks}) ORDER BY id LIMIT ?",
                (*document_ids, limit),
            ).fetchall()
        return [str(row[0]) for row in rows]

    def chunk_characters(self, document_ids: list[int]) -> tuple[int, int]:
        """(chunks, characters) of these documents."""
        if not document_ids:
            return 0, 0
        marks = ",".join("?" * len(document_ids))
        with self._lock:
            row = self._conn.execute(
                f"SELECT COUNT(*), SUM(LENGTH(text)) FROM chunks WHERE document_id IN ({marks})",
                document_ids,
            ).fetchone()
        return int(row[0] or 0), int(row[1] or 0)
