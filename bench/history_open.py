"""Opening a stored 2,000-message conversation: time to first paint, the same when switching
from another as long, and to one whose answers the server did not count (the context meter
then estimates the whole path, after that paint), and memory growth."""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from desktop.app import AppServices
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation_export import ExportedConversation, ExportedMessage
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role

if TYPE_CHECKING:
    from desktop.ui.shell.main_window import MainWindow

MESSAGES = 2000
RUNS = 5
ANSWER = (
    "Here is an answer with **markdown** and code.\n\n```python\ndef step(n):\n"
    "    return n + 1  # next\n```\n\nAnd a closing paragraph with `inline` code, "
    "你好 and 🌍 for good measure.\n"
)


def rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def long_conversation(count: int, *, counted: bool = True) -> ExportedConversation:
    """``counted``: the answers carry the server's token counts (else none, as from a
    server that sends no usage)."""
    now = datetime.now(UTC)
    messages = tuple(
        ExportedMessage(
            key=n,
            parent_key=n - 1 if n else None,
            role=Role.USER if n % 2 == 0 else Role.ASSISTANT,
            content=f"Question {n}: how does step {n} work?" if n % 2 == 0 else f"{n}. {ANSWER}",
            state=MessageState.COMPLETE,
            model="" if n % 2 == 0 else "scripted:latest",
            created_at=now,
            stats=None
            if n % 2 == 0 or not counted
            else ChatStats(prompt_tokens=40 * n, completion_tokens=60),
            on_path=True,
        )
        for n in range(count)
    )
    return ExportedConversation(
        "Long", "scripted:latest", "ollama", "", ChatParameters(), now, now, messages
    )


class PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None
        self.cpu_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
            self.cpu_at = time.process_time()
        return False


async def paint_of_last(window: MainWindow, conversation_id: int) -> tuple[float, float]:
    """Milliseconds from choosing the conversation in the sidebar until its last message
    is painted: on the clock, and of the process's CPU time (which other work on a busy
    machine disturbs less)."""
    watch = PaintWatch()
    started, cpu = time.perf_counter(), time.process_time()
    # As a click in the sidebar does (it also folds away the first-run card).
    window.conversation_sidebar.conversationSelected.emit(conversation_id)
    last = window.chat_pane.messages.bubbles()[-1]
    last.body.installEventFilter(watch)
    for child in last.body.findChildren(QObject):
        child.installEventFilter(watch)
    while watch.painted_at is None and time.perf_counter() - started < 5:
        await asyncio.sleep(0.001)
    if watch.painted_at is None:
        return (time.perf_counter() - started) * 1000, float("nan")
    return (watch.painted_at - started) * 1000, (watch.cpu_at - cpu) * 1000


async def open_once() -> dict[str, float]:
    """A fresh window: open one long conversation (its first paint and the memory it
    takes), then switch to another as long (what a person does most)."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        os.environ["PARLEY_DATA_DIR"] = str(root / "data")
        os.environ["PARLEY_CONFIG_DIR"] = str(root / "config")
        os.environ["OLLAMA_HOST"] = "http://127.0.0.1:9"
        services = AppServices.create()
        first = services.history.import_conversation(long_conversation(MESSAGES))
        second = services.history.import_conversation(long_conversation(MESSAGES))
        uncounted = services.history.import_conversation(long_conversation(MESSAGES, counted=False))
        window = services.build_window()
        window.resize(1200, 900)
        window.show()
        await asyncio.sleep(0.3)
        gc.collect()
        before = rss_bytes()
        first_paint, first_cpu = await paint_of_last(window, first.id)
        await asyncio.sleep(0.3)
        gc.collect()
        growth = (rss_bytes() - before) / 1e6
        switch_paint, switch_cpu = await paint_of_last(window, second.id)
        await asyncio.sleep(0.3)
        plain_paint, plain_cpu = await paint_of_last(window, uncounted.id)
        await asyncio.sleep(0.3)
        built = len(window.chat_pane.messages.bubbles())
        window.close()
        await services.aclose()
        return {
            "messages": MESSAGES,
            "built": built,
            "paint_ms": first_paint,
            "switch_ms": switch_paint,
            "paint_cpu": first_cpu,
            "switch_cpu": switch_cpu,
            "plain_ms": plain_paint,
            "plain_cpu": plain_cpu,
            "mb": growth,
        }


def spread(rows: list[dict[str, float]], key: str) -> str:
    values = [row[key] for row in rows]
    return f"{statistics.median(values):.1f} ({min(values):.0f}-{max(values):.0f})"


async def run() -> None:
    rows = [await open_once() for _ in range(RUNS)]
    print(
        "\nOpening a stored 2,000-message conversation (lazy bubbles), then another, then one"
        " without the server's token counts"
    )
    print(
        f"{'run':>4} {'bubbles':>8} {'first paint ms':>15} {'cpu ms':>7} {'switch ms':>10}"
        f" {'cpu ms':>7} {'no counts ms':>13} {'cpu ms':>7} {'memory +MB':>11}"
    )
    for number, row in enumerate(rows, 1):
        print(
            f"{number:>4} {row['built']:>8} {row['paint_ms']:>15.1f} {row['paint_cpu']:>7.1f}"
            f" {row['switch_ms']:>10.1f} {row['switch_cpu']:>7.1f} {row['plain_ms']:>13.1f}"
            f" {row['plain_cpu']:>7.1f} {row['mb']:>11.1f}"
        )
    warm = rows[1:]  # the first run also imports the message widgets
    print(
        f"runs 2-{RUNS}, median (min-max): first paint {spread(warm, 'paint_ms')} ms,"
        f" cpu {spread(warm, 'paint_cpu')}; switch {spread(warm, 'switch_ms')} ms,"
        f" cpu {spread(warm, 'switch_cpu')}; no counts {spread(warm, 'plain_ms')} ms,"
        f" cpu {spread(warm, 'plain_cpu')}"
    )
    print(
        "targets: first paint < 100 ms (switching and without counts too; 110-138 ms before"
        " issue 15's lazy path),"
        " memory growth < 100 MB, 20 bubbles"
    )


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
