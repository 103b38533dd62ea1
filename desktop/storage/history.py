"""Conversation history in SQLite: WAL, migrations, crash-safe streaming saves.

Every public method is one short transaction behind a lock, so the store may be used
from the UI thread for small writes and from worker threads (``asyncio.to_thread``) for
big reads. An answer that is still streaming is saved as it grows; a kill loses only
what arrived since the last ``update_message``.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from desktop.core.answer_store import LEAF, Leaf
from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation import (
    Conversation,
    PathStep,
    SearchHit,
    StoredMessage,
)
from desktop.core.conversation_groups import ConversationSummary
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.core.text import Text
from desktop.core.tool_steps import ToolRound, ToolStep
from desktop.storage import image_blobs, tool_calls
from desktop.storage.answer_sources import AnswerSourcesStore
from desktop.storage.clean_close import record_clean_close
from desktop.storage.conversation_import import insert_exported
from desktop.storage.drafts import DraftStore
from desktop.storage.folders import FolderStore
from desktop.storage.history_file import SQLITE_COMPANIONS, connect_private, is_corruption
from desktop.storage.history_part import write_transaction
from desktop.storage.history_rows import (
    LINK_COLUMNS,
    MESSAGE_COLUMNS,
    conversation_from_row,
    message_from_row,
    stats_to_json,
    text_to_json,
    timestamp_now,
    visible_path,
    with_rounds,
)
from desktop.storage.message_search import MessageSearch
from desktop.storage.paths import data_dir, private_dir
from desktop.storage.quarantine import move_aside
from desktop.storage.schema import SchemaTooNew

if TYPE_CHECKING:  # imported by whoever reads the file, not at startup
    from desktop.core.conversation_export import ExportedConversation

__all__ = ["LEAF", "HistoryStore", "Leaf", "SchemaTooNew", "default_history_path"]


def default_history_path() -> Path:
    return data_dir() / "history.sqlite3"


PATH_CHUNK = 64
"""How many messages of a path are read on each side of the first one decoded: about the
first screens of a long conversation (scrolling up reads the next)."""


class _PathRows:
    """The rows of a path's messages, read from the history when the first of them is
    decoded, with its neighbours not read yet: opening a 2,000-message conversation reads
    the links of all and the rows of the last 64 (the ~8 shown first are decoded)."""

    def __init__(self, store: HistoryStore, path: list[int]) -> None:
        self._store = store
        self._path = path
        self._place = {message_id: index for index, message_id in enumerate(path)}
        self._read: set[int] = set()
        self._rows: dict[int, tuple[Any, ...]] = {}
        self._rounds: dict[int, tuple[ToolRound, ...]] = {}

    def message(self, message_id: int) -> StoredMessage:
        """Raises ``KeyError`` when the message was deleted since the path was read."""
        if message_id not in self._read:
            place = self._place[message_id]
            around = self._path[max(0, place - PATH_CHUNK + 1) : place + PATH_CHUNK]
            wanted = [other for other in around if other not in self._read]
            rows, rounds = self._store._message_rows(wanted)
            self._read.update(wanted)
            self._rows.update(rows)
            self._rounds.update(rounds)
        row = self._rows.pop(message_id, None)
        if row is None:
            raise KeyError(f"no message with id {message_id}")
        message = message_from_row(row)
        found = self._rounds.pop(message_id, None)
        return dataclasses.replace(message, tool_rounds=found) if found else message


class HistoryStore:
    """Conversations and messages in one SQLite file. Create with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovered_from: Path | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._closed = False
        self._search = MessageSearch(path, self._search_sql)
        self.path = path
        self.recovered_from = recovered_from
        """Where a damaged history was moved before a fresh one was started, else None."""
        self.interrupted_conversations: tuple[int, ...] = ()
        """Set by :meth:`mark_interrupted_streams`."""

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = 5.0) -> HistoryStore:
        """Open or create the history at ``path``.

        A damaged file is never deleted: it and its ``-wal``/``-shm`` files are renamed
        to ``<name>.corrupt-<timestamp>`` and an empty history is started in its place.
        A locked or unreadable file is not damage and raises ``sqlite3.OperationalError``;
        a history from a newer Parley raises :class:`SchemaTooNew`.

        Conversations are private: the folder is made owner-only (0700), the database
        and its ``-wal``/``-shm`` files 0600, also when an older version left them open.
        """
        private_dir(path.parent)
        try:
            return cls(connect_private(path, busy_timeout), path, recovered_from=None)
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                raise
        moved = move_aside(path, "corrupt", SQLITE_COMPANIONS)
        return cls(connect_private(path, busy_timeout), path, recovered_from=moved)

    @property
    def folders(self) -> FolderStore:
        """The folders conversations are kept in (storage/folders.py)."""
        return FolderStore(lambda: self._conn, self._lock)

    @property
    def drafts(self) -> DraftStore:
        """What is written in each conversation and not sent (storage/drafts.py)."""
        return DraftStore(lambda: self._conn, self._lock)

    @property
    def answer_sources(self) -> AnswerSourcesStore:
        """The document sources each answer was sent (storage/answer_sources.py)."""
        return AnswerSourcesStore(lambda: self._conn, self._lock)

    @property
    def has_search_index(self) -> bool:
        """False when this SQLite lacks FTS5 and the full-text index was skipped."""
        return self._search_sql() is not None

    def _search_sql(self) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'messages_fts'"
            ).fetchone()
        return None if row is None else str(row[0])

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        with write_transaction(conn, self._lock):
            yield conn

    def create_conversation(
        self, title: str, model: str, provider: str = "ollama", system_prompt: str = ""
    ) -> Conversation:
        with self._writing() as conn:
            now = timestamp_now()
            cursor = conn.execute(
                "INSERT INTO conversations"
                " (title, model, provider, system_prompt, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (title, model, provider, system_prompt, now, now),
            )
            row = conn.execute(
                "SELECT * FROM conversations WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return conversation_from_row(row)

    def list_conversations(self) -> list[Conversation]:
        """All conversations not in the trash, the most recently updated first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM conversations WHERE deleted_at IS NULL"
                " ORDER BY updated_at DESC, id DESC"
            ).fetchall()
        return [conversation_from_row(row) for row in rows]

    def conversation_summaries(self, newest: int | None = None) -> list[ConversationSummary]:
        """What the conversation list shows: the conversations not in the trash, the most
        recently updated first. ``newest``: only that many, plus every pinned one (a
        first screen, fast however long the history)."""
        columns = "id, title, model, updated_at, pinned, folder_id"
        alive = "FROM conversations WHERE deleted_at IS NULL"
        order = "ORDER BY updated_at DESC, id DESC"
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None  # plain tuples: a third of the cost of sqlite3.Row
            if newest is None:
                rows = cursor.execute(f"SELECT {columns} {alive} {order}").fetchall()
            else:
                rows = cursor.execute(
                    f"SELECT * FROM (SELECT {columns} {alive} {order} LIMIT ?)"
                    f" UNION SELECT {columns} {alive} AND pinned != 0",
                    (newest,),
                ).fetchall()
                rows.sort(key=lambda row: (row[3], row[0]), reverse=True)
        return [
            ConversationSummary(
                id_, title, model, datetime.fromisoformat(updated), bool(pinned), folder
            )
            for id_, title, model, updated, pinned, folder in rows
        ]

    def conversation_summary(self, conversation_id: int) -> ConversationSummary | None:
        """The conversation as the list shows it; None when it is gone or in the trash."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id, title, model, updated_at, pinned, folder_id FROM conversations"
                " WHERE id = ? AND deleted_at IS NULL",
                (conversation_id,),
            ).fetchone()
        if row is None:
            return None
        return ConversationSummary(
            row[0], row[1], row[2], datetime.fromisoformat(row[3]), bool(row[4]), row[5]
        )

    def get_conversation(self, conversation_id: int) -> Conversation:
        """Raises ``KeyError`` when there is no such conversation (e.g. it was deleted)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        if row is None:
            raise KeyError(f"no conversation with id {conversation_id}")
        return conversation_from_row(row)

    def rename_conversation(self, conversation_id: int, title: str) -> bool:
        """Returns False when there is no such conversation."""
        with self._writing() as conn:
            cursor = conn.execute(
                "UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id)
            )
        return cursor.rowcount > 0

    def _set_conversation(self, conversation_id: int, column: str, value: object) -> bool:
        with self._writing() as conn:
            cursor = conn.execute(
                f"UPDATE conversations SET {column} = ? WHERE id = ?", (value, conversation_id)
            )
        return cursor.rowcount > 0

    def set_pinned(self, conversation_id: int, pinned: bool) -> bool:
        return self._set_conversation(conversation_id, "pinned", int(pinned))

    def set_model(self, conversation_id: int, model: str, provider: str | None = None) -> bool:
        """The model (and, when given, the provider id) the conversation continues with."""
        if provider is None:
            return self._set_conversation(conversation_id, "model", model)
        with self._writing() as conn:
            cursor = conn.execute(
                "UPDATE conversations SET model = ?, provider = ? WHERE id = ?",
                (model, provider, conversation_id),
            )
        return cursor.rowcount > 0

    def set_system_prompt(self, conversation_id: int, prompt: str) -> bool:
        return self._set_conversation(conversation_id, "system_prompt", prompt)

    def set_parameters(self, conversation_id: int, parameters: ChatParameters) -> bool:
        return self._set_conversation(conversation_id, "parameters", parameters.to_json())

    def trash_conversation(self, conversation_id: int) -> bool:
        """Hides the conversation (undoable with :meth:`restore_conversation`)."""
        return self._set_conversation(conversation_id, "deleted_at", timestamp_now())

    def restore_conversation(self, conversation_id: int) -> bool:
        return self._set_conversation(conversation_id, "deleted_at", None)

    def purge_trash(self) -> int:
        """Deletes the trashed conversations for good; returns how many."""
        with self._writing() as conn:
            cursor = conn.execute("DELETE FROM conversations WHERE deleted_at IS NOT NULL")
        return cursor.rowcount

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
        parent_id: int | Leaf | None = LEAF,
        images: Sequence[ImageAttachment] = (),
    ) -> StoredMessage:
        """Adds a message as the newest child of ``parent_id`` (by default after the last
        visible message), puts it on the visible path and marks the conversation updated.
        Its ``images`` are kept once each, however many messages attach them.

        Raises ``KeyError`` when the conversation does not exist (e.g. it was deleted).
        """
        with self._writing() as conn:
            now = timestamp_now()
            touched = conn.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)
            )
            if touched.rowcount == 0:
                raise KeyError(f"no conversation with id {conversation_id}")
            if isinstance(parent_id, Leaf):
                path, _ = visible_path(self._links(conversation_id))
                parent_id = path[-1] if path else None
            cursor = conn.execute(
                "INSERT INTO messages (conversation_id, role, content, state, model, thinking,"
                " created_at, parent_id, chosen, images) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    role.value,
                    content,
                    state.value,
                    model,
                    thinking,
                    now,
                    parent_id,
                    self._next_choice(conversation_id),
                    image_blobs.save_images(conn, images),
                ),
            )
            row = conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return message_from_row(row)

    def update_message(
        self,
        message_id: int,
        *,
        content: str | None = None,
        thinking: str | None = None,
        state: MessageState | None = None,
        stats: ChatStats | None = None,
        error: str | Text | None = None,
    ) -> bool:
        """Overwrites the given fields and commits at once; False when the message is gone.
        An ``error`` given as a Text is kept as its key and values too (``error_text``)."""
        changes: dict[str, str | None] = {}
        if content is not None:
            changes["content"] = content
        if thinking is not None:
            changes["thinking"] = thinking
        if state is not None:
            changes["state"] = state.value
        if stats is not None:
            changes["stats"] = stats_to_json(stats)
        if error is not None:
            changes["error"] = str(error)
            changes["error_text"] = text_to_json(error)
        assignments = ", ".join(f"{column} = ?" for column in changes) or "id = id"
        with self._writing() as conn:
            cursor = conn.execute(
                f"UPDATE messages SET {assignments} WHERE id = ?",
                (*changes.values(), message_id),
            )
        return cursor.rowcount > 0

    def save_tool_round(self, message_id: int, round_: ToolRound) -> None:
        """An answer's round of calls, as they are now (committed at once)."""
        with self._writing() as conn:
            tool_calls.save_round(conn, message_id, round_)

    def save_tool_step(
        self,
        message_id: int,
        round_number: int,
        position: int,
        step: ToolStep,
        images: Sequence[ImageAttachment] = (),
    ) -> None:
        """One call of a saved round as it is now, with the pictures its result brought."""
        with self._writing() as conn:
            tool_calls.save_step(conn, message_id, round_number, position, step, images)

    def messages(self, conversation_id: int) -> list[StoredMessage]:
        """The conversation's messages in the order they were added."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id",
                (conversation_id,),
            ).fetchall()
            rounds = tool_calls.rounds_of_conversation(self._conn, conversation_id)
        return [with_rounds(message_from_row(row), rounds) for row in rows]

    def _links(self, conversation_id: int) -> list[sqlite3.Row]:
        return self._conn.execute(
            f"SELECT {LINK_COLUMNS} FROM messages WHERE conversation_id = ?", (conversation_id,)
        ).fetchall()

    def _next_choice(self, conversation_id: int) -> int:
        row = self._conn.execute(
            "SELECT COALESCE(MAX(chosen), 0) + 1 FROM messages WHERE conversation_id = ?",
            (conversation_id,),
        ).fetchone()
        return int(row[0])

    def image(self, digest: str) -> ImageAttachment | None:
        """An attached image by its digest (None once no message uses it)."""
        with self._lock:
            return image_blobs.load_image(self._conn, digest)

    def thumbnails(self, digests: Sequence[str]) -> dict[str, bytes]:
        """Small previews of the images with these digests (those that exist)."""
        with self._lock:
            return image_blobs.load_thumbnails(self._conn, digests)

    def get_message(self, message_id: int) -> StoredMessage:
        """Raises ``KeyError`` when there is no such message."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            rounds = tool_calls.rounds_of_messages(self._conn, (message_id,)) if row else {}
        if row is None:
            raise KeyError(f"no message with id {message_id}")
        return with_rounds(message_from_row(row), rounds)

    def active_path(self, conversation_id: int) -> list[PathStep]:
        """The visible messages from the first to the last, each with its siblings.

        The conversation's links are read and walked here; a step's message is read and
        decoded when first needed, with its neighbours (:class:`_PathRows`): opening a
        2,000-message conversation took 17 ms reading and walking every row, now 7.
        A step read after its message was deleted raises ``KeyError``.
        """
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None  # plain tuples: walked by position
            links = cursor.execute(
                f"SELECT {LINK_COLUMNS} FROM messages WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchall()
        path, children = visible_path(links)
        rows = _PathRows(self, path)
        steps: list[PathStep] = []
        parent: int | None = None
        for message_id in path:
            kids = children[parent]
            siblings = (message_id,) if len(kids) == 1 else tuple(sorted(kids))
            steps.append(PathStep.later(message_id, siblings, partial(rows.message, message_id)))
            parent = message_id
        return steps

    def _message_rows(
        self, ids: Sequence[int]
    ) -> tuple[dict[int, tuple[Any, ...]], dict[int, tuple[ToolRound, ...]]]:
        """The rows of these messages (those that exist) and their tool rounds."""
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None
            found = cursor.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id IN ({', '.join('?' * len(ids))})",
                tuple(ids),
            ).fetchall()
            rounds = tool_calls.rounds_of_messages(self._conn, ids)
        return {row[0]: row for row in found}, rounds

    def select_message(self, message_id: int) -> bool:
        """Puts the message, and every message before it, on the visible path."""
        with self._writing() as conn:
            row = conn.execute(
                "SELECT conversation_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                return False
            choice = self._next_choice(row["conversation_id"])
            conn.execute(
                """
                WITH RECURSIVE line(id, parent_id) AS (
                    SELECT id, parent_id FROM messages WHERE id = ?
                    UNION ALL
                    SELECT m.id, m.parent_id FROM messages AS m JOIN line ON m.id = line.parent_id
                )
                UPDATE messages SET chosen = ? WHERE id IN (SELECT id FROM line)
                """,
                (message_id, choice),
            )
        return True

    def delete_message(self, message_id: int) -> bool:
        """Deletes one message; what followed it now follows the message before it."""
        with self._writing() as conn:
            row = conn.execute(
                "SELECT parent_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                return False
            conn.execute(
                "UPDATE messages SET parent_id = ? WHERE parent_id = ?",
                (row["parent_id"], message_id),
            )
            conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))
        return True

    def search(
        self, query: str, limit: int = 50, folders: Sequence[int] | None = None
    ) -> list[SearchHit]:
        """Messages containing every word of ``query`` (any case, substrings too), newest
        first, in conversations that are not in the trash (and in ``folders``, if given)."""
        return self._search.search(query, limit, folders)

    def cancel_search(self) -> None:
        """Stop a search running on another thread now (it returns no hits). Safe from
        any thread, and a no-op when nothing is searching."""
        self._search.cancel()

    def import_conversation(self, exported: ExportedConversation) -> Conversation:
        """Adds an exported conversation, tree and all, in one transaction."""
        with self._writing() as conn:
            conversation_id = insert_exported(conn, exported)
            result = conn.execute(
                "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        return conversation_from_row(result)

    def mark_interrupted_streams(self) -> int:
        """Marks answers left streaming by a crash or kill as interrupted; returns how many.

        ``interrupted_conversations`` then names their conversations, the one whose answer
        was cut off last at the end: the window reopens that one.
        """
        with self._writing() as conn:
            # Literal values so SQLite can use the partial index on streaming messages.
            rows = conn.execute(
                "SELECT conversation_id FROM messages"
                f" WHERE state = '{MessageState.STREAMING.value}' ORDER BY id"
            ).fetchall()
            newest_first = dict.fromkeys(int(row[0]) for row in reversed(rows))
            self.interrupted_conversations = tuple(reversed(newest_first))
            cursor = conn.execute(
                f"UPDATE messages SET state = '{MessageState.INTERRUPTED.value}'"
                f" WHERE state = '{MessageState.STREAMING.value}'"
            )
            tool_calls.mark_interrupted(conn)
        return cursor.rowcount

    def reconnect(self, between: Callable[[], None]) -> None:
        """Close the database, run ``between`` (a restore puts another file at ``path``),
        open it again. Writes and searches wait meanwhile; the file is reopened even when
        ``between`` raises."""
        self.cancel_search()
        with self._search.lock, self._lock:
            if self._closed:  # the app quit meanwhile: nothing may change any more
                raise sqlite3.ProgrammingError("the history is closed")
            self._search.close_reader()
            self._conn.close()
            try:
                between()
            finally:
                self._conn = connect_private(self.path, 5.0)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self.cancel_search()
        with self._search.lock, self._lock:
            if self._closed:
                return
            self._closed = True
            self._search.close_reader(for_good=True)
            # Only an optimisation: another connection may hold the lock right now.
            with suppress(sqlite3.OperationalError):
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            record_clean_close(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
