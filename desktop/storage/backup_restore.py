"""Restoring a backup: all or nothing, and undoable.

The backup is copied beside the live history under a hidden name, checked whole
(``PRAGMA integrity_check``), brought to this Parley's schema and stripped of its facts
table. The history as it is now is then backed up itself ("before restore"), so a
restore can be undone. Only then is the store closed, the checked copy renamed over the
history file (one atomic rename) and the store reopened. A kill at any moment leaves
either the old history or the new one: before the rename the old file is untouched (its
WAL folded in by the close), after it the new file is complete.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.core.text import QT_TRANSLATE_NOOP
from desktop.storage.backup import (
    META_TABLE,
    BackupCancelled,
    BackupInfo,
    BackupKind,
    BackupProblem,
    Progress,
    closing_conn,
    copy_database,
    fsync_path,
    problem,
    read_backup,
    remove_partial,
    write_backup,
)
from desktop.storage.bulk_import import MARK_PREFIX
from desktop.storage.history import HistoryStore
from desktop.storage.paths import private_file
from desktop.storage.schema import SchemaTooNew, migrate

STAGED = ".restoring"


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    before: BackupInfo
    """The history as it was, kept as a backup: restoring it undoes the restore."""


def staged_path(history: Path) -> Path:
    return history.with_name(f".{history.name}{STAGED}")


def remove_leftovers(history: Path) -> None:
    """A copy left by a restore that was killed before its rename."""
    remove_partial(staged_path(history))


def _stage(
    backup: Path, staged: Path, progress: Progress | None, cancel: threading.Event | None
) -> None:
    """The backup, checked and made ready to be the history, at ``staged``."""
    remove_partial(staged)
    private_file(staged)
    uri = f"{backup.resolve().as_uri()}?mode=ro"
    try:
        copy_database(backup, staged, progress=progress, cancelled=cancel, source_uri=uri)
        with closing_conn(sqlite3.connect(staged, isolation_level=None)) as conn:
            problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise problem(
                    QT_TRANSLATE_NOOP("core", "{file} is damaged and cannot be restored: {error}."),
                    file=backup.name,
                    error="; ".join(problems[:3]),
                )
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            conn.execute(f"DROP TABLE {META_TABLE}")
            conn.execute("PRAGMA journal_mode = WAL")
        fsync_path(staged)
    except sqlite3.DatabaseError as error:
        raise problem(
            QT_TRANSLATE_NOOP("core", "{file} is damaged and cannot be restored: {error}."),
            file=backup.name,
            error=error,
        ) from error


def _refuse_while_streaming(history: Path) -> None:
    """An answer being written would go on writing into the restored history, over a
    message of the backup's that has its id; an import running would go on writing into
    the history set aside (its connection is open on it) and its batches be lost."""
    with closing_conn(sqlite3.connect(history)) as conn:
        row = conn.execute("SELECT 1 FROM messages WHERE state = 'streaming' LIMIT 1").fetchone()
        importing = conn.execute(
            "SELECT 1 FROM conversations WHERE deleted_at LIKE ? LIMIT 1", (f"{MARK_PREFIX}%",)
        ).fetchone()
    if row is not None:
        raise problem(
            QT_TRANSLATE_NOOP(
                "core", "An answer is still being written. Stop it or let it finish, then restore."
            )
        )
    if importing is not None:
        raise problem(
            QT_TRANSLATE_NOOP(
                "core",
                "Conversations are being imported. Let the import finish or cancel it, then "
                "restore.",
            )
        )


def restore_backup(
    store: HistoryStore,
    backup: Path,
    folder: Path,
    *,
    app_version: str,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> RestoreResult:
    """Replace the history in ``store`` by the backup at ``backup``; the history as it was
    is backed up into ``folder`` first.

    Raises :class:`BackupProblem` (not a backup, damaged, from a newer Parley, an answer
    still being written, the history in use elsewhere) or :class:`BackupCancelled`;
    either way the history is as it was.
    """
    info = read_backup(backup)
    staged = staged_path(store.path)

    def first_half(done: int, total: int) -> None:
        if progress is not None:
            progress(done, 2 * total)

    def second_half(done: int, total: int) -> None:
        if progress is not None:
            progress(total + done, 2 * total)

    try:
        try:
            _stage(backup, staged, first_half, cancelled)
        except SchemaTooNew as error:
            raise BackupProblem(error.text) from error
        _refuse_while_streaming(store.path)  # said before the long copy, checked again below
        before = write_backup(
            store.path,
            folder,
            BackupKind.BEFORE_RESTORE,
            app_version=app_version,
            progress=second_half,
            cancelled=cancelled,
        )
        if cancelled is not None and cancelled.is_set():
            before.path.unlink()
            raise BackupCancelled
        try:
            store.reconnect(lambda: _install(staged, store.path))
        except sqlite3.ProgrammingError as error:  # closed: Parley is quitting
            before.path.unlink()
            raise BackupCancelled from error
    except BaseException:
        remove_partial(staged)
        raise
    store.mark_interrupted_streams()  # an answer that was streaming when the backup was made
    return RestoreResult(restored=info, before=before)


def _install(staged: Path, history: Path) -> None:
    """Called with the history closed and its lock held (no answer can start meanwhile):
    the checked copy takes the history's name."""
    _refuse_while_streaming(history)  # one that began during the copy
    if Path(f"{history}-wal").exists():  # another program has the history open
        raise problem(
            QT_TRANSLATE_NOOP(
                "core", "The history is open in another program; close it, then restore."
            )
        )
    os.replace(staged, history)
    with contextlib.suppress(FileNotFoundError):
        Path(f"{history}-shm").unlink()
    fsync_path(history.parent)
