"""SIGKILL during a backup or a restore, in a child process that holds the history open
as the app does:

- a backup killed at any moment leaves the history exactly as it was and no file under a
  backup's name (the hidden partial file is removed the next time the folder is read);
- a restore killed at any moment, including just before and just after the rename that
  puts the restored file in place, leaves the old history or the new one, whole: the
  contents of one of them, and an integrity check that passes after reopening.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from desktop.storage.backup import SUFFIX, BackupKind, write_backup
from desktop.storage.backup_schedule import kept_backups, remove_partials
from desktop.storage.history import HistoryStore
from tests.storage.backup_history import fill

REPO = Path(__file__).resolve().parents[2]
KILLS = 6
"""Backups killed at random moments."""


def child() -> None:
    """``backup HISTORY FOLDER`` or ``restore HISTORY FOLDER BACKUP [pause]``: prints
    ``started`` at the first copied page, copies slowly, and with a pause named
    ``before-install`` / ``after-install`` prints it and waits there to be killed."""
    from desktop.storage import backup, backup_restore

    action, history, folder = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    backup.PAGES_PER_STEP = 1
    said = []

    def slowly(done: int, total: int) -> None:
        if not said:
            said.append(True)
            print("started", flush=True)
        time.sleep(0.003)

    store = HistoryStore.open(history)
    first = store.list_conversations()[0]  # writes as the app makes them: pages in the WAL,
    store.rename_conversation(first.id, "renamed")  # and the contents as they were
    store.rename_conversation(first.id, first.title)
    if action == "backup":
        write_backup(history, folder, BackupKind.MANUAL, app_version="1", progress=slowly)
    else:
        pause = sys.argv[5] if len(sys.argv) > 5 else ""
        install = backup_restore._install

        def paused_install(staged: Path, target: Path) -> None:
            if pause == "before-install":
                print(pause, flush=True)
                time.sleep(60)
            install(staged, target)
            if pause == "after-install":
                print(pause, flush=True)
                time.sleep(60)

        backup_restore._install = paused_install
        backup_restore.restore_backup(
            store, Path(sys.argv[4]), folder, app_version="1", progress=slowly
        )
    print("done", flush=True)
    time.sleep(60)


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from tests.reliability.test_backup_crash import child; child()",
            *args,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(process: subprocess.Popen[bytes], word: str) -> None:
    assert process.stdout is not None
    line = process.stdout.readline().decode().strip()
    if line != word:
        process.kill()
        stderr = process.stderr.read().decode() if process.stderr else ""
        raise AssertionError(f"expected {word!r}, got {line!r}: {stderr}")


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    with process:
        assert process.returncode == -signal.SIGKILL


def contents(path: Path) -> str:
    """A digest of every conversation and message, read without writing."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT id, title FROM conversations ORDER BY id").fetchall()
        rows += db.execute(
            "SELECT id, conversation_id, content, images FROM messages ORDER BY id"
        ).fetchall()
        rows += db.execute("SELECT digest, data FROM images ORDER BY digest").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def reopened(path: Path) -> str:
    """Open the history as the app's next start would, check it whole, and digest it."""
    with HistoryStore.open(path) as store:
        assert store.recovered_from is None
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return contents(path)


def make_history(path: Path, label: str) -> None:
    with HistoryStore.open(path) as store:
        fill(store, 12, 10, label=label)


def test_a_killed_backup_leaves_the_history_as_it_was_and_no_backup_file(tmp_path: Path) -> None:
    history, folder = tmp_path / "data" / "history.sqlite3", tmp_path / "backups"
    make_history(history, "old " + "x" * 1500)
    before = contents(history)
    rng = random.Random(20)
    for _ in range(KILLS):
        process = start("backup", str(history), str(folder))
        wait_for(process, "started")
        time.sleep(rng.uniform(0, 0.3))
        kill(process)
        assert [p.name for p in folder.iterdir() if p.name.endswith(SUFFIX)] == []
        assert reopened(history) == before
    remove_partials(folder)
    assert list(folder.iterdir()) == []
    assert kept_backups(folder) == []


@pytest.fixture
def two_histories(tmp_path: Path) -> tuple[Path, Path, Path, str, str]:
    """The live history (old), a backup of another one (new), the backup folder, and the
    digests of each."""
    history, folder = tmp_path / "data" / "history.sqlite3", tmp_path / "backups"
    other = tmp_path / "other" / "history.sqlite3"
    make_history(other, "new " + "y" * 1500)
    with HistoryStore.open(other) as store:
        fill(store, 3, 2, label="more ")
    backup = write_backup(other, tmp_path, BackupKind.MANUAL, app_version="1").path
    make_history(history, "old " + "x" * 1500)
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copyfile(history, pristine)
    return history, folder, backup, contents(history), contents(other)


def put_back(history: Path, pristine: Path) -> None:
    for suffix in ("-wal", "-shm", ".closed"):
        Path(f"{history}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(pristine, history)


@pytest.mark.parametrize("pause", ["before-install", "after-install"])
def test_a_restore_killed_around_the_rename_leaves_one_whole_history(
    two_histories: tuple[Path, Path, Path, str, str], pause: str
) -> None:
    history, folder, backup, old, new = two_histories
    process = start("restore", str(history), str(folder), str(backup), pause)
    wait_for(process, "started")
    wait_for(process, pause)
    kill(process)
    assert reopened(history) == (old if pause == "before-install" else new)


def test_a_restore_killed_at_any_moment_leaves_the_old_history_or_the_new(
    two_histories: tuple[Path, Path, Path, str, str],
) -> None:
    history, folder, backup, old, new = two_histories
    pristine = history.parent.parent / "pristine.sqlite3"
    process = start("restore", str(history), str(folder), str(backup))
    wait_for(process, "started")
    started = time.monotonic()
    wait_for(process, "done")
    whole = time.monotonic() - started
    kill(process)
    assert reopened(history) == new
    seen = set()
    rng = random.Random(7)
    for share in (0.1, 0.4, 0.7, 0.9, 0.97, 1.0, 1.03, 1.5):  # of the time a restore takes
        put_back(history, pristine)
        process = start("restore", str(history), str(folder), str(backup))
        wait_for(process, "started")
        time.sleep(whole * share * rng.uniform(0.97, 1.03))
        kill(process)
        found = reopened(history)
        assert found in (old, new)
        seen.add("old" if found == old else "new")
    assert seen == {"old", "new"}  # killed before the rename and after it
