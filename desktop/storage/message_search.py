"""Searching the history's messages: the trigram full-text index where it exists (words of
three characters or more), LIKE for the rest, with excerpts around the hits.

Searches read on a connection of their own, so a long scan never holds the lock the UI
thread's saves wait for; a newer query interrupts the one running.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from desktop.core.conversation import HIT_END, HIT_START, SearchHit
from desktop.core.messages import Role
from desktop.storage.history_rows import like_pattern, plain_snippet

_TRIGRAM = 3  # the trigram index finds substrings of at least three characters
SNIPPET_TOKENS = 12


class MessageSearch:
    def __init__(self, path: Path, index_sql: Callable[[], str | None]) -> None:
        self._path = path
        self._index_sql = index_sql
        """The full-text index's CREATE statement (None: this SQLite has no FTS5)."""
        self._reader: sqlite3.Connection | None = None
        self._closed = False
        self.lock = threading.Lock()
        """Held while a search reads; the history holds it too while it closes or swaps
        its file."""

    def search(
        self, query: str, limit: int = 50, folders: Sequence[int] | None = None
    ) -> list[SearchHit]:
        """Messages containing every word of ``query`` (any case, substrings too), newest
        first, in conversations that are not in the trash (and in ``folders``, if given)."""
        terms = query.split()
        if not terms:
            return []
        index = self._index_sql() or ""
        indexed = [t for t in terms if len(t) >= _TRIGRAM] if "trigram" in index else []
        filtered = [t for t in terms if t not in indexed]
        likes = " ".join("AND m.content LIKE ? ESCAPE '\\'" for _ in filtered)
        if folders is not None:  # ids are ints: safe to write into the query
            likes += f" AND c.folder_id IN ({', '.join(str(int(f)) for f in folders) or 'NULL'})"
        columns = "m.id, m.conversation_id, m.role, m.content, c.title, c.updated_at"
        if indexed:
            match = " ".join('"' + term.replace('"', '""') + '"' for term in indexed)
            sql = (
                f"SELECT {columns}, snippet(messages_fts, 0, '{HIT_START}', '{HIT_END}', '…',"
                f" {SNIPPET_TOKENS * _TRIGRAM}) AS snippet"
                " FROM messages_fts JOIN messages AS m ON m.id = messages_fts.rowid"
                " JOIN conversations AS c ON c.id = m.conversation_id"
                f" WHERE messages_fts MATCH ? AND c.deleted_at IS NULL {likes}"
                " ORDER BY messages_fts.rowid DESC LIMIT ?"
            )
            params: list[object] = [match, *map(like_pattern, filtered), limit]
        else:
            sql = (
                f"SELECT {columns}, NULL AS snippet FROM messages AS m"
                " JOIN conversations AS c ON c.id = m.conversation_id"
                f" WHERE c.deleted_at IS NULL AND m.state != 'streaming' {likes}"
                " ORDER BY m.id DESC LIMIT ?"
            )
            params = [*map(like_pattern, filtered), limit]
        with self.lock:
            if self._closed:
                return []
            try:
                rows = self._connection().execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:
                if "interrupt" in str(error):  # cancel_search: a newer query replaces it
                    return []
                raise
        return [
            SearchHit(
                conversation_id=row["conversation_id"],
                conversation_title=row["title"],
                message_id=row["id"],
                role=Role(row["role"]),
                snippet=row["snippet"]
                if filtered == [] and row["snippet"]
                else plain_snippet(row["content"], terms),
                updated_at=datetime.fromisoformat(row["updated_at"]),
            )
            for row in rows
        ]

    def _connection(self) -> sqlite3.Connection:
        """Searches read on a connection of their own (WAL lets it read while the app
        writes), so a long scan never holds the lock the UI thread's saves wait for."""
        if self._reader is None:
            reader = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            reader.row_factory = sqlite3.Row
            reader.execute("PRAGMA query_only = ON")
            self._reader = reader
        return self._reader

    def cancel(self) -> None:
        """Stop a search running on another thread now (it returns no hits). Safe from
        any thread, and a no-op when nothing is searching."""
        reader = self._reader
        if reader is not None:
            with suppress(sqlite3.ProgrammingError):  # closed meanwhile
                reader.interrupt()

    def close_reader(self, *, for_good: bool = False) -> None:
        """Close the reading connection (the caller holds :attr:`lock`); it opens again
        with the next search unless ``for_good``."""
        self._closed = self._closed or for_good
        if self._reader is not None:
            self._reader.close()
            self._reader = None
