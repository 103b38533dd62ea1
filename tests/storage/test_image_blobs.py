"""Attached images in the history: kept once, shown again, gone with their last message."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.attachment import ImageAttachment
from desktop.core.conversation_export import exported, from_json, to_json
from desktop.core.image_preparation import prepare_image
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore
from desktop.storage.image_blobs import count_images
from desktop.storage.schema import MIGRATIONS
from tests.pictures import encoded, left_blue_right_red, sharp_pattern


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


def picture(width: int = 40, height: int = 30) -> ImageAttachment:
    return prepare_image(encoded(sharp_pattern(width, height), "PNG"), name="p.png")


def stored_count(store: HistoryStore) -> int:
    with sqlite3.connect(store.path) as conn:
        return count_images(conn)


def test_images_are_kept_once_and_come_back_in_order(store: HistoryStore) -> None:
    chat = store.create_conversation("Pictures", "m")
    first, second = picture(40, 30), picture(50, 20)
    one = store.add_message(chat.id, Role.USER, "look", images=[first, second])
    two = store.add_message(chat.id, Role.USER, "again", images=[second])
    assert one.images == (first.digest, second.digest)
    assert [step.message.images for step in store.active_path(chat.id)] == [
        (first.digest, second.digest),
        (second.digest,),
    ]
    assert store.get_message(two.id).images == (second.digest,)
    assert stored_count(store) == 2  # the second picture is stored once
    back = store.image(second.digest)
    assert back is not None and back.data == second.data
    assert (back.width, back.height, back.media_type) == (50, 20, "image/png")
    assert store.thumbnails([first.digest, "0" * 64]) == {first.digest: first.thumbnail}


def test_an_image_goes_with_the_last_message_that_uses_it(store: HistoryStore) -> None:
    chat = store.create_conversation("Pictures", "m")
    shared, own = picture(40, 30), picture(20, 20)
    one = store.add_message(chat.id, Role.USER, "a", images=[shared, own])
    store.add_message(chat.id, Role.USER, "b", images=[shared])
    other = store.create_conversation("Other", "m")
    store.add_message(other.id, Role.USER, "c", images=[shared])
    store.delete_message(one.id)
    assert store.image(own.digest) is None
    assert store.image(shared.digest) is not None
    store.delete_conversation(chat.id)
    assert store.image(shared.digest) is not None  # the other conversation still has it
    store.trash_conversation(other.id)
    store.purge_trash()
    assert stored_count(store) == 0


def test_an_older_history_gains_images_without_losing_messages(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path, isolation_level=None) as conn:
        for step in MIGRATIONS[:-1]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
        conn.execute(
            "INSERT INTO conversations (title, model, provider, created_at, updated_at)"
            " VALUES ('Old', 'm', 'ollama', '2024-01-01T00:00:00+00:00', "
            "'2024-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO messages (conversation_id, role, content, state, created_at, chosen)"
            " VALUES (1, 'user', 'hello', 'complete', '2024-01-01T00:00:00+00:00', 1)"
        )
    with HistoryStore.open(path) as store:
        (step,) = store.active_path(1)
        assert (step.message.content, step.message.images) == ("hello", ())
        added = store.add_message(1, Role.USER, "with a picture", images=[picture()])
        assert len(added.images) == 1


def test_json_export_carries_images_and_import_restores_them(
    store: HistoryStore, tmp_path: Path
) -> None:
    chat = store.create_conversation("Trip", "m")
    photo = prepare_image(encoded(left_blue_right_red(300, 200), "JPEG"), name="trip.jpg")
    store.add_message(chat.id, Role.USER, "where is this?", images=[photo, photo])
    store.add_message(chat.id, Role.ASSISTANT, "a beach")
    messages = store.messages(chat.id)
    images = [store.image(photo.digest)]
    assert images[0] is not None
    text = to_json(
        exported(chat, messages, [m.id for m in messages], [i for i in images if i is not None])
    )
    assert text.count('"sha256"') == 1  # one copy, however often it is attached
    assert '"media_type": "image/jpeg"' in text
    with HistoryStore.open(tmp_path / "elsewhere.sqlite3") as other:
        imported = other.import_conversation(from_json(text))
        (question, _answer) = [step.message for step in other.active_path(imported.id)]
        assert question.images == (photo.digest, photo.digest)
        back = other.image(photo.digest)
        assert back is not None and back.data == photo.data
        assert other.thumbnails([photo.digest])  # made again on import
