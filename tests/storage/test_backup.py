"""Backups of the history: one SQLite file with its facts, written while the app writes,
cancelled or refused without leaving anything behind; files that are not backups named."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.messages import Role
from desktop.storage import backup
from desktop.storage.backup import (
    SUFFIX,
    BackupCancelled,
    BackupKind,
    BackupProblem,
    read_backup,
    write_backup,
)
from desktop.storage.history import HistoryStore
from desktop.storage.schema import MIGRATIONS
from tests.storage.backup_history import counts, fill


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "data" / "history.sqlite3")
    fill(opened, 3, 4)
    yield opened
    opened.close()


def backup_of(store: HistoryStore, folder: Path, **kwargs: object) -> backup.BackupInfo:
    return write_backup(store.path, folder, BackupKind.MANUAL, app_version="9.9", **kwargs)  # type: ignore[arg-type]


def test_a_backup_is_one_sqlite_file_with_the_history_its_images_and_its_facts(
    store: HistoryStore, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    when = datetime(2026, 12, 6, 14, 32, tzinfo=UTC)
    info = backup_of(store, folder, now=when)

    stamp = when.astimezone().strftime("%Y-%m-%d %H%M")
    assert info.path.name == f"Parley backup {stamp}{SUFFIX}"
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name]  # no -journal, no temp
    assert counts(info.path) == (3, 12, 3)
    assert (info.conversations, info.messages, info.images) == (3, 12, 3)
    assert info.kind is BackupKind.MANUAL and info.app_version == "9.9"
    assert info.schema_version == len(MIGRATIONS)
    assert info.first_at is not None and info.last_at is not None
    assert info.first_at <= info.last_at
    assert info.size == info.path.stat().st_size
    with closing(sqlite3.connect(info.path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pictures = db.execute("SELECT COUNT(*) FROM images WHERE length(data) > 500").fetchone()
    assert pictures[0] == 3
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o077 == 0  # private, like the history


def test_a_second_backup_in_the_same_minute_gets_its_own_name(
    store: HistoryStore, tmp_path: Path
) -> None:
    when = datetime(2026, 12, 6, 14, 32, tzinfo=UTC)
    first = backup_of(store, tmp_path, now=when)
    second = backup_of(store, tmp_path, now=when)
    assert first.path != second.path and second.path.name.endswith(f" (2){SUFFIX}")


def test_writes_during_a_backup_go_on_quickly_and_are_kept(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    chat = store.create_conversation("busy", "m")
    stalls: list[float] = []
    steps: list[tuple[int, int]] = []

    def write_between_steps(done: int, total: int) -> None:
        steps.append((done, total))
        started = time.perf_counter()
        store.add_message(chat.id, Role.USER, f"written during step {done}")
        stalls.append(time.perf_counter() - started)

    worker_result: list[backup.BackupInfo] = []
    worker = threading.Thread(
        target=lambda: worker_result.append(
            backup_of(store, tmp_path, progress=write_between_steps)
        )
    )
    worker.start()
    worker.join(timeout=60)

    assert len(steps) > 5 and steps[-1][0] == steps[-1][1]  # page by page, to the end
    assert max(stalls) < 0.05
    assert len(store.messages(chat.id)) == len(steps)  # every write is in the history
    info = worker_result[0]
    assert info.messages == 12  # the snapshot taken when the backup began


def test_cancel_leaves_no_file(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    cancel = threading.Event()
    folder = tmp_path / "backups"

    def cancel_halfway(done: int, total: int) -> None:
        if done * 2 >= total:
            cancel.set()

    with pytest.raises(BackupCancelled):
        backup_of(store, folder, progress=cancel_halfway, cancelled=cancel)
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_a_folder_without_write_permission_is_said_and_the_history_is_untouched(
    store: HistoryStore, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    before = [m.content for c in store.list_conversations() for m in store.messages(c.id)]
    try:
        with pytest.raises(BackupProblem) as raised:
            backup_of(store, folder)
    finally:
        folder.chmod(0o700)
    assert "could not be written to" in str(raised.value)
    assert str(folder) in str(raised.value) and "Permission denied" in str(raised.value)
    assert list(folder.iterdir()) == []
    after = [m.content for c in store.list_conversations() for m in store.messages(c.id)]
    assert after == before


def test_random_bytes_are_not_a_backup(tmp_path: Path) -> None:
    path = tmp_path / f"noise{SUFFIX}"
    path.write_bytes(os.urandom(5000))
    with pytest.raises(BackupProblem, match="is not a Parley backup"):
        read_backup(path)


def test_an_empty_file_is_not_a_backup(tmp_path: Path) -> None:
    path = tmp_path / f"empty{SUFFIX}"
    path.write_bytes(b"")
    with pytest.raises(BackupProblem, match="is not a Parley backup"):
        read_backup(path)


def test_another_sqlite_database_is_not_a_backup(store: HistoryStore, tmp_path: Path) -> None:
    with pytest.raises(BackupProblem, match="is not a Parley backup"):
        read_backup(store.path)


def test_a_truncated_backup_is_called_cut_short(store: HistoryStore, tmp_path: Path) -> None:
    info = backup_of(store, tmp_path)
    data = info.path.read_bytes()
    info.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupProblem, match="is cut short"):
        read_backup(info.path)


def test_a_backup_of_a_newer_parley_is_refused(store: HistoryStore, tmp_path: Path) -> None:
    info = backup_of(store, tmp_path)
    with closing(sqlite3.connect(info.path)) as db, db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        db.execute(
            "UPDATE parley_backup SET value = ? WHERE key = 'schema_version'",
            (str(len(MIGRATIONS) + 1),),
        )
        db.execute("UPDATE parley_backup SET value = '7.0' WHERE key = 'app_version'")
    with pytest.raises(BackupProblem, match=r"made by a newer version of Parley \(7.0\)"):
        read_backup(info.path)


def test_a_backup_of_a_newer_backup_format_is_refused(store: HistoryStore, tmp_path: Path) -> None:
    info = backup_of(store, tmp_path)
    with closing(sqlite3.connect(info.path)) as db, db:
        db.execute("UPDATE parley_backup SET value = '99' WHERE key = 'format'")
    with pytest.raises(BackupProblem, match="newer version of Parley"):
        read_backup(info.path)


def test_a_folder_that_is_a_file_is_said(store: HistoryStore, tmp_path: Path) -> None:
    in_the_way = tmp_path / "not a folder"
    in_the_way.write_text("x")
    with pytest.raises(BackupProblem, match="could not be written to"):
        backup_of(store, in_the_way / "backups")


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from desktop.storage.backup import BackupKind, BackupProblem, write_backup
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
try:
    write_backup(Path(sys.argv[1]), Path(sys.argv[2]), BackupKind.MANUAL, app_version="1")
except BackupProblem as problem:
    print(problem)
"""


@pytest.mark.skipif(os.name != "posix", reason="needs RLIMIT_FSIZE")
def test_a_full_disk_during_a_backup_is_said_and_leaves_no_file(
    store: HistoryStore, tmp_path: Path
) -> None:
    """A file size limit stands in for a full disk: the backup's writes fail part way."""
    import subprocess
    import sys

    fill(store, 40, 10, label="x" * 2000)  # well over the limit below
    folder = tmp_path / "backups"
    before = counts(store.path)
    limit = store.path.stat().st_size // 3
    run = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(store.path), str(folder), str(limit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "The backup could not be written to" in run.stdout, run.stderr
    assert list(folder.iterdir()) == []
    assert counts(store.path) == before
