"""What the history's parts kept in modules of their own (folders, drafts, answer sources)
share with :class:`~desktop.storage.history.HistoryStore`: its connection and its lock, so
each of their methods is one short transaction like the store's own.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def write_transaction(conn: sqlite3.Connection, lock: threading.RLock) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), undone on any error."""
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


class HistoryPart:
    """A part of one history, made by the store (it hands out its connection and lock)."""

    def __init__(self, conn: Callable[[], sqlite3.Connection], lock: threading.RLock) -> None:
        self._conn_of = conn  # a callable: the history may reconnect after a restore
        self._lock = lock

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._conn_of()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        with write_transaction(conn, self._lock):
            yield conn
