"""Remembers that the history was closed cleanly, so the next start may skip its check.

``PRAGMA quick_check`` reads the whole database: 160 ms for a history of 5,000
conversations (130 MB), most of a large history's startup. It finds damage done while
the file was closed (a crash mid-write, a bad copy, a truncated file), and none can have
happened if the file is exactly as Parley left it. So closing writes down the file's
identity (inode, size, modification time); opening checks only when that record is
missing or differs, or a ``-wal`` file shows that the last session did not end cleanly.
The record is consumed on open, so a session that dies leaves none behind.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path

SUFFIX = ".closed"


def _identity(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def record_clean_close(path: Path) -> None:
    """After the last connection closed (the WAL is folded into the file by then)."""
    identity = _identity(path)
    wal = Path(f"{path}-wal")
    if identity is None or wal.exists():
        return
    record = Path(f"{path}{SUFFIX}")
    with suppress(OSError):
        fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(identity, handle)


def unchanged_since_clean_close(path: Path) -> bool:
    """True when the file is exactly as a clean close left it. Forgets the record."""
    record = Path(f"{path}{SUFFIX}")
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    finally:
        with suppress(OSError):
            record.unlink()
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    return isinstance(saved, list) and saved == _identity(path)
