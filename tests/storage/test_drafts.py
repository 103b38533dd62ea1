"""Drafts in the history database: one per conversation (and one for the new chat), with
their pictures, kept across a restart and removed with their conversation."""

from __future__ import annotations

from pathlib import Path

from desktop.core.attachment import ImageAttachment
from desktop.core.conversation_session import Draft
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore


def picture(seed: int) -> ImageAttachment:
    return ImageAttachment(bytes([seed]) * 64, "image/png", 8, 8, b"thumb")


def image_count(store: HistoryStore) -> int:
    with store._lock:
        return int(store._conn.execute("SELECT COUNT(*) FROM images").fetchone()[0])


def test_each_conversation_has_its_own_draft_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        one = store.create_conversation("one", "m")
        two = store.create_conversation("two", "m")
        store.drafts.save(one.id, "half a thought", [picture(1)])
        store.drafts.save(None, "for the new chat")
    with HistoryStore.open(path) as store:
        assert store.drafts.of(one.id) == Draft("half a thought", (picture(1),))
        assert store.drafts.of(two.id) == Draft()
        assert store.drafts.of(None).text == "for the new chat"


def test_a_draft_picture_lives_while_a_draft_or_a_message_uses_it(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = store.create_conversation("chat", "m")
        sent = store.add_message(chat.id, Role.USER, "look", images=[picture(1)])
        store.drafts.save(chat.id, "again", [picture(1), picture(2)])
        assert image_count(store) == 2

        store.delete_message(sent.id)
        assert store.drafts.of(chat.id).images == (picture(1), picture(2)), "the draft keeps it"

        store.drafts.save(chat.id, "only one now", [picture(2)])
        assert image_count(store) == 1
        store.drafts.save(chat.id, "")
        assert store.drafts.of(chat.id) == Draft()
        assert image_count(store) == 0


def test_a_deleted_conversation_takes_its_draft_along(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = store.create_conversation("chat", "m")
        store.drafts.save(chat.id, "unsent", [picture(3)])
        store.delete_conversation(chat.id)
        assert store.drafts.of(chat.id) == Draft()
        assert image_count(store) == 0
