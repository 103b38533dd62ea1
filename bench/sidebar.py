"""The conversation sidebar over 5,000 conversations: filtering as a person types and
scrolling from top to bottom, with the longest stall of the event loop.

The window is the app's own (AppServices + MainWindow) over the large benchmark history,
offscreen. A 10 ms timer measures how late the loop gets to it; each step's own time is
what the UI thread spent on a keystroke (title filter, results shown) or on a scroll step
(scroll and repaint). Goal: no stall over 50 ms.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.history_db import shared_history
from bench.loop_probe import LoopProbe

STALL_GOAL_MS = 50.0
QUERY = "kubernetes ingress"
TYPING_GAP_S = 0.08  # a quick typist
SCROLL_STEP_PX = 90  # a wheel notch is three rows
PRIVATE_ENV = ("PARLEY_DATA_DIR", "PARLEY_CONFIG_DIR", "OLLAMA_HOST")


async def measure() -> list[tuple[str, int, float, float, float]]:
    history, _ = shared_history()
    rows: list[tuple[str, int, float, float, float]] = []
    saved = {name: os.environ.get(name) for name in PRIVATE_ENV}
    try:
        return await _measure(history, rows)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


async def _measure(
    history: Path, rows: list[tuple[str, int, float, float, float]]
) -> list[tuple[str, int, float, float, float]]:
    from desktop.app import AppServices

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["PARLEY_DATA_DIR"] = str(history.parent)
        os.environ["PARLEY_CONFIG_DIR"] = str(Path(scratch) / "config")
        os.environ["OLLAMA_HOST"] = "http://127.0.0.1:9"
        services = AppServices.create()
        window = services.build_window()
        window.resize(1180, 760)
        window.show()
        sidebar = window.conversation_sidebar
        conversations = sidebar.list
        started = time.perf_counter()
        while len(conversations.model_.summaries) < 5000 and time.perf_counter() - started < 10:
            await asyncio.sleep(0.005)
        loaded_ms = (time.perf_counter() - started) * 1000
        await asyncio.sleep(0.3)

        probe = LoopProbe()
        probe.start()
        steps: list[float] = []
        for length in range(1, len(QUERY) + 1):
            began = time.perf_counter()
            sidebar.search_box.setText(QUERY[:length])
            steps.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(TYPING_GAP_S)
        await asyncio.sleep(1.0)  # the message search lands
        for _ in range(len(QUERY)):
            began = time.perf_counter()
            sidebar.search_box.backspace()
            steps.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(TYPING_GAP_S)
        probe.stop()
        rows.append(("type and erase a filter", len(steps), *summary(steps), probe.longest_ms))

        await asyncio.sleep(0.3)
        bar = conversations.verticalScrollBar()
        probe = LoopProbe()
        probe.start()
        steps = []
        while bar.value() < bar.maximum():
            began = time.perf_counter()
            bar.setValue(bar.value() + SCROLL_STEP_PX)
            conversations.viewport().repaint()
            steps.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(0)
        probe.stop()
        rows.append(("scroll top to bottom", len(steps), *summary(steps), probe.longest_ms))

        probe = LoopProbe()
        probe.start()
        began = time.perf_counter()
        window.refresh_conversations()  # as the end of every answer does
        generation = conversations.model_.summaries
        while conversations.model_.summaries is generation:
            await asyncio.sleep(0.001)
        refresh_ms = (time.perf_counter() - began) * 1000
        await asyncio.sleep(0.1)
        probe.stop()
        rows.append(("refresh after an answer", 1, refresh_ms, refresh_ms, probe.longest_ms))
        rows.append(("all 5,000 listed after show", 1, loaded_ms, loaded_ms, 0.0))
        window.close()
        await services.aclose()
    return rows


def summary(steps: list[float]) -> tuple[float, float]:
    return statistics.median(steps), max(steps)


async def run() -> None:
    rows = await measure()
    print("\nSidebar over 5,000 conversations (offscreen)")
    print(f"{'what':<30} {'steps':>6} {'median ms':>10} {'max ms':>8} {'loop stall ms':>14}")
    for label, count, median, longest, stall in rows:
        print(f"{label:<30} {count:>6} {median:>10.1f} {longest:>8.1f} {stall:>14.1f}")
    worst = max(row[4] for row in rows[:3])
    print(f"longest stall {worst:.1f} ms (goal < {STALL_GOAL_MS:.0f} ms)")


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
