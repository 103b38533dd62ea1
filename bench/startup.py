"""Startup: process start to the main window mapped and painted, and resident memory.

Every row launches a fresh process N times on a private Xvfb display (started here on a
free display number and stopped at the end; offscreen when Xvfb is missing) with a
readiness file the app writes on its first paint (see desktop/ui/readiness.py), and again
when it paints with its Chats page built ("ready": the window paints its frame first and
builds the chat page right after). The rows
take turns, so a busy moment of the machine hits all alike, after one uncounted warm-up
launch each. Each Parley row keeps its config and data folder from launch to launch, as
a person's next start does (the history exists, and was closed cleanly). It reports the
median time to the first paint with its spread, the median time to "ready", and the
median VmRSS one second after the window was ready.
A bare PySide6 window, measured in the same run, is the floor the goals are stated
against:

- Parley with an empty history: at most 2.0x the bare window's time, at most +50 MB;
- Parley with 5,000 conversations (100,000 messages, ~130 MB): within 10 % of empty.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.history_db import shared_history
from tests.app_process import REPO, SOURCE_COMMAND, AppProcess

RUNS = 7
SETTLE_S = 1.0
TIME_RATIO_GOAL = 2.0
MEMORY_GOAL_MB = 50.0
HISTORY_GOAL = 1.10
BARE_WINDOW = """
import os, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1180, 760)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            with open(os.environ["PARLEY_READY_FILE"], "a") as f:
                f.write(f"shown {time.time():.6f}\\n")
            watched.removeEventFilter(self)
        return False
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


@dataclass
class Row:
    label: str
    times: list[float]
    ready: list[float]
    memory: list[float]
    anonymous: list[float]
    """MB of the process's own memory (heap, stacks): unlike RSS, it does not depend on
    which pages of the shared libraries the page cache holds at the time."""

    @property
    def median_s(self) -> float:
        return statistics.median(self.times)

    @property
    def ready_s(self) -> float:
        return statistics.median(self.ready)

    @property
    def rss_mb(self) -> float:
        return statistics.median(self.memory)

    @property
    def anonymous_mb(self) -> float:
        return statistics.median(self.anonymous)


@contextmanager
def display() -> Iterator[dict[str, str]]:
    """Environment for a real X window: a private Xvfb, or offscreen without one."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    number = next(
        n
        for n in range(90, 400)
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists()
    )
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(10)


@dataclass
class Launch:
    label: str
    command: Sequence[str]
    root: Path | None = None
    """Config and data to start with; every launch reuses them, as a person's next start
    does (None: a fresh folder each time)."""
    paints_ready: bool = True
    """Writes the "ready" milestone (the bare window has only its first paint)."""


def anonymous_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Anonymous:"):
            return int(line.split()[1]) / 1024
    return 0.0


def launch_once(
    launch: Launch, root: Path, screen: dict[str, str]
) -> tuple[float, float, float, float]:
    """Seconds from process start to the first paint and to "ready", and MB resident (all,
    and the process's own) a second after ready."""
    if launch.root is not None:
        root = launch.root
        (root / "ready.txt").unlink(missing_ok=True)
    app = AppProcess(root, launch.command)
    app.env.update(screen)
    # Python caches compiled modules as an installed app does (this environment may say
    # not to, which would add the compiling of every module to each launch).
    app.env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        app.start()
        shown = app.wait_for("shown")
        ready = app.wait_for("ready") if launch.paints_ready else shown
        time.sleep(SETTLE_S)
        return shown - app.started_at, ready - app.started_at, app.rss_mb(), anonymous_mb(app.pid)
    finally:
        if app.process is not None and app.process.poll() is None:
            app.terminate()


def measure(launches: list[Launch], runs: int, screen: dict[str, str]) -> list[Row]:
    """Launches taken in turn, so a busy moment of the machine hits every row alike."""
    rows = [Row(launch.label, [], [], [], []) for launch in launches]
    with tempfile.TemporaryDirectory() as scratch:
        for number, launch in enumerate(launches):  # warm: caches, compiled modules
            launch_once(launch, Path(scratch) / f"warm-{number}", screen)
        for run in range(runs):
            for number, (launch, row) in enumerate(zip(launches, rows, strict=True)):
                seconds, ready, rss, own = launch_once(
                    launch, Path(scratch) / f"{run}-{number}", screen
                )
                row.times.append(seconds)
                row.ready.append(ready)
                row.memory.append(rss)
                row.anonymous.append(own)
    return rows


def print_table(rows: list[Row], runs: int, platform: str) -> None:
    bare = rows[0]
    print(f"\nStartup to the main window painted ({platform}, median of {runs} launches)")
    print(
        f"{'what':<34} {'median s':>9} {'min–max s':>13} {'× bare':>7} {'ready s':>8}"
        f" {'RSS MB':>7} {'+MB':>6} {'own MB':>7} {'+MB':>6}"
    )
    for row in rows:
        spread = f"{min(row.times):.3f}–{max(row.times):.3f}"
        ratio = row.median_s / bare.median_s
        extra = row.rss_mb - bare.rss_mb
        own = row.anonymous_mb - bare.anonymous_mb
        print(
            f"{row.label:<34} {row.median_s:>9.3f} {spread:>13} {ratio:>7.2f}"
            f" {row.ready_s:>8.3f} {row.rss_mb:>7.1f} {extra:>+6.1f}"
            f" {row.anonymous_mb:>7.1f} {own:>+6.1f}"
        )
    print("ready: the Chats page built and painted (the first paint shows the frame)")
    print("own MB: anonymous memory (heap, stacks), steadier than RSS across runs")
    empty, full = rows[1], rows[2]
    history = full.median_s / empty.median_s
    print(
        f"goals: Parley ≤ {TIME_RATIO_GOAL:.1f}× bare (now {empty.median_s / bare.median_s:.2f}×),"
        f" ≤ +{MEMORY_GOAL_MB:.0f} MB (now {empty.rss_mb - bare.rss_mb:+.1f} MB);"
        f" 5,000 conversations ≤ {HISTORY_GOAL:.2f}× empty (now {history:.2f}×)"
    )


def run(runs: int = RUNS) -> None:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    history, filled = shared_history()
    size = history.stat().st_size / 1e6
    print(f"\n(5,000 conversations, 100,000 messages: {size:.0f} MB, made in {filled:.0f} s)")
    with display() as screen, tempfile.TemporaryDirectory() as empty:
        launches = [
            Launch(
                "bare PySide6 window (floor)",
                (sys.executable, "-c", BARE_WINDOW),
                paints_ready=False,
            ),
            Launch("Parley, empty history", SOURCE_COMMAND, Path(empty)),
            Launch("Parley, 5,000 conversations", SOURCE_COMMAND, history.parent.parent),
        ]
        bundle = REPO / "dist" / "parley" / "parley"
        if bundle.exists():
            launches.append(Launch("bundle dist/parley, empty history", (str(bundle),)))
        platform = "Xvfb" if screen["QT_QPA_PLATFORM"] == "xcb" else "offscreen"
        rows = measure(launches, runs, screen)
    print_table(rows, runs, platform)


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
