"""Conversations and their pictures are private: owner-only files and folder (defect 24).

history.sqlite3 used to be created 0644 (readable by every account on the machine)
while settings.json was 0600.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.core.attachment import ImageAttachment
from desktop.core.image_preparation import prepare_image
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore
from tests.pictures import encoded, sharp_pattern

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

COMPANIONS = ("", "-wal", "-shm")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def picture() -> ImageAttachment:
    return prepare_image(encoded(sharp_pattern(20, 20), "PNG"), name="p.png")


def test_a_new_history_its_wal_shm_and_folder_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "parley"
    path = folder / "history.sqlite3"
    previous = os.umask(0o022)  # a desktop session's usual umask
    try:
        store = HistoryStore.open(path)
        chat = store.create_conversation("Private", "m")
        store.add_message(chat.id, Role.USER, "look", images=[picture()])
    finally:
        os.umask(previous)
    try:
        for suffix in COMPANIONS:
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix or "database"
        assert mode(folder) == 0o700
    finally:
        store.close()


def test_an_open_history_from_before_is_made_private_on_open(tmp_path: Path) -> None:
    folder = tmp_path / "parley"
    path = folder / "history.sqlite3"
    store = HistoryStore.open(path)
    chat = store.create_conversation("Old", "m")
    store.add_message(chat.id, Role.USER, "a secret")
    for suffix in COMPANIONS:  # as an older Parley left them under umask 022
        os.chmod(f"{path}{suffix}", 0o644)
    os.chmod(folder, 0o755)

    again = HistoryStore.open(path)
    try:
        for suffix in COMPANIONS:
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix or "database"
        assert mode(folder) == 0o700
        assert [m.content for m in again.messages(chat.id)] == ["a secret"]
    finally:
        again.close()
        store.close()


def test_a_file_its_owner_locked_is_not_opened_up(tmp_path: Path) -> None:
    """Making private takes from group and others only; the owner's choice stays."""
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    os.chmod(path, 0o400)
    with contextlib.suppress(sqlite3.OperationalError):  # read-only may refuse to open
        HistoryStore.open(path).close()
    assert mode(path) == 0o400


def test_pictures_are_inside_the_private_database(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    try:
        chat = store.create_conversation("Pictures", "m")
        store.add_message(chat.id, Role.USER, "look", images=[picture()])
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "history.sqlite3",
            "history.sqlite3-shm",
            "history.sqlite3-wal",
        ]
    finally:
        store.close()
