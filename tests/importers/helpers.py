"""What a person sees of an imported history: titles, the shown path, its branches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.messages import Role
from desktop.storage.history import HistoryStore


def shown(store: HistoryStore, title: str) -> list[tuple[Role, str, int]]:
    """The shown path of the conversation titled ``title``: role, content, how many
    versions that step has."""
    (conversation,) = [c for c in store.list_conversations() if c.title == title]
    return [
        (step.message.role, step.message.content, len(step.sibling_ids))
        for step in store.active_path(conversation.id)
    ]


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a person's history lives in."""
    with sqlite3.connect(path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("conversations", "messages", "images", "import_sources")
        }
