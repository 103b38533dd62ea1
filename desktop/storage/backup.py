"""One-file backups of the history, and what a backup file says about itself.

A backup is an SQLite database (``Parley backup 2026-12-06 1432.parley-backup``): the
history's own pages copied with SQLite's online backup API, then a small
``parley_backup`` table of facts (who wrote it, when, schema version, counts, date range)
that a restore previews without reading the rest. Images live in the history database
(table ``images``), so they are in the copy too.

The extension is Parley's own so file dialogs and the backup folder's listing find only
backups (and no person mistakes one for the live history); inside it is plain SQLite in
rollback-journal mode, a single file any SQLite tool can open.

The copy reads one snapshot: a read transaction is held open on a connection of its own
for the whole copy, so the app keeps writing (WAL lets a writer and a reader work at
once) and the copy never restarts. It is written under a hidden temporary name in the
target folder, flushed to disk and renamed: a failure, Cancel or a kill leaves no file
under a backup's name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from desktop.core.errors import StorageError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.paths import private_dir, private_file
from desktop.storage.schema import MIGRATIONS

SUFFIX = ".parley-backup"
META_TABLE = "parley_backup"
FORMAT = 1
"""The layout of the facts table; a backup with a higher number is refused."""
PAGES_PER_STEP = 256
"""Pages copied per step (1 MB at SQLite's 4 KB pages): a few ms each, progress and
Cancel between steps."""
PARTIAL = ".partial"
_MAGIC = b"SQLite format 3\x00"
_HEADER = 100

Progress = Callable[[int, int], None]
"""``(done, total)`` in pages, called from the worker thread after each step."""


class BackupKind(StrEnum):
    MANUAL = "manual"
    DAILY = "daily"
    BEFORE_RESTORE = "before-restore"


class BackupProblem(StorageError):
    """A backup could not be written or read; ``text`` says why, the history is untouched."""


class BackupCancelled(Exception):
    """The person pressed Cancel; nothing was left behind."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: BackupKind
    created_at: datetime
    app_version: str
    schema_version: int
    conversations: int
    messages: int
    images: int
    first_at: datetime | None
    """The oldest message's time, None when there are none."""
    last_at: datetime | None
    size: int


def backup_name(kind: BackupKind, when: datetime) -> str:
    """``Parley backup 2026-12-06 1432.parley-backup`` in local time; daily and
    before-restore backups say so, which is also how pruning finds the daily ones."""
    stamp = when.astimezone().strftime("%Y-%m-%d %H%M")
    label = {
        BackupKind.MANUAL: "",
        BackupKind.DAILY: " daily",
        BackupKind.BEFORE_RESTORE: " before restore",
    }[kind]
    return f"Parley backup {stamp}{label}{SUFFIX}"


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    counter = 2
    while target.exists():
        target = folder / f"{name.removesuffix(SUFFIX)} ({counter}){SUFFIX}"
        counter += 1
    return target


def problem(template: str, **params: object) -> BackupProblem:
    return BackupProblem(
        text(template, **{key: Text.plain(str(value)) for key, value in params.items()})
    )


def fsync_path(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    with contextlib.suppress(OSError):  # a folder cannot be opened on Windows
        descriptor = os.open(path, flags)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def remove_partial(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


@contextlib.contextmanager
def closing_conn(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        yield conn
    finally:
        conn.close()


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    source_uri: str | None = None,
) -> None:
    """All of ``source`` into a new database at ``target``, one snapshot, page by page.

    Raises :class:`BackupCancelled` when ``cancelled`` is set between steps and
    ``sqlite3.Error`` / ``OSError`` when reading or writing fails.
    """

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancelled is not None and cancelled.is_set():
            raise BackupCancelled

    with (
        closing_conn(
            sqlite3.connect(source_uri or source, uri=source_uri is not None, isolation_level=None)
        ) as src,
        closing_conn(sqlite3.connect(target, isolation_level=None)) as dst,
    ):
        src.execute("PRAGMA query_only = ON")
        src.execute("BEGIN")  # one snapshot for every step: writers go on, the copy never
        src.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # restarts
        if cancelled is not None and cancelled.is_set():
            raise BackupCancelled
        src.backup(dst, pages=PAGES_PER_STEP, progress=step)
        src.execute("COMMIT")
        dst.execute("PRAGMA journal_mode = DELETE")  # a single file, no -wal beside it


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def _facts(
    conn: sqlite3.Connection, kind: BackupKind, app_version: str, created_at: datetime
) -> dict[str, str]:
    live = "SELECT id FROM conversations WHERE deleted_at IS NULL"
    first, last = conn.execute(
        f"SELECT MIN(created_at), MAX(created_at) FROM messages WHERE conversation_id IN ({live})"
    ).fetchone()
    return {
        "format": str(FORMAT),
        "kind": kind.value,
        "created_at": created_at.astimezone(UTC).isoformat(timespec="seconds"),
        "app_version": app_version,
        "schema_version": str(int(conn.execute("PRAGMA user_version").fetchone()[0])),
        "conversations": str(_count(conn, f"SELECT COUNT(*) FROM ({live})")),
        "messages": str(
            _count(conn, f"SELECT COUNT(*) FROM messages WHERE conversation_id IN ({live})")
        ),
        "images": str(_count(conn, "SELECT COUNT(*) FROM images")),
        "first_at": first or "",
        "last_at": last or "",
    }


def write_facts(path: Path, kind: BackupKind, app_version: str, created_at: datetime) -> None:
    """The facts table in the database at ``path`` (a fresh copy of a history)."""
    with closing_conn(sqlite3.connect(path, isolation_level=None)) as conn:
        facts = _facts(conn, kind, app_version, created_at)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", facts.items())
        conn.execute("COMMIT")


def write_backup(
    history: Path,
    folder: Path,
    kind: BackupKind,
    *,
    app_version: str,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Back the history at ``history`` up into ``folder``; returns the new file's facts.

    Raises :class:`BackupProblem` (the folder cannot be written, the disk is full, the
    history cannot be read) or :class:`BackupCancelled`; either way no file is left.
    """
    now = now or datetime.now(UTC)
    try:
        private_dir(folder)
        target = _free_name(folder, backup_name(kind, now))
        partial = folder / f".{target.name}{PARTIAL}"
        remove_partial(partial)
        private_file(partial)
    except OSError as error:
        raise problem(
            QT_TRANSLATE_NOOP("core", "The backup could not be written to {folder}: {error}."),
            folder=folder,
            error=error.strerror or error,
        ) from error
    try:
        copy_database(history, partial, progress=progress, cancelled=cancelled)
        write_facts(partial, kind, app_version, now)
        fsync_path(partial)
        os.replace(partial, target)
        fsync_path(folder)
    except BaseException as error:
        remove_partial(partial)
        if isinstance(error, sqlite3.Error | OSError):
            raise problem(
                QT_TRANSLATE_NOOP("core", "The backup could not be written to {folder}: {error}."),
                folder=folder,
                error=getattr(error, "strerror", None) or error,
            ) from error
        raise
    return read_backup(target)


def _header_problem(path: Path, size: int) -> BackupProblem | None:
    """Not SQLite at all, or shorter than its header says (a copy cut short)."""
    not_backup = problem(
        QT_TRANSLATE_NOOP("core", "{file} is not a Parley backup."), file=path.name
    )
    with path.open("rb") as handle:
        header = handle.read(_HEADER)
    if len(header) < _HEADER or not header.startswith(_MAGIC):
        return not_backup
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is valid for this version
    if counted and pages * page_size > size:
        return problem(
            QT_TRANSLATE_NOOP(
                "core",
                "{file} is cut short ({size} of {expected} bytes): it was not copied whole.",
            ),
            file=path.name,
            size=size,
            expected=pages * page_size,
        )
    return None


def _when(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_backup(path: Path) -> BackupInfo:
    """What the backup at ``path`` holds, from its facts table only (a preview).

    Raises :class:`BackupProblem` for a file that is not a Parley backup, one cut short,
    a damaged one, or one written by a newer Parley than this.
    """
    try:
        size = path.stat().st_size
        found = _header_problem(path, size)
    except OSError as error:
        raise problem(
            QT_TRANSLATE_NOOP("core", "{file} could not be read: {error}."),
            file=path.name,
            error=error.strerror or error,
        ) from error
    if found is not None:
        raise found
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with closing_conn(sqlite3.connect(uri, uri=True)) as conn:
            rows = conn.execute(f"SELECT key, value FROM {META_TABLE}").fetchall()
    except sqlite3.Error as error:
        if "no such table" in str(error):
            raise problem(
                QT_TRANSLATE_NOOP("core", "{file} is not a Parley backup."), file=path.name
            ) from error
        raise problem(
            QT_TRANSLATE_NOOP("core", "{file} is damaged and cannot be restored: {error}."),
            file=path.name,
            error=error,
        ) from error
    facts = {str(key): str(value) for key, value in rows}
    return _info(path, size, facts)


def _info(path: Path, size: int, facts: dict[str, str]) -> BackupInfo:
    try:
        form = int(facts.get("format", "0"))
        schema = int(facts["schema_version"])
        if form > FORMAT or schema > len(MIGRATIONS):
            raise problem(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{file} was made by a newer version of Parley ({version}). Update Parley "
                    "to restore it.",
                ),
                file=path.name,
                version=facts.get("app_version", "?"),
            )
        created = _when(facts["created_at"])
        if created is None:
            raise ValueError("created_at")
        return BackupInfo(
            path=path,
            kind=BackupKind(facts.get("kind", BackupKind.MANUAL.value)),
            created_at=created,
            app_version=facts.get("app_version", ""),
            schema_version=schema,
            conversations=int(facts["conversations"]),
            messages=int(facts["messages"]),
            images=int(facts["images"]),
            first_at=_when(facts.get("first_at", "")),
            last_at=_when(facts.get("last_at", "")),
            size=size,
        )
    except (KeyError, ValueError) as error:
        raise problem(
            QT_TRANSLATE_NOOP("core", "{file} is not a Parley backup."), file=path.name
        ) from error
