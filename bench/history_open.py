"""Opening a stored 2,000-message conversation: time to first paint and memory growth."""

from __future__ import annotations

import asyncio
import gc
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject

from desktop.app import AppServices
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation_export import ExportedConversation, ExportedMessage
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role

MESSAGES = 2000
ANSWER = (
    "Here is an answer with **markdown** and code.\n\n```python\ndef step(n):\n"
    "    return n + 1  # next\n```\n\nAnd a closing paragraph with `inline` code, "
    "你好 and 🌍 for good measure.\n"
)


def rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def long_conversation(count: int) -> ExportedConversation:
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
            stats=None if n % 2 == 0 else ChatStats(prompt_tokens=40 * n, completion_tokens=60),
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


async def open_once() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        os.environ["PARLEY_DATA_DIR"] = str(root / "data")
        os.environ["PARLEY_CONFIG_DIR"] = str(root / "config")
        os.environ["OLLAMA_HOST"] = "http://127.0.0.1:9"
        services = AppServices.create()
        conversation = services.history.import_conversation(long_conversation(MESSAGES))
        window = services.build_window()
        window.resize(1200, 900)
        window.show()
        await asyncio.sleep(0.3)
        gc.collect()
        before = rss_bytes()
        watch = PaintWatch()
        started = time.perf_counter()
        # As a click in the sidebar does (it also folds away the first-run card).
        window.conversation_sidebar.conversationSelected.emit(conversation.id)
        last = window.chat_pane.messages.bubbles()[-1]
        last.body.installEventFilter(watch)
        for child in last.body.findChildren(QObject):
            child.installEventFilter(watch)
        while watch.painted_at is None and time.perf_counter() - started < 5:
            await asyncio.sleep(0.001)
        first_paint = ((watch.painted_at or time.perf_counter()) - started) * 1000
        await asyncio.sleep(0.3)
        gc.collect()
        growth = (rss_bytes() - before) / 1e6
        built = len(window.chat_pane.messages.bubbles())
        window.close()
        await services.aclose()
        return {"messages": MESSAGES, "built": built, "paint_ms": first_paint, "mb": growth}


async def run() -> None:
    rows = [await open_once() for _ in range(3)]
    print("\nOpening a stored 2,000-message conversation (lazy bubbles)")
    print(f"{'messages':>9} {'bubbles':>8} {'first paint ms':>15} {'memory +MB':>11}")
    for row in rows:
        print(f"{row['messages']:>9} {row['built']:>8} {row['paint_ms']:>15.1f} {row['mb']:>11.1f}")
    print("targets: first paint < 300 ms, memory growth < 100 MB")
