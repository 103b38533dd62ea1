"""An exported conversation (conversation_export) put into the history: its tree of
messages with their new ids, the path that was shown, tool rounds and pictures."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from desktop.storage import image_blobs, tool_calls
from desktop.storage.history_rows import stats_to_json

if TYPE_CHECKING:  # imported by whoever reads the file, not at startup
    from desktop.core.conversation_export import ExportedConversation, ExportedMessage

MESSAGE_VALUES = (
    "role, content, state, model, thinking, stats, error, created_at, parent_id, chosen, images"
)
"""The columns of an imported message after its conversation (and id, in a bulk import)."""


def insert_conversation_row(
    conn: sqlite3.Connection, exported: ExportedConversation, deleted_at: str | None = None
) -> int:
    """The conversation's own row (title, model, dates, parameters); returns its id."""
    cursor = conn.execute(
        "INSERT INTO conversations (title, model, provider, system_prompt, created_at,"
        " updated_at, parameters, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            exported.title,
            exported.model,
            exported.provider,
            exported.system_prompt,
            exported.created_at.isoformat(),
            exported.updated_at.isoformat(),
            exported.parameters.to_json(),
            deleted_at,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def message_values(
    message: ExportedMessage, parent_id: int | None, chosen: int, images: str
) -> tuple[object, ...]:
    """A message's columns role … images, as ``MESSAGE_VALUES`` names them (``chosen``:
    its place among its siblings; ``images``: the digests' JSON)."""
    return (
        message.role.value,
        message.content,
        message.state.value,
        message.model,
        message.thinking,
        None if message.stats is None else stats_to_json(message.stats),
        message.error,
        message.created_at.isoformat(),
        parent_id,
        chosen,
        images,
    )


def insert_exported(conn: sqlite3.Connection, exported: ExportedConversation) -> int:
    """Add ``exported`` inside the caller's transaction; returns the new conversation's id."""
    conversation_id = insert_conversation_row(conn, exported)
    new_ids: dict[int, int] = {}
    images = {image.digest: image for image in exported.images}
    for number, message in enumerate(exported.messages, start=1):
        attached = [images[digest] for digest in message.images if digest in images]
        row = conn.execute(
            f"INSERT INTO messages (conversation_id, {MESSAGE_VALUES})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                conversation_id,
                *message_values(
                    message,
                    None if message.parent_key is None else new_ids[message.parent_key],
                    number + (len(exported.messages) if message.on_path else 0),  # shown wins
                    image_blobs.save_images(conn, attached),
                ),
            ),
        )
        assert row.lastrowid is not None
        new_ids[message.key] = row.lastrowid
        for round_ in message.tool_rounds:
            tool_calls.save_round(conn, row.lastrowid, round_)
            pictures = [images.get(d) for step in round_.steps for d in step.images]
            image_blobs.save_images(conn, [p for p in pictures if p is not None])
    return conversation_id
