"""A history with known contents, for the backup and restore tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from desktop.core.attachment import ImageAttachment
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore


def image(seed: int) -> ImageAttachment:
    return ImageAttachment(
        bytes([seed % 256]) * 512 + seed.to_bytes(4, "big"), "image/png", 8, 8, b"t"
    )


def fill(store: HistoryStore, conversations: int, messages: int, *, label: str = "") -> None:
    """``conversations`` chats of ``messages`` messages each; every chat's first message
    carries one picture of its own, so there are as many images as chats."""
    for number in range(conversations):
        chat = store.create_conversation(f"{label}chat {number}", "m")
        for index in range(messages):
            role = Role.USER if index % 2 == 0 else Role.ASSISTANT
            pictures = [image(number + 1000 * sum(map(ord, label)))] if index == 0 else []
            store.add_message(chat.id, role, f"{label}message {index} 你好", images=pictures)


def counts(path: Path) -> tuple[int, int, int]:
    """Conversations, messages and images in the database at ``path`` (read only)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        return (
            db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM messages").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM images").fetchone()[0],
        )
