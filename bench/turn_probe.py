"""The loop probe, also counting the UI thread's own CPU time between two ticks.

A wall-clock gap on a shared machine (2 cores, other processes) also holds the time the
thread waited for a core; the CPU gap is only what the thread itself ran, so comparing
two versions of the code in a noisy session reads the CPU columns first.
"""

from __future__ import annotations

import time

from bench.loop_probe import LoopProbe, p99_ms


class TurnProbe(LoopProbe):
    def __init__(self, interval_ms: int = 10) -> None:
        super().__init__(interval_ms)
        self._last_cpu = 0.0
        self.cpu_gaps_ms: list[float] = []

    def start(self) -> None:
        self._last_cpu = time.thread_time()
        super().start()

    def _tick(self) -> None:
        super()._tick()
        now = time.thread_time()
        self.cpu_gaps_ms.append((now - self._last_cpu) * 1000)
        self._last_cpu = now

    @property
    def cpu_longest_ms(self) -> float:
        return max(self.cpu_gaps_ms, default=0.0)

    @property
    def cpu_p99_ms(self) -> float:
        return p99_ms(self.cpu_gaps_ms)
