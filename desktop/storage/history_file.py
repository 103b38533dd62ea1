"""Opening the history's SQLite file: private to its owner, checked, configured, migrated.

Damage is recognised here (SQLite's own corruption codes, a file that does not start like
SQLite, a failed quick_check after an unclean close); :meth:`HistoryStore.open` moves a
damaged file aside and starts a new one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.storage.clean_close import unchanged_since_clean_close
from desktop.storage.paths import make_private, private_file
from desktop.storage.schema import migrate

SQLITE_COMPANIONS = ("-wal", "-shm")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CORRUPTION_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


class _CorruptDatabase(sqlite3.DatabaseError):
    """Damage found by our own checks rather than reported by SQLite."""


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    if isinstance(error, _CorruptDatabase):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CORRUPTION_CODES


def _has_foreign_header(path: Path) -> bool:
    """A non-empty file that does not start like SQLite.

    Checked before SQLite sees the file: closing a connection to it would checkpoint
    and delete a ``-wal`` file lying next to it.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    return header != b"" and header != _SQLITE_MAGIC


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open, configure, verify and migrate; raises ``sqlite3.DatabaseError`` if damaged."""
    if _has_foreign_header(path):
        raise _CorruptDatabase("the file is not an SQLite database")
    check = not unchanged_since_clean_close(path)
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")] if check else ["ok"]
        if problems != ["ok"]:
            raise _CorruptDatabase("; ".join(str(problem) for problem in problems[:5]))
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_private(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """:func:`_connect` to a database only its owner can read, companions included."""
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        make_private(Path(f"{path}{suffix}"))
    conn = _connect(path, busy_timeout)
    for suffix in SQLITE_COMPANIONS:  # created by SQLite just now, with the file's mode
        make_private(Path(f"{path}{suffix}"))
    return conn
