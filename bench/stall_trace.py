"""Why the event loop stalled: the UI thread's (and the other threads') stacks while a gap
lasts, and the garbage collector's passes.

A watchdog thread wakes every few milliseconds; when the :class:`~bench.loop_probe.LoopProbe`
has not ticked for ``after_ms`` it samples ``sys._current_frames()`` — what the UI thread
is doing (or waiting in) and what the others hold. ``gc.callbacks`` time every collection
of generation 2 (and long ones of the others) with the thread that ran it. At the end
:meth:`StallTrace.report` prints each gap over ``report_ms`` with the samples and the
collections that fell inside it.

Used by ``PARLEY_TRACE_STALLS=1 python -m bench.history_import``; the sampling costs the
run some time, so its own figures are not the bench's.
"""

from __future__ import annotations

import collections
import gc
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from types import FrameType
from typing import TextIO


@dataclass
class Gap:
    start: float
    end: float = 0.0
    samples: list[dict[str, str]] = field(default_factory=list)
    cpu_ms: float = 0.0
    """The UI thread's time on a core during the gap (the system's count)."""
    waiting_ms: float = 0.0
    """The UI thread's time ready to run but waiting for a core (other processes)."""

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


def _schedstat() -> tuple[int, int]:
    """The calling thread's time on a core and waiting for one, in ns (Linux)."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as stats:
            running, waiting, _ = stats.read().split()
    except (OSError, ValueError):
        return 0, 0
    return int(running), int(waiting)


def _stack(frame: FrameType | None, depth: int = 6) -> str:
    lines = []
    for summary in traceback.extract_stack(frame, limit=depth)[::-1]:
        name = summary.filename.split("/site-packages/")[-1].split("/work/main/")[-1]
        lines.append(f"{name}:{summary.lineno} {summary.name}")
    return " < ".join(lines)


class StallTrace:
    def __init__(self, after_ms: float = 25.0, every_ms: float = 4.0) -> None:
        self.after = after_ms / 1000
        self.every = every_ms / 1000
        self.main = threading.main_thread().ident
        self.last_tick = time.perf_counter()
        self.gaps: list[Gap] = []
        self.collections: list[tuple[float, float, int, str, int]] = []
        """(start, end, generation, thread name, objects collected)."""
        self._gc_start: dict[int, float] = {}
        self._open: Gap | None = None
        self._sched = (0, 0)
        self.entries: list[tuple[float, float, float, str]] = []
        """Calls from Qt into Python on the UI thread: (start, end, CPU time, name)."""
        self._entry: tuple[float, float, str] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-trace", daemon=True)

    # -- hooks ---------------------------------------------------------------
    def tick(self) -> None:
        """Called by the probe on every tick (on the UI thread)."""
        now = time.perf_counter()
        sched = _schedstat()
        gap = self._open
        if gap is None and now - self.last_tick > self.after:
            gap = Gap(self.last_tick)  # the watchdog did not get to it (no samples)
        if gap is not None:
            gap.end = now
            gap.cpu_ms = (sched[0] - self._sched[0]) / 1e6
            gap.waiting_ms = (sched[1] - self._sched[1]) / 1e6
            self.gaps.append(gap)
            self._open = None
        self.last_tick = now
        self._sched = sched

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_start[ident] = time.perf_counter()
            return
        began = self._gc_start.pop(ident, None)
        if began is None:
            return
        ended = time.perf_counter()
        if info["generation"] == 2 or ended - began > 0.005:
            self.collections.append(
                (
                    began,
                    ended,
                    info["generation"],
                    threading.current_thread().name,
                    info["collected"],
                )
            )

    def _profile(self, frame: FrameType, event: str, _arg: object) -> None:
        """Each call from Qt into Python on the UI thread: when, how long, and the UI
        thread's CPU time at its start (wall time passing without CPU time is waiting:
        for the GIL or for a core)."""
        back = frame.f_back
        if back is None or back.f_code.co_name != "run_forever":
            return
        if event == "call":
            self._entry = (time.perf_counter(), time.thread_time(), frame.f_code.co_name)
        elif event == "return" and self._entry is not None:
            began, cpu, name = self._entry
            self.entries.append((began, time.perf_counter(), cpu, name))
            self._entry = None

    def start(self) -> None:
        gc.callbacks.append(self._gc)
        sys.setprofile(self._profile)
        self._thread.start()

    def stop(self) -> None:
        sys.setprofile(None)
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._gc)

    def _watch(self) -> None:
        names = {}
        while not self._stop.wait(self.every):
            last = self.last_tick
            now = time.perf_counter()
            if now - last < self.after:
                continue
            gap = self._open
            if gap is None or gap.start != last:
                gap = self._open = Gap(last)
            for thread in threading.enumerate():
                names[thread.ident] = thread.name
            sample = {}
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                name = "UI" if ident == self.main else names.get(ident, str(ident))
                sample[name] = f"{(time.perf_counter() - last) * 1000:.0f}ms " + _stack(frame)
            gap.samples.append(sample)

    # -- the findings ----------------------------------------------------------
    def report(self, report_ms: float = 40.0, out: TextIO | None = None) -> None:
        write = (out or sys.stdout).write
        total = collections.Counter(c[2] for c in self.collections)
        slow = [c for c in self.collections if c[1] - c[0] > 0.02]
        write(f"\ngc passes timed: {dict(total)}; over 20 ms: {len(slow)}\n")
        for began, ended, generation, thread, collected in slow[:20]:
            write(
                f"  gen {generation} on {thread}: {(ended - began) * 1000:.0f} ms ({collected})\n"
            )
        for gap in sorted(self.gaps, key=lambda g: -g.ms):
            if gap.ms < report_ms:
                continue
            write(
                f"\ngap {gap.ms:.0f} ms: the UI thread ran {gap.cpu_ms:.0f} ms, waited for a"
                f" core {gap.waiting_ms:.0f} ms\n"
            )
            for began, ended, generation, thread, _ in self.collections:
                if ended > gap.start and began < gap.end:
                    write(f"  gc gen {generation} on {thread}: {(ended - began) * 1000:.0f} ms\n")
            inside = [e for e in self.entries if gap.start - 0.001 <= e[0] <= gap.end]
            previous = None
            for began, ended, cpu, name in inside:
                waited = (
                    ""
                    if previous is None
                    else (
                        f" after {(began - previous[1]) * 1000:.1f} ms"
                        f" (UI cpu {(cpu - previous[2]) * 1000:.1f} ms)"
                    )
                )
                write(f"  UI ran {name} {(ended - began) * 1000:.1f} ms{waited}\n")
                previous = (began, ended, cpu)
            for sample in gap.samples[:: max(1, len(gap.samples) // 4)]:
                for name, stack in sample.items():
                    write(f"  {name}: {stack}\n")
                write("  --\n")
