"""Startup: process start to main window painted, and resident memory once started.

Each row launches a fresh process N times (offscreen, private dirs, a readiness file
the app writes on its first paint; see desktop/ui/readiness.py) and reports the median
and worst time, and the median VmRSS one second after the window appeared. Goal on a
2-core machine: median < 0.5 s and < 120 MB. A bare PySide6 window is the floor.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.app_process import REPO, SOURCE_COMMAND, AppProcess
from tests.servers.ollama_server import OllamaServer
from tests.servers.tiny_gguf import write_tiny_gguf

RUNS = 7
SETTLE_S = 1.0
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


def measure(command: Sequence[str], ollama_host: str | None, runs: int) -> dict[str, float]:
    times: list[float] = []
    memory: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs):
            app = AppProcess(Path(scratch) / f"run-{run}", command, ollama_host=ollama_host)
            try:
                app.start()
                shown = app.wait_for("shown")
                times.append(shown - app.started_at)
                time.sleep(SETTLE_S)
                memory.append(app.rss_mb())
            finally:
                if app.process is not None and app.process.poll() is None:
                    app.terminate()
    return {
        "median_s": statistics.median(times),
        "worst_s": max(times),
        "rss_mb": statistics.median(memory),
    }


def print_table(rows: list[tuple[str, dict[str, float]]], runs: int) -> None:
    print(f"\nStartup to main window painted (offscreen, median of {runs} launches)")
    print(f"{'what':<40} {'median s':>9} {'worst s':>8} {'RSS MB':>7}")
    for label, row in rows:
        print(f"{label:<40} {row['median_s']:>9.3f} {row['worst_s']:>8.3f} {row['rss_mb']:>7.1f}")
    print("goal: median < 0.500 s and RSS < 120 MB")


def run(runs: int = RUNS) -> None:
    rows = [
        ("bare PySide6 window (floor)", measure((sys.executable, "-c", BARE_WINDOW), None, runs))
    ]
    rows.append(("Parley, Ollama unreachable", measure(SOURCE_COMMAND, None, runs)))
    with tempfile.TemporaryDirectory() as scratch:
        server = OllamaServer(Path(scratch) / "ollama").start()
        try:
            server.publish("tiny:latest", write_tiny_gguf(Path(scratch) / "tiny.gguf"))
            server.install("tiny:latest")
            rows.append(
                ("Parley, Ollama reachable (1 model)", measure(SOURCE_COMMAND, server.url, runs))
            )
            bundle = REPO / "dist" / "parley" / "parley"
            if bundle.exists():
                rows.append(
                    (
                        "bundle dist/parley, Ollama reachable",
                        measure((str(bundle),), server.url, runs),
                    )
                )
        finally:
            server.stop()
    print_table(rows, runs)


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
