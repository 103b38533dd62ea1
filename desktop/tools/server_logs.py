"""Each configured server's log, by name: lines are written on the worker thread (the
server's stderr, its start and end), read on the UI's loop, and the log's listeners are
told at most once per turn of that loop however many lines came."""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.core.listeners import Listeners
from desktop.tools.connection import ServerLog

CallHome = Callable[..., None]
"""Runs ``callback(*args)`` on the UI's loop, from any thread (McpServerManager's)."""


class ServerLogs:
    def __init__(self, call_home: CallHome) -> None:
        self._logs: dict[str, ServerLog] = {}
        self._call_home = call_home
        self._lock = threading.Lock()
        self._pending: set[str] = set()  # names whose listeners are about to be told
        self.on_log: Listeners[[str]] = Listeners()
        """A server wrote to its log (its name); told at most once per loop turn."""

    def lines(self, name: str) -> list[str]:
        server_log = self._logs.get(name)
        return server_log.lines() if server_log is not None else []

    def since(self, name: str, seen: int) -> tuple[list[str], int]:
        """The server's log lines after the first ``seen``, and the count of all so far."""
        server_log = self._logs.get(name)
        return server_log.since(seen) if server_log is not None else ([], 0)

    def of(self, name: str) -> ServerLog:
        """The server's log, begun now if it has none yet."""
        server_log = self._logs.get(name)
        if server_log is None:
            server_log = ServerLog(lambda: self._changed(name))
            self._logs[name] = server_log
        return server_log

    def forget(self, name: str) -> None:
        """The server was removed or renamed: its log goes with its old name."""
        self._logs.pop(name, None)

    def _changed(self, name: str) -> None:
        """From any thread: tell the log's listeners once, on the UI's loop."""
        with self._lock:
            if name in self._pending:
                return
            self._pending.add(name)
        self._call_home(self._tell, name)

    def _tell(self, name: str) -> None:
        with self._lock:
            self._pending.discard(name)
        self.on_log(name)


def with_last_words(reason: str, server_log: ServerLog) -> str:
    """``reason`` with the server's last few lines of its own (its stderr), if any."""
    last = [line for line in server_log.last(3) if not line.startswith(("—", "["))]
    return f"{reason} ({' / '.join(last)})" if last else reason
