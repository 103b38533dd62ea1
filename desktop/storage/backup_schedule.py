"""The backup folder: which backups are kept, when the next daily one is due, pruning.

Daily backups are kept for a week: after each one, daily backups beyond the newest
:data:`KEEP_DAILY` are deleted. Backups made by hand and those made before a restore
are never deleted by Parley. No state is kept apart from the files themselves: the
folder's backups (their facts tables) say when the last daily one was made.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.storage.backup import (
    PARTIAL,
    SUFFIX,
    BackupInfo,
    BackupKind,
    BackupProblem,
    read_backup,
    remove_partial,
)
from desktop.storage.paths import data_dir

KEEP_DAILY = 7
DAILY_EVERY = timedelta(hours=24)


def default_backup_folder() -> Path:
    return data_dir() / "backups"


def backup_folder(setting: str) -> Path:
    """The folder the setting names; empty means the default one in the data folder."""
    return Path(setting).expanduser() if setting.strip() else default_backup_folder()


def kept_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; other files are left out."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found: list[BackupInfo] = []
    for entry in entries:
        if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
            with contextlib.suppress(BackupProblem):
                found.append(read_backup(entry))
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def remove_partials(folder: Path) -> None:
    """What backups killed half way left (hidden ``.partial`` files). Only while no
    backup is being written into ``folder``."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(".") and entry.name.endswith(SUFFIX + PARTIAL):
                remove_partial(entry)


def last_daily(backups: list[BackupInfo]) -> datetime | None:
    return max((b.created_at for b in backups if b.kind is BackupKind.DAILY), default=None)


def daily_due_in(backups: list[BackupInfo], now: datetime | None = None) -> timedelta:
    """How long until the next daily backup is due (zero: now)."""
    last = last_daily(backups)
    if last is None:
        return timedelta(0)
    now = now or datetime.now(UTC)
    return max(timedelta(0), last + DAILY_EVERY - now)


def prune_daily(backups: list[BackupInfo], keep: int = KEEP_DAILY) -> list[Path]:
    """Delete the daily backups beyond the newest ``keep``; returns what was deleted."""
    daily = sorted(
        (b for b in backups if b.kind is BackupKind.DAILY),
        key=lambda info: info.created_at,
        reverse=True,
    )
    deleted: list[Path] = []
    for old in daily[keep:]:
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            deleted.append(old.path)
    return deleted
