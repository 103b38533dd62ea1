"""Conversation history in SQLite: WAL, migrations, crash-safe streaming saves.

Every public method is one short transaction behind a lock, so the store may be used
from the UI thread for small writes and from worker threads (``asyncio.to_thread``) for
big reads. An answer that is still streaming is saved as it grows; a kill loses only
what arrived since the last ``update_message``.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from desktop.core.conversation import Conversation, StoredMessage
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.storage.paths import data_dir
from desktop.storage.quarantine import move_aside
from desktop.storage.schema import SchemaTooNew, migrate

__all__ = ["HistoryStore", "SchemaTooNew", "default_history_path"]

_SQLITE_COMPANIONS = ("-wal", "-shm")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CORRUPTION_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_STATS_FIELDS = frozenset(field.name for field in dataclasses.fields(ChatStats))


def default_history_path() -> Path:
    return data_dir() / "history.sqlite3"


class _CorruptDatabase(sqlite3.DatabaseError):
    """Damage found by our own checks rather than reported by SQLite."""


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    if isinstance(error, _CorruptDatabase):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CORRUPTION_CODES


def _has_foreign_header(path: Path) -> bool:
    """A non-empty file that does not start like SQLite.

    Checked before SQLite sees the file: closing a connection to it would checkpoint
    and delete a ``-wal`` file lying next to it.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    return header != b"" and header != _SQLITE_MAGIC


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open, configure, verify and migrate; raises ``sqlite3.DatabaseError`` if damaged."""
    if _has_foreign_header(path):
        raise _CorruptDatabase("the file is not an SQLite database")
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _CorruptDatabase("; ".join(str(problem) for problem in problems[:5]))
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _stats_to_json(stats: ChatStats) -> str:
    return json.dumps(dataclasses.asdict(stats))


def _stats_from_json(text: str | None) -> ChatStats | None:
    if not text:
        return None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    return ChatStats(**{key: value for key, value in data.items() if key in _STATS_FIELDS})


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        model=row["model"],
        provider=row["provider"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        system_prompt=row["system_prompt"],
    )


def _message(row: sqlite3.Row) -> StoredMessage:
    return StoredMessage(
        id=row["id"],
        conversation_id=row["conversation_id"],
        role=Role(row["role"]),
        content=row["content"],
        state=MessageState(row["state"]),
        model=row["model"],
        created_at=datetime.fromisoformat(row["created_at"]),
        thinking=row["thinking"],
        stats=_stats_from_json(row["stats"]),
        error=row["error"],
    )


class HistoryStore:
    """Conversations and messages in one SQLite file. Create with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovered_from: Path | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._closed = False
        self.path = path
        self.recovered_from = recovered_from
        """Where a damaged history was moved before a fresh one was started, else None."""

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = 5.0) -> HistoryStore:
        """Open or create the history at ``path``.

        A damaged file is never deleted: it and its ``-wal``/``-shm`` files are renamed
        to ``<name>.corrupt-<timestamp>`` and an empty history is started in its place.
        A locked or unreadable file is not damage and raises ``sqlite3.OperationalError``;
        a history from a newer Parley raises :class:`SchemaTooNew`.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls(_connect(path, busy_timeout), path, recovered_from=None)
        except sqlite3.DatabaseError as error:
            if not _is_corruption(error):
                raise
        moved = move_aside(path, "corrupt", _SQLITE_COMPANIONS)
        return cls(_connect(path, busy_timeout), path, recovered_from=moved)

    @property
    def has_search_index(self) -> bool:
        """False when this SQLite lacks FTS5 and the full-text index was skipped."""
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'messages_fts'"
            ).fetchone()
        return row is not None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def create_conversation(
        self, title: str, model: str, provider: str = "ollama", system_prompt: str = ""
    ) -> Conversation:
        with self._writing() as conn:
            now = _now()
            cursor = conn.execute(
                "INSERT INTO conversations"
                " (title, model, provider, system_prompt, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (title, model, provider, system_prompt, now, now),
            )
            row = conn.execute(
                "SELECT * FROM conversations WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _conversation(row)

    def list_conversations(self) -> list[Conversation]:
        """All conversations, the most recently updated first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM conversations ORDER BY updated_at DESC, id DESC"
            ).fetchall()
        return [_conversation(row) for row in rows]

    def get_conversation(self, conversation_id: int) -> Conversation:
        """Raises ``KeyError`` when there is no such conversation (e.g. it was deleted)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        if row is None:
            raise KeyError(f"no conversation with id {conversation_id}")
        return _conversation(row)

    def rename_conversation(self, conversation_id: int, title: str) -> bool:
        """Returns False when there is no such conversation."""
        with self._writing() as conn:
            cursor = conn.execute(
                "UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id)
            )
        return cursor.rowcount > 0

    def delete_conversation(self, conversation_id: int) -> bool:
        """Deletes the conversation and all its messages; False when there was none."""
        with self._writing() as conn:
            cursor = conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        return cursor.rowcount > 0

    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str,
        *,
        state: MessageState = MessageState.COMPLETE,
        model: str = "",
        thinking: str = "",
    ) -> StoredMessage:
        """Appends a message and marks the conversation as updated.

        Raises ``KeyError`` when the conversation does not exist (e.g. it was deleted).
        """
        with self._writing() as conn:
            now = _now()
            touched = conn.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)
            )
            if touched.rowcount == 0:
                raise KeyError(f"no conversation with id {conversation_id}")
            cursor = conn.execute(
                "INSERT INTO messages"
                " (conversation_id, role, content, state, model, thinking, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, role.value, content, state.value, model, thinking, now),
            )
            row = conn.execute(
                "SELECT * FROM messages WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _message(row)

    def update_message(
        self,
        message_id: int,
        *,
        content: str | None = None,
        thinking: str | None = None,
        state: MessageState | None = None,
        stats: ChatStats | None = None,
        error: str | None = None,
    ) -> bool:
        """Overwrites the given fields and commits at once; False when the message is gone."""
        changes: dict[str, str] = {}
        if content is not None:
            changes["content"] = content
        if thinking is not None:
            changes["thinking"] = thinking
        if state is not None:
            changes["state"] = state.value
        if stats is not None:
            changes["stats"] = _stats_to_json(stats)
        if error is not None:
            changes["error"] = error
        assignments = ", ".join(f"{column} = ?" for column in changes) or "id = id"
        with self._writing() as conn:
            cursor = conn.execute(
                f"UPDATE messages SET {assignments} WHERE id = ?",
                (*changes.values(), message_id),
            )
        return cursor.rowcount > 0

    def messages(self, conversation_id: int) -> list[StoredMessage]:
        """The conversation's messages in the order they were added."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            ).fetchall()
        return [_message(row) for row in rows]

    def mark_interrupted_streams(self) -> int:
        """Marks answers left streaming by a crash or kill as interrupted; returns how many."""
        with self._writing() as conn:
            # Literal values so SQLite can use the partial index on streaming messages.
            cursor = conn.execute(
                f"UPDATE messages SET state = '{MessageState.INTERRUPTED.value}'"
                f" WHERE state = '{MessageState.STREAMING.value}'"
            )
        return cursor.rowcount

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._conn.execute("PRAGMA optimize")
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
