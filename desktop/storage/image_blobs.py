"""Attached images in the history database, content-addressed by sha256.

The same picture attached to ten messages (or imported twice) is one row. Messages
refer to images by digest (``messages.images``, a JSON list); a trigger deletes an
image with the last message that used it (schema step ``_add_images``).
These helpers run inside the caller's lock and transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from desktop.core.attachment import ImageAttachment


def save_images(conn: sqlite3.Connection, images: Sequence[ImageAttachment]) -> str:
    """Store what is not stored yet; returns the JSON list of digests for the message row."""
    conn.executemany(
        "INSERT OR IGNORE INTO images (digest, media_type, width, height, data, thumbnail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (image.digest, image.media_type, image.width, image.height, image.data, image.thumbnail)
            for image in images
        ],
    )
    return json.dumps([image.digest for image in images])


def digests(column: str | None) -> tuple[str, ...]:
    """A message row's ``images`` column as digests (an unreadable value as none)."""
    try:
        value = json.loads(column or "[]")
    except json.JSONDecodeError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def load_image(conn: sqlite3.Connection, digest: str) -> ImageAttachment | None:
    row = conn.execute(
        "SELECT media_type, width, height, data, thumbnail FROM images WHERE digest = ?",
        (digest,),
    ).fetchone()
    if row is None:
        return None
    media_type, width, height, data, thumbnail = tuple(row)
    return ImageAttachment(bytes(data), str(media_type), int(width), int(height), bytes(thumbnail))


def load_thumbnails(conn: sqlite3.Connection, wanted: Sequence[str]) -> dict[str, bytes]:
    """Thumbnails of the wanted digests that exist (the big data is not read)."""
    rows = conn.execute(
        "SELECT digest, thumbnail FROM images WHERE digest IN (SELECT value FROM json_each(?))",
        (json.dumps(list(wanted)),),
    ).fetchall()
    return {str(row[0]): bytes(row[1]) for row in rows}


def count_images(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM images").fetchone()[0])
