"""Importing a big ChatGPT export through the import dialog: time per 1,000 messages, the
UI's longest stall while it reads and writes, and search over the result.

The export is written here in ChatGPT's shape (conversations.json: a mapping tree per
conversation, words from the search bench's vocabulary). The dialog is the app's own,
opened from the conversation sidebar as a person would, offscreen; a 10 ms timer measures
how late the event loop gets to it while the worker thread reads the preview, imports,
and the sidebar then shows the new conversations. Goals: no stall over 50 ms, search
median under 50 ms. The load of the machine is printed beside the figures: on a shared
CPU the stalls grow with it.

``make bench`` runs 1,000 conversations of 100 messages (100,000 messages);
``python -m bench.history_import 10000 100`` runs the issue's 10,000 conversations and
1,000,000 messages (a ~400 MB file; minutes).
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.history_search import QUERIES, VOCABULARY
from bench.loop_probe import LoopProbe
from bench.stall_trace import StallTrace

CONVERSATIONS = 1000
PER_CONVERSATION = 100
STALL_GOAL_MS = 50.0
SEARCH_GOAL_MS = 50.0
T0 = 1_600_000_000.0


def write_export(path: Path, conversations: int, per: int, chooser: random.Random) -> int:
    """A ChatGPT conversations.json, written one conversation at a time; returns its size."""
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for number in range(conversations):
            start = T0 + number * 3600
            mapping: dict[str, object] = {
                "root": {"id": "root", "message": None, "parent": None, "children": ["n0"]}
            }
            for n in range(per):
                words = " ".join(chooser.choice(VOCABULARY) for _ in range(chooser.randint(8, 60)))
                mapping[f"n{n}"] = {
                    "id": f"n{n}",
                    "parent": "root" if n == 0 else f"n{n - 1}",
                    "children": [f"n{n + 1}"] if n + 1 < per else [],
                    "message": {
                        "id": f"m{n}",
                        "author": {"role": "user" if n % 2 == 0 else "assistant"},
                        "create_time": start + n,
                        "content": {"content_type": "text", "parts": [words]},
                        "metadata": {"model_slug": "gpt-4o"} if n % 2 else {},
                    },
                }
            item = {
                "title": f"Chat {number}",
                "create_time": start,
                "update_time": start + per,
                "mapping": mapping,
                "current_node": f"n{per - 1}",
                "conversation_id": f"bench-{number}",
            }
            out.write(("," if number else "") + json.dumps(item, ensure_ascii=False))
        out.write("]")
    return path.stat().st_size


async def _until(predicate: object, poll: float = 0.05) -> None:
    while not predicate():  # type: ignore[operator]
        await asyncio.sleep(poll)


async def measure(conversations: int, per: int) -> dict[str, float]:
    from desktop.storage.history import HistoryStore
    from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
    from desktop.ui.chat.sidebar.import_dialog import Stage
    from desktop.ui.tasks import TaskOwner

    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export = folder / "conversations.json"
        began = time.perf_counter()
        result["size_mb"] = write_export(export, conversations, per, random.Random(7)) / 1e6
        result["written_s"] = time.perf_counter() - began
        store = HistoryStore.open(folder / "history.sqlite3")
        tasks = TaskOwner()
        sidebar = ConversationSidebar(store, tasks)
        sidebar.resize(272, 700)
        sidebar.reload(None)
        sidebar.show()
        # the whole list read after the first paint, and the search view made then
        # (startup's work, not the import's)
        await _until(lambda: sidebar.list.painted and sidebar._complete)
        await asyncio.sleep(0.5)
        gc.collect()
        gc.freeze()  # as the app does after start (desktop/app.py)
        trace = StallTrace() if os.environ.get("PARLEY_TRACE_STALLS") else None
        probe = LoopProbe(listener=None if trace is None else trace.tick, count_waiting=True)
        if trace is not None:
            trace.start()
        probe.start()
        began = time.perf_counter()
        dialog = sidebar.preview_import(str(export))
        await _until(lambda: dialog.stage is not Stage.READING)
        result["preview_s"] = time.perf_counter() - began
        _stalls(result, "preview", probe)
        assert dialog.stage is Stage.PREVIEW, dialog.problem
        began = time.perf_counter()
        dialog.import_button.click()
        await _until(lambda: dialog.stage is not Stage.WRITING)
        result["import_s"] = time.perf_counter() - began
        result["import_p99_ms"] = probe.p99_ms
        _stalls(result, "import", probe)
        assert dialog.stage is Stage.DONE and dialog.report is not None, dialog.problem
        result["messages"] = dialog.report.messages
        probe.clear()
        began = time.perf_counter()
        await _until(lambda: sidebar.list.model_.rowCount() >= conversations, poll=0.01)
        result["shown_s"] = time.perf_counter() - began
        await asyncio.sleep(0.3)  # and what follows the list's refill
        probe.stop()
        if trace is not None:
            trace.stop()
            trace.report()
        _stalls(result, "shown", probe)
        dialog.close()
        gc.unfreeze()
        medians = []
        for query in QUERIES:
            times = []
            for _ in range(7):
                start = time.perf_counter()
                store.search(query)
                times.append((time.perf_counter() - start) * 1000)
            medians.append(statistics.median(times))
        result["search_median_ms"] = statistics.median(medians)
        result["search_worst_ms"] = max(medians)
        store.close()
        await tasks.cancel_all()
    return result


def _stalls(result: dict[str, float], step: str, probe: LoopProbe) -> None:
    """The step's longest stall, how much of it the UI thread waited for a core (other
    processes had them), and its longest stall less that wait; then a fresh count."""
    result[f"{step}_stall_ms"] = probe.longest_ms
    result[f"{step}_waited_ms"] = probe.waited_in_longest_ms
    result[f"{step}_own_ms"] = probe.longest_own_ms
    if step != "shown":
        probe.clear()


def _load() -> str:
    """The machine's 1-minute load average (the stalls depend on it)."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


async def run(conversations: int = CONVERSATIONS, per: int = PER_CONVERSATION) -> None:
    load_before = _load()
    found = await measure(conversations, per)
    messages = found["messages"]
    per_thousand = (found["preview_s"] + found["import_s"]) / messages * 1000
    print(
        f"\nImporting a ChatGPT export: {conversations:,} conversations,"
        f" {int(messages):,} messages ({found['size_mb']:.0f} MB, written in"
        f" {found['written_s']:.1f} s)"
    )
    print(
        f"{'step':<10} {'seconds':>8} {'ms / 1,000 msgs':>16} {'longest stall ms':>17}"
        f" {'of it waiting for a core':>25} {'longest less the wait':>22}"
    )
    for step in ("preview", "import", "shown"):
        seconds = found[f"{step}_s"]
        print(
            f"{step:<10} {seconds:>8.1f} {seconds / messages * 1e6:>16.1f}"
            f" {found[f'{step}_stall_ms']:>17.1f} {found[f'{step}_waited_ms']:>25.1f}"
            f" {found[f'{step}_own_ms']:>22.1f}"
        )
    stall = max(found[f"{step}_stall_ms"] for step in ("preview", "import", "shown"))
    print(
        f"read + write: {per_thousand * 1000:.0f} ms per 1,000 messages;"
        f" longest stall {stall:.1f} ms (goal < {STALL_GOAL_MS:.0f}),"
        f" p99 while writing {found['import_p99_ms']:.1f} ms; load {load_before} → {_load()}"
    )
    print(
        f"search over the result: median {found['search_median_ms']:.1f} ms"
        f" (goal < {SEARCH_GOAL_MS:.0f}), slowest query {found['search_worst_ms']:.1f} ms"
    )


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.event_loop import make_event_loop

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [int(arg) for arg in sys.argv[1:3]]
    app = QApplication(sys.argv[:1])
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(*sizes))


if __name__ == "__main__":
    main()
