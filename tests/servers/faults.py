"""Faults a test arms on one path of a loopback server, taken by the next matching request."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

DEFAULT_ERROR_MESSAGE = "an error was encountered while running the model"


@dataclass(frozen=True)
class Fault:
    """What goes wrong. Counts are in streamed lines (chunks) already sent.

    - ``status``: answer at once with this status and ``body`` (dict/list → JSON, str → text).
    - ``token_delay``: seconds to wait before each streamed line.
    - ``error_after``: send ``{"error": error_message}`` after N lines and end the stream.
    - ``drop_after``: close the connection after N lines, with no done line and no end chunk.
    - ``malformed_after``: send one line that is not JSON after N lines, then carry on.
    - ``silent_after``: after N lines keep the connection open and send nothing more.
    - ``stall_after_bytes``: a pull stops moving bytes after N bytes (connection stays open).
    - ``once``: disarm after the first request that takes it.
    - ``headers``: extra response headers sent with ``status`` (e.g. Retry-After).
    """

    path: str
    status: int | None = None
    body: Any = None
    token_delay: float = 0.0
    error_after: int | None = None
    error_message: str = DEFAULT_ERROR_MESSAGE
    drop_after: int | None = None
    malformed_after: int | None = None
    stall_after_bytes: int | None = None
    silent_after: int | None = None
    once: bool = False
    headers: tuple[tuple[str, str], ...] = ()


class FaultBook:
    """Armed faults; thread-safe because every request runs on its own thread."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def arm(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.path == path:
                    if fault.once:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
