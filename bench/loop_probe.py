"""Measures how responsive the event loop stays: a 10 ms timer and the gaps between ticks.

With ``count_waiting`` (Linux) it also counts, per gap, the time the UI thread was ready to
run but waited for a core (the kernel's schedstat): on a shared machine other processes'
doing, not the app's.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer


class LoopProbe:
    def __init__(
        self,
        interval_ms: int = 10,
        listener: Callable[[], None] | None = None,
        *,
        count_waiting: bool = False,
    ) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.gaps_ms: list[float] = []
        self._listener = listener
        """Told of every tick (bench/stall_trace.py)."""
        self._count_waiting = count_waiting
        self._waited = 0
        self.waits_ms: list[float] = []
        """Per gap (with ``count_waiting``): the time the thread waited for a core."""

    def start(self) -> None:
        self._last = time.perf_counter()
        self._waited = _waited_ns()
        self._timer.start()

    def clear(self) -> None:
        self.gaps_ms.clear()
        self.waits_ms.clear()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000)
        self._last = now
        if self._count_waiting:
            waited = _waited_ns()
            self.waits_ms.append((waited - self._waited) / 1e6)
            self._waited = waited
        if self._listener is not None:
            self._listener()

    @property
    def longest_ms(self) -> float:
        return longest_ms(self.gaps_ms)

    @property
    def p99_ms(self) -> float:
        return p99_ms(self.gaps_ms)

    @property
    def waited_in_longest_ms(self) -> float:
        """How much of the longest gap the thread waited for a core."""
        if not self.waits_ms:
            return 0.0
        return self.waits_ms[self.gaps_ms.index(max(self.gaps_ms))]

    @property
    def longest_own_ms(self) -> float:
        """The longest gap less the time the thread waited for a core in it."""
        if not self.waits_ms:
            return self.longest_ms
        pairs = zip(self.gaps_ms, self.waits_ms, strict=True)
        return max((gap - wait for gap, wait in pairs), default=0.0)


def _waited_ns() -> int:
    """The calling thread's time ready to run but waiting for a core, in ns (Linux)."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as stats:
            return int(stats.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def longest_ms(gaps_ms: list[float]) -> float:
    return max(gaps_ms, default=0.0)


def p99_ms(gaps_ms: list[float]) -> float:
    if len(gaps_ms) < 2:
        return longest_ms(gaps_ms)
    # inclusive: never beyond the longest gap ("exclusive" extrapolates past it when
    # a short stream gives only a few dozen gaps)
    return statistics.quantiles(gaps_ms, n=100, method="inclusive")[98]
