"""Restoring a backup: the history becomes the backup's, whole; the old one is kept as a
backup of its own; a bad backup, a newer one, Cancel or a streaming answer change nothing."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.conversation_export import exported
from desktop.core.messages import MessageState, Role
from desktop.storage import backup
from desktop.storage.backup import (
    BackupCancelled,
    BackupKind,
    BackupProblem,
    write_backup,
)
from desktop.storage.backup_restore import restore_backup, staged_path
from desktop.storage.bulk_import import BulkImport
from desktop.storage.history import HistoryStore
from desktop.storage.schema import MIGRATIONS
from tests.storage.backup_history import counts, fill


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "data" / "history.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def titles(store: HistoryStore) -> list[str]:
    return sorted(c.title for c in store.list_conversations())


def backed_up(store: HistoryStore, folder: Path) -> Path:
    return write_backup(store.path, folder, BackupKind.MANUAL, app_version="1").path


def restore(store: HistoryStore, path: Path, folder: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return restore_backup(store, path, folder, app_version="1", **kwargs)  # type: ignore[arg-type]


def test_a_restore_replaces_the_history_and_keeps_the_old_one_as_a_backup(
    store: HistoryStore, folder: Path
) -> None:
    fill(store, 2, 3, label="old ")
    saved = backed_up(store, folder)
    fill(store, 3, 2, label="new ")
    result = restore(store, saved, folder)

    assert titles(store) == ["old chat 0", "old chat 1"]
    assert (result.restored.conversations, result.restored.messages) == (2, 6)
    assert result.before.kind is BackupKind.BEFORE_RESTORE
    assert "before restore" in result.before.path.name
    assert (result.before.conversations, result.before.messages, result.before.images) == (5, 12, 5)
    assert not staged_path(store.path).exists()
    # The reopened store works: writes, pictures, the search's own connection.
    chat = store.list_conversations()[0]
    store.add_message(chat.id, Role.USER, "after the restore")
    assert [hit.snippet for hit in store.search("after the restore")]
    assert store.search("new chat") == []
    first = store.messages(chat.id)[0]
    assert first.images and store.image(first.images[0]) is not None
    with closing(sqlite3.connect(store.path)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "parley_backup" not in tables

    undone = restore(store, result.before.path, folder)  # undo
    assert len(titles(store)) == 5 and undone.before.conversations == 2


def test_a_damaged_backup_is_refused_and_the_history_is_untouched(
    store: HistoryStore, folder: Path
) -> None:
    fill(store, 4, 30, label="x" * 400)
    saved = backed_up(store, folder)
    data = bytearray(saved.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = b"\xff" * 3000  # pages torn in the middle, header intact
    saved.write_bytes(bytes(data))
    fill(store, 1, 1, label="kept ")
    before = counts(store.path)

    with pytest.raises(BackupProblem, match="is damaged and cannot be restored"):
        restore(store, saved, folder)
    assert counts(store.path) == before
    assert "kept chat 0" in titles(store)
    assert not staged_path(store.path).exists()
    assert [p for p in folder.iterdir() if "before restore" in p.name] == []


def test_a_backup_from_a_newer_parley_is_refused(store: HistoryStore, folder: Path) -> None:
    fill(store, 1, 1)
    saved = backed_up(store, folder)
    with closing(sqlite3.connect(saved)) as db, db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(BackupProblem, match="newer version of Parley"):
        restore(store, saved, folder)
    assert titles(store) == ["chat 0"]


def test_cancel_leaves_the_history_and_no_files(
    store: HistoryStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(store, 2, 2, label="old ")
    saved = backed_up(store, folder)
    fill(store, 1, 1, label="new ")
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    cancel = threading.Event()

    def cancel_late(done: int, total: int) -> None:
        if done * 4 >= total * 3:  # while the old history is being backed up
            cancel.set()

    with pytest.raises(BackupCancelled):
        restore(store, saved, folder, progress=cancel_late, cancelled=cancel)
    assert "new chat 0" in titles(store) and len(titles(store)) == 3
    assert sorted(folder.iterdir()) == [saved]
    assert not staged_path(store.path).exists()


def test_no_restore_while_an_answer_is_being_written(store: HistoryStore, folder: Path) -> None:
    fill(store, 1, 1, label="old ")
    saved = backed_up(store, folder)
    chat = store.create_conversation("streaming", "m")
    store.add_message(chat.id, Role.ASSISTANT, "half an ans", state=MessageState.STREAMING)
    with pytest.raises(BackupProblem, match="An answer is still being written"):
        restore(store, saved, folder)
    assert "streaming" in titles(store)


def test_no_restore_while_conversations_are_being_imported(
    store: HistoryStore, folder: Path
) -> None:
    fill(store, 1, 1, label="old ")
    saved = backed_up(store, folder)
    fill(store, 1, 1, label="new ")
    chat = store.list_conversations()[0]
    messages = store.messages(chat.id)
    copy = exported(chat, messages, [message.id for message in messages])
    with BulkImport(store.path) as bulk:
        bulk.write([dataclasses.replace(copy, title="imported", source_id="test:1")])
        with pytest.raises(BackupProblem, match="Conversations are being imported"):
            restore(store, saved, folder)
        bulk.finish()
    assert "imported" in titles(store) and "new chat 0" in titles(store)


def test_an_answer_streaming_when_the_backup_was_made_comes_back_interrupted(
    store: HistoryStore, folder: Path
) -> None:
    chat = store.create_conversation("cut", "m")
    store.add_message(chat.id, Role.ASSISTANT, "half", state=MessageState.STREAMING)
    saved = backed_up(store, folder)
    store.update_message(store.messages(chat.id)[0].id, state=MessageState.COMPLETE)
    restore(store, saved, folder)
    assert [m.state for m in store.messages(chat.id)] == [MessageState.INTERRUPTED]


def test_an_answer_that_starts_during_the_restore_stops_it_before_the_swap(
    store: HistoryStore, folder: Path
) -> None:
    """Checked again under the store's lock: the answer would go on writing into the
    restored history, over the message of the backup's that has its id."""
    fill(store, 1, 1, label="old ")
    saved = backed_up(store, folder)
    chat = store.create_conversation("asked during the restore", "m")
    started: list[int] = []

    def answer_starts(done: int, total: int) -> None:
        if done * 2 > total and not started:  # while the current history is backed up
            started.append(
                store.add_message(chat.id, Role.ASSISTANT, "", state=MessageState.STREAMING).id
            )

    with pytest.raises(BackupProblem, match="An answer is still being written"):
        restore(store, saved, folder, progress=answer_starts)
    assert started and "asked during the restore" in titles(store)
    store.update_message(started[0], content="the whole answer", state=MessageState.COMPLETE)
    assert store.messages(chat.id)[0].content == "the whole answer"
    assert not staged_path(store.path).exists()


def test_a_backup_from_an_older_parley_is_brought_up_to_date(
    store: HistoryStore, folder: Path, tmp_path: Path
) -> None:
    from desktop.storage.backup import write_facts

    older = tmp_path / f"older{backup.SUFFIX}"
    with closing(sqlite3.connect(older, isolation_level=None)) as db:
        for step in MIGRATIONS[:-1]:  # the schema one release ago
            step(db)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
        db.execute(
            "INSERT INTO conversations (title, model, provider, created_at, updated_at)"
            " VALUES ('from an older Parley', 'm', 'ollama', '2025-01-02T03:04:05+00:00',"
            " '2025-01-02T03:04:05+00:00')"
        )
    write_facts(older, BackupKind.MANUAL, "0.0.1", datetime(2025, 1, 2, tzinfo=UTC))
    restore(store, older, folder)
    assert titles(store) == ["from an older Parley"]
    with closing(sqlite3.connect(store.path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_a_restore_that_reaches_a_closed_history_changes_nothing(
    store: HistoryStore, folder: Path
) -> None:
    """Parley quit while the backup was being copied: the file is left as it was closed."""
    fill(store, 1, 1, label="old ")
    saved = backed_up(store, folder)
    fill(store, 1, 1, label="new ")

    def quit_halfway(done: int, total: int) -> None:
        if done * 2 > total:
            store.close()

    with pytest.raises(BackupCancelled):
        restore(store, saved, folder, progress=quit_halfway)
    assert store.closed
    with HistoryStore.open(store.path) as reopened:
        assert sorted(c.title for c in reopened.list_conversations()) == [
            "new chat 0",
            "old chat 0",
        ]
    assert sorted(folder.iterdir()) == [saved] and not staged_path(store.path).exists()
