"""Folder queries: create, rename, nest (one level), order, delete, move conversations.

Kept apart from history.py; :class:`HistoryStore` hands out a :class:`FolderStore` that
shares its connection and lock, so each method is one short transaction like the rest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from desktop.core.folders import Folder, FolderProblem, FolderTools
from desktop.core.text import QT_TRANSLATE_NOOP, text
from desktop.storage.history_part import HistoryPart
from desktop.storage.history_rows import timestamp_now

NAME_LIMIT = 120
_UNSET: Any = object()


def tools_to_json(tools: FolderTools) -> str:
    servers = None if tools.servers is None else list(tools.servers)
    return json.dumps({"servers": servers, "off": list(tools.off)})


def tools_from_json(data: str | None) -> FolderTools:
    try:
        value = json.loads(data or "{}")
    except json.JSONDecodeError:
        return FolderTools()
    if not isinstance(value, dict):
        return FolderTools()
    servers = value.get("servers")
    off = value.get("off")
    return FolderTools(
        None if not isinstance(servers, list) else tuple(str(s) for s in servers),
        tuple(str(t) for t in off) if isinstance(off, list) else (),
    )


def folder_from_row(row: Sequence[Any]) -> Folder:
    id_, name, parent_id, position, model, provider, prompt, tools = row
    return Folder(id_, name, parent_id, position, model, provider, prompt, tools_from_json(tools))


_COLUMNS = "id, name, parent_id, position, model, provider, system_prompt, tools"


class FolderStore(HistoryPart):
    """The folders of one history. Made by :meth:`HistoryStore.folders`."""

    # -- reading ---------------------------------------------------------------
    def all(self) -> list[Folder]:
        """Every folder, top-level ones in their order, each followed by its sub-folders."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM folders ORDER BY position, id"
            ).fetchall()
        folders = [folder_from_row(tuple(row)) for row in rows]
        ordered: list[Folder] = []
        for top in (f for f in folders if f.parent_id is None):
            ordered.append(top)
            ordered += [f for f in folders if f.parent_id == top.id]
        return ordered

    def get(self, folder_id: int) -> Folder | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM folders WHERE id = ?", (folder_id,)
            ).fetchone()
        return None if row is None else folder_from_row(tuple(row))

    def with_subfolders(self, folder_id: int) -> list[int]:
        """The folder's id and those of its sub-folders (what a search "in" it covers)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id FROM folders WHERE id = ? OR parent_id = ?", (folder_id, folder_id)
            ).fetchall()
        return [int(row[0]) for row in rows]

    def counts(self) -> dict[int, int]:
        """How many conversations (not in the trash) each folder holds directly."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT folder_id, COUNT(*) FROM conversations"
                " WHERE folder_id IS NOT NULL AND deleted_at IS NULL GROUP BY folder_id"
            ).fetchall()
        return {int(row[0]): int(row[1]) for row in rows}

    def conversations_in(self, folder_id: int) -> list[int]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id FROM conversations WHERE folder_id = ? AND deleted_at IS NULL"
                " ORDER BY updated_at DESC",
                (folder_id,),
            ).fetchall()
        return [int(row[0]) for row in rows]

    # -- checks ----------------------------------------------------------------
    def _checked_name(
        self, conn: sqlite3.Connection, name: str, parent_id: int | None, own_id: int | None
    ) -> str:
        name = " ".join(name.split())
        if not name:
            raise FolderProblem(text(QT_TRANSLATE_NOOP("core", "A folder needs a name.")))
        if len(name) > NAME_LIMIT:
            raise FolderProblem(
                text(
                    QT_TRANSLATE_NOOP("core", "A folder name can be at most {limit} characters."),
                    limit=NAME_LIMIT,
                )
            )
        siblings = conn.execute(
            "SELECT id, name FROM folders WHERE parent_id IS ?", (parent_id,)
        ).fetchall()
        if any(row[1].casefold() == name.casefold() and row[0] != own_id for row in siblings):
            raise FolderProblem(
                text(
                    QT_TRANSLATE_NOOP("core", "There is already a folder named “{name}” here."),
                    name=name,
                )
            )
        return name

    def _check_parent(self, conn: sqlite3.Connection, parent_id: int | None) -> None:
        if parent_id is None:
            return
        row = conn.execute("SELECT parent_id FROM folders WHERE id = ?", (parent_id,)).fetchone()
        if row is None:
            raise FolderProblem(text(QT_TRANSLATE_NOOP("core", "That folder no longer exists.")))
        if row[0] is not None:
            raise FolderProblem(
                text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "Folders nest one level deep: a sub-folder cannot hold folders.",
                    )
                )
            )

    # -- writing ---------------------------------------------------------------
    def create(self, name: str, parent_id: int | None = None) -> Folder:
        """Raises :class:`FolderProblem` for an empty or taken name, or a third level."""
        with self._writing() as conn:
            self._check_parent(conn, parent_id)
            name = self._checked_name(conn, name, parent_id, None)
            now = timestamp_now()
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM folders WHERE parent_id IS ?",
                (parent_id,),
            ).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO folders (name, parent_id, position, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, parent_id, position, now, now),
            )
            folder_id = cursor.lastrowid
        assert folder_id is not None
        folder = self.get(folder_id)
        assert folder is not None
        return folder

    def rename(self, folder_id: int, name: str) -> Folder:
        with self._writing() as conn:
            row = conn.execute(
                "SELECT parent_id FROM folders WHERE id = ?", (folder_id,)
            ).fetchone()
            if row is None:
                raise FolderProblem(
                    text(QT_TRANSLATE_NOOP("core", "That folder no longer exists."))
                )
            name = self._checked_name(conn, name, row[0], folder_id)
            conn.execute(
                "UPDATE folders SET name = ?, updated_at = ? WHERE id = ?",
                (name, timestamp_now(), folder_id),
            )
        folder = self.get(folder_id)
        assert folder is not None
        return folder

    def nest(self, folder_id: int, parent_id: int | None) -> Folder:
        """Put the folder inside ``parent_id`` (None: the top level). A folder that holds
        sub-folders cannot go inside another one."""
        with self._writing() as conn:
            row = conn.execute("SELECT name FROM folders WHERE id = ?", (folder_id,)).fetchone()
            if row is None:
                raise FolderProblem(
                    text(QT_TRANSLATE_NOOP("core", "That folder no longer exists."))
                )
            if parent_id is not None:
                self._check_parent(conn, parent_id)
                has_children = conn.execute(
                    "SELECT 1 FROM folders WHERE parent_id = ? LIMIT 1", (folder_id,)
                ).fetchone()
                if parent_id == folder_id or has_children:
                    raise FolderProblem(
                        text(
                            QT_TRANSLATE_NOOP(
                                "core",
                                "Folders nest one level deep: a sub-folder cannot hold folders.",
                            )
                        )
                    )
            self._checked_name(conn, row[0], parent_id, folder_id)
            conn.execute(
                "UPDATE folders SET parent_id = ?, updated_at = ? WHERE id = ?",
                (parent_id, timestamp_now(), folder_id),
            )
        folder = self.get(folder_id)
        assert folder is not None
        return folder

    def set_defaults(
        self,
        folder_id: int,
        *,
        model: str = _UNSET,
        provider: str = _UNSET,
        system_prompt: str = _UNSET,
        tools: FolderTools = _UNSET,
    ) -> bool:
        """What a new chat in the folder starts with; arguments left out are kept."""
        changes: dict[str, object] = {}
        if model is not _UNSET:
            changes["model"] = model
        if provider is not _UNSET:
            changes["provider"] = provider
        if system_prompt is not _UNSET:
            changes["system_prompt"] = system_prompt
        if tools is not _UNSET:
            changes["tools"] = tools_to_json(tools)
        if not changes:
            return self.get(folder_id) is not None
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self._writing() as conn:
            cursor = conn.execute(
                f"UPDATE folders SET {assignments}, updated_at = ? WHERE id = ?",
                (*changes.values(), timestamp_now(), folder_id),
            )
        return cursor.rowcount > 0

    def move_conversation(self, conversation_id: int, folder_id: int | None) -> bool:
        """Put the conversation in the folder (None: out of every folder)."""
        with self._writing() as conn:
            if (
                folder_id is not None
                and conn.execute("SELECT 1 FROM folders WHERE id = ?", (folder_id,)).fetchone()
                is None
            ):
                return False
            cursor = conn.execute(
                "UPDATE conversations SET folder_id = ? WHERE id = ?",
                (folder_id, conversation_id),
            )
        return cursor.rowcount > 0

    def delete(self, folder_id: int, *, with_conversations: bool = False) -> int:
        """Delete the folder and its sub-folders. Their conversations move out to no
        folder, or with ``with_conversations`` go to the trash (undoable like a delete
        from the list). Returns how many conversations were in them."""
        with self._writing() as conn:
            ids = [
                int(row[0])
                for row in conn.execute(
                    "SELECT id FROM folders WHERE id = ? OR parent_id = ?", (folder_id, folder_id)
                )
            ]
            if not ids:
                return 0
            marks = ", ".join("?" * len(ids))
            if with_conversations:
                conn.execute(
                    f"UPDATE conversations SET deleted_at = ? WHERE folder_id IN ({marks})"
                    " AND deleted_at IS NULL",
                    (timestamp_now(), *ids),
                )
            cursor = conn.execute(
                f"UPDATE conversations SET folder_id = NULL WHERE folder_id IN ({marks})", ids
            )
            conn.execute(f"DELETE FROM folders WHERE id IN ({marks})", ids)
        return cursor.rowcount
