"""Who holds the window still: a watchdog thread samples the UI thread's Python stack while
the event loop has not ticked for longer than a threshold.

A 5 ms QTimer on the UI thread beats; a plain thread wakes every 2 ms and, while the last
beat is older than ``threshold_ms``, records the UI thread's stack (and the innermost frame
of every other thread, to see who else runs Python meanwhile). :meth:`report` prints each
long gap with its most frequent stacks. A stack that ends in the event loop's own frame
means Qt's C++ (layout, paint, style polish) or a wait for the GIL.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QTimer

ROOT = str(Path(__file__).resolve().parent.parent) + "/"
DEPTH = 14


@dataclass
class Gap:
    start: float
    end: float = 0.0
    cpu_ms: float = 0.0
    """CPU time the UI thread itself used in the gap: far below the gap, it was waiting
    (for a CPU the machine's other work had, or for the GIL)."""
    stacks: Counter[tuple[str, ...]] = field(default_factory=Counter)
    others: Counter[str] = field(default_factory=Counter)

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


def _where(frame: FrameType) -> str:
    name = frame.f_code.co_filename
    name = name.replace(ROOT, "").split("site-packages/")[-1]
    return f"{name}:{frame.f_lineno} {frame.f_code.co_name}"


BOTTOM = ("<frozen runpy>", "bench/window_loop.py", "qasync/__init__.py:4", "event_loop.py:159")
"""Frames under every stack (the loop running the benchmark), left out of reports."""


def _stack(frame: FrameType | None) -> tuple[str, ...]:
    lines: list[str] = []
    while frame is not None and len(lines) < DEPTH:
        where = _where(frame)
        if not any(part in where for part in BOTTOM) and " <module>" not in where:
            lines.append(where)
        frame = frame.f_back
    return tuple(lines) or ("(the event loop: Qt's own work, or waiting)",)


class StallWatch:
    def __init__(self, threshold_ms: float = 30.0) -> None:
        self.threshold = threshold_ms / 1000
        self.gaps: list[Gap] = []
        self._main = threading.main_thread().ident
        self._beat = time.perf_counter()
        self._cpu = time.thread_time()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._running = False
        self._open: Gap | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._beat = time.perf_counter()
        self._cpu = time.thread_time()
        self._running = True
        self._timer.start()
        self._thread = threading.Thread(target=self._watch, name="stall-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._running = False
        if self._thread is not None:
            self._thread.join()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = self._open
        if gap is not None:
            gap.end = now
            gap.cpu_ms = (cpu - self._cpu) * 1000
            self.gaps.append(gap)
            self._open = None
        self._beat, self._cpu = now, cpu

    def _watch(self) -> None:
        while self._running:
            time.sleep(0.002)
            beat = self._beat
            if time.perf_counter() - beat < self.threshold:
                continue
            gap = self._open
            if gap is None or gap.start != beat:
                gap = self._open = Gap(beat)
            frames = sys._current_frames()
            gap.stacks[_stack(frames.get(self._main))] += 1  # type: ignore[arg-type]
            for ident, frame in frames.items():
                if ident not in (self._main, threading.get_ident()):
                    gap.others[_where(frame)] += 1

    def report(self, longer_than_ms: float = 0.0, stacks: int = 3) -> None:
        for gap in self.gaps:
            if gap.ms < longer_than_ms:
                continue
            print(
                f"--- gap {gap.ms:.0f} ms, UI thread CPU {gap.cpu_ms:.0f} ms "
                f"({sum(gap.stacks.values())} samples)"
            )
            for stack, count in gap.stacks.most_common(stacks):
                print(f"  x{count}")
                for line in stack:
                    print(f"      {line}")
            for where, count in gap.others.most_common(4):
                print(f"  other thread x{count}: {where}")
