"""Listing many installed models: time from ``set_models`` until the list has painted.

The real list widget (filter proxy sorted by name, two-line rows with capability badges)
shows 50, 500 and 2,000 models; each run replaces the list and forces a synchronous paint
of the visible rows.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication

from desktop.core.model_records import LocalModel
from desktop.ui.models.installed_view import InstalledModelsView
from desktop.ui.models.model_list_model import ModelListModel

FAMILIES = ("qwen3", "llama3.2", "gemma3", "mistral", "phi4", "deepseek-r1", "nomic-embed-text")
CAPABILITY_SETS = (
    ("completion",),
    ("completion", "tools"),
    ("completion", "vision"),
    ("completion", "thinking", "tools"),
    ("embedding",),
)
RUNS = 7


def catalogue(count: int, generation: int = 0) -> list[LocalModel]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    models = []
    for index in range(count):
        family = FAMILIES[index % len(FAMILIES)]
        size = (index % 70 + 1) / 2
        models.append(
            LocalModel(
                name=f"{family}:{size:g}b-v{generation}-{index:04d}-q4_K_M",
                size=int(size * 0.6e9) + index,
                digest=f"sha256:{index:064x}",
                modified_at=start + timedelta(hours=index),
                family=family,
                parameter_size=f"{size:g}B",
                quantization="Q4_K_M",
                format="gguf",
                capabilities=CAPABILITY_SETS[index % len(CAPABILITY_SETS)],
            )
        )
    return models


def measure(count: int) -> dict[str, float]:
    models = ModelListModel()
    view = InstalledModelsView(models)
    view.resize(1100, 700)
    view.show()
    QApplication.processEvents()
    timings, cpu = [], []
    for run in range(RUNS):
        fresh = catalogue(count, run)
        started, cpu_started = time.perf_counter(), time.process_time()
        models.set_models(fresh)
        view.table.viewport().repaint()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        QApplication.processEvents()
    assert view.proxy.rowCount() == count
    view.close()
    return {
        "models": count,
        "first_ms": timings[0],
        "median_ms": statistics.median(timings),
        "max_ms": max(timings),
        "cpu_ms": statistics.median(cpu),
    }


def print_table(rows: list[dict[str, float]]) -> None:
    print("\nModel list: set_models → list painted (sorted proxy, two-line rows, badges)")
    print(
        f"{'models':>8} {'first ms':>9} {'median ms':>10} {'max ms':>8} {'cpu ms':>7} {'target':>8}"
    )
    for row in rows:
        print(
            f"{row['models']:>8.0f} {row['first_ms']:>9.1f} {row['median_ms']:>10.1f} "
            f"{row['max_ms']:>8.1f} {row['cpu_ms']:>7.1f} {'< 100':>8}"
        )
    print("cpu ms: the median of the process's CPU time (a busy machine disturbs it less)")


async def run() -> None:
    print_table([measure(count) for count in (50, 500, 2000)])


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
