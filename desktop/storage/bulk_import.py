"""Writing many imported conversations: in batches, shown all at once, or not at all.

An import of years of conversations (a million messages) cannot be one transaction: the
app's own saves (a streaming answer, a draft) would wait for its lock and time out. So an
import run writes batches of conversations, each its own short transaction on a
connection of its own, with the conversations *hidden* — their ``deleted_at`` holds the
run's mark, and every list and search only shows rows where it is NULL. When the last
batch is written, one small transaction clears the mark and the whole import appears at
once; :meth:`BulkImport.discard` (Cancel, a failure) deletes what the run wrote.

A kill in the middle leaves hidden rows that nobody sees: the sidebar's purge of the trash
at the next start deletes them (``HistoryStore.purge_trash``), and so does the start of the
next import. Either way the visible history is exactly what it was before.

Where each conversation came from (``ExportedConversation.source_id``) is kept in
``import_sources``, so importing the same export twice adds nothing the second time.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from desktop.storage import image_blobs, tool_calls
from desktop.storage.conversation_import import (
    MESSAGE_VALUES,
    insert_conversation_row,
    message_values,
)

if TYPE_CHECKING:
    from desktop.core.conversation_export import ExportedConversation

_COLUMNS = f"id, conversation_id, {MESSAGE_VALUES}"
_PLACES = ", ".join("?" * 13)
MARK_PREFIX = "importing:"
"""How ``deleted_at`` marks the conversations of a run that has not finished."""


class BulkImport:
    """One import run into the history at ``path`` (the app's ``HistoryStore.path``)."""

    def __init__(self, path: Path, *, busy_timeout: float = 10.0) -> None:
        self._conn = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute(f"CREATE TEMP TABLE import_rows ({_COLUMNS})")
        self._mark = f"{MARK_PREFIX}{uuid.uuid4().hex}"
        self.added = 0
        """Conversations written by this run so far."""

    def discard_unfinished(self) -> int:
        """Deletes what runs that never finished (a kill) left hidden; returns how many."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = self._conn.execute(
                "DELETE FROM conversations WHERE deleted_at LIKE ? AND deleted_at != ?",
                (f"{MARK_PREFIX}%", self._mark),
            )
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        return cursor.rowcount

    def present(self, source_ids: Iterable[str]) -> set[str]:
        """Which of these sources are in the history already (or written by this run).
        A conversation in the trash does not count: importing brings it back."""
        wanted = [item for item in source_ids if item]
        if not wanted:
            return set()
        rows = self._conn.execute(
            "SELECT s.source_id FROM import_sources AS s"
            " JOIN conversations AS c ON c.id = s.conversation_id"
            " WHERE s.source_id IN (SELECT value FROM json_each(?))"
            " AND (c.deleted_at IS NULL OR c.deleted_at = ?)",
            (json.dumps(wanted), self._mark),
        ).fetchall()
        return {str(row[0]) for row in rows}

    def write(self, batch: Sequence[ExportedConversation]) -> list[str]:
        """Writes the batch's conversations, hidden, in one transaction; skips those whose
        source is present. Returns the source ids it skipped."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            skipped = self.present(item.source_id for item in batch)
            seen: set[str] = set()
            rows: list[tuple[object, ...]] = []
            rounds: list[tuple[int, ExportedConversation, int]] = []
            next_id = int(
                conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM messages").fetchone()[0]
            )
            for conversation in batch:
                source = conversation.source_id
                if source and (source in skipped or source in seen):
                    skipped.add(source)
                    continue
                seen.add(source)
                first = next_id
                next_id = self._insert(conversation, first, rows)
                if any(message.tool_rounds for message in conversation.messages):
                    rounds.append((first, conversation, 0))
            # The rows go through a table of this connection's own and then into messages
            # in one statement: the search index's trigger then writes the index once,
            # not once per message (FTS5 flushes its pending terms at every statement):
            # five times faster than inserting each message.
            conn.executemany(f"INSERT INTO temp.import_rows VALUES ({_PLACES})", rows)
            conn.execute(f"INSERT INTO messages ({_COLUMNS}) SELECT * FROM temp.import_rows")
            conn.execute("DELETE FROM temp.import_rows")
            for first, conversation, _ in rounds:
                self._save_rounds(conversation, first)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return sorted(skipped)

    def _insert(
        self, exported: ExportedConversation, first: int, rows: list[tuple[object, ...]]
    ) -> int:
        """Adds the conversation's row and its messages' rows (ids from ``first`` on) to
        ``rows``; returns the next free message id."""
        conn = self._conn
        conversation_id = insert_conversation_row(conn, exported, self._mark)
        if exported.source_id:
            conn.execute(
                "INSERT OR REPLACE INTO import_sources (source_id, conversation_id) VALUES (?, ?)",
                (exported.source_id, conversation_id),
            )
        new_ids = {message.key: first + index for index, message in enumerate(exported.messages)}
        images = {image.digest: image for image in exported.images}
        count = len(exported.messages)
        for number, message in enumerate(exported.messages, start=1):
            attached = [images[digest] for digest in message.images if digest in images]
            values = message_values(
                message,
                None if message.parent_key is None else new_ids.get(message.parent_key),
                number + (count if message.on_path else 0),
                image_blobs.save_images(conn, attached) if attached else "[]",
            )
            rows.append((new_ids[message.key], conversation_id, *values))
        self.added += 1
        return first + count

    def _save_rounds(self, exported: ExportedConversation, first: int) -> None:
        images = {image.digest: image for image in exported.images}
        for index, message in enumerate(exported.messages):
            for round_ in message.tool_rounds:
                tool_calls.save_round(self._conn, first + index, round_)
                pictures = [images.get(d) for step in round_.steps for d in step.images]
                image_blobs.save_images(self._conn, [p for p in pictures if p is not None])

    def finish(self) -> int:
        """Shows every conversation this run wrote, at once; returns how many."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = self._conn.execute(
                "UPDATE conversations SET deleted_at = NULL WHERE deleted_at = ?", (self._mark,)
            )
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        return cursor.rowcount

    def discard(self) -> None:
        """Deletes what this run wrote (Cancel, or a failure): the history is as before."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.execute("DELETE FROM conversations WHERE deleted_at = ?", (self._mark,))
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        self.added = 0

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
