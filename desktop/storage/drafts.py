"""What is written in each conversation (and in the new chat) and not sent, with its
pictures: table ``drafts``, one row per conversation, key 0 for the new chat.

:attr:`HistoryStore.drafts` hands out a :class:`DraftStore`; a draft's pictures live in
the history's images (image_blobs) while a draft or a message uses them.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.attachment import ImageAttachment
from desktop.core.conversation_session import Draft
from desktop.storage import image_blobs
from desktop.storage.history_part import HistoryPart
from desktop.storage.history_rows import timestamp_now


class DraftStore(HistoryPart):
    def save(
        self, conversation_id: int | None, text: str, images: Sequence[ImageAttachment] = ()
    ) -> None:
        """Keep what is written in a conversation (None: the new chat); empty: forget it."""
        key = conversation_id or 0
        with self._writing() as conn:
            if not text and not images:
                conn.execute("DELETE FROM drafts WHERE conversation_key = ?", (key,))
                return
            conn.execute(
                "INSERT INTO drafts (conversation_key, text, images, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (conversation_key) DO UPDATE"
                " SET text = excluded.text, images = excluded.images,"
                " updated_at = excluded.updated_at",
                (key, text, image_blobs.save_images(conn, images), timestamp_now()),
            )

    def of(self, conversation_id: int | None) -> Draft:
        """What was written in a conversation (None: the new chat) and not sent."""
        with self._lock:
            conn = self._conn
            row = conn.execute(
                "SELECT text, images FROM drafts WHERE conversation_key = ?",
                (conversation_id or 0,),
            ).fetchone()
            if row is None:
                return Draft()
            images = [image_blobs.load_image(conn, d) for d in image_blobs.digests(row[1])]
        return Draft(str(row[0]), tuple(image for image in images if image is not None))
