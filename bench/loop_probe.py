"""Measures how responsive the event loop stays: a 10 ms timer and the gaps between ticks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer


class LoopProbe:
    def __init__(self, interval_ms: int = 10, listener: Callable[[], None] | None = None) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.gaps_ms: list[float] = []
        self._listener = listener
        """Told of every tick (bench/stall_trace.py)."""

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000)
        self._last = now
        if self._listener is not None:
            self._listener()

    @property
    def longest_ms(self) -> float:
        return longest_ms(self.gaps_ms)

    @property
    def p99_ms(self) -> float:
        return p99_ms(self.gaps_ms)


def longest_ms(gaps_ms: list[float]) -> float:
    return max(gaps_ms, default=0.0)


def p99_ms(gaps_ms: list[float]) -> float:
    if len(gaps_ms) < 2:
        return longest_ms(gaps_ms)
    # inclusive: never beyond the longest gap ("exclusive" extrapolates past it when
    # a short stream gives only a few dozen gaps)
    return statistics.quantiles(gaps_ms, n=100, method="inclusive")[98]
