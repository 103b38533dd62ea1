"""A large, realistic history for the startup and sidebar benchmarks.

5,000 conversations with 20 messages each (100,000 messages, ~130 MB with the search
index), spread over the last two years, some pinned, titles with emoji and CJK. Written
with the app's own schema (HistoryStore.open) and bulk inserts in one transaction, so the
full-text index is filled by the same triggers the app uses.
"""

from __future__ import annotations

import atexit
import random
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.history_search import VOCABULARY
from desktop.storage.history import HistoryStore

CONVERSATIONS = 5000
PER_CONVERSATION = 20
WORDS = [
    *VOCABULARY,
    "prompt",
    "layer",
    "weights",
    "latency",
    "throughput",
    "cache",
    "index",
    "vector",
    "matrix",
    "gradient",
    "tensor",
    "kernel",
    "batch",
]
TITLE_WORDS = [
    "Plan a trip to Kyoto",
    "Sourdough starter",
    "Rust lifetimes",
    "Kubernetes ingress 🚀",
    "Birthday ideas 🎂",
    "数据库 索引",
    "Tax questions",
    "Garden layout 🌱",
    "Explain transformers",
    "Résumé review",
    "Docker compose networking",
    "Poem about the sea 🌊",
    "SQL window functions",
    "Marathon training plan",
    "Fix the flaky test",
    "Translate to Japanese 日本語",
]


def _content(chooser: random.Random, n: int) -> str:
    words = " ".join(chooser.choice(WORDS) for _ in range(chooser.randint(27, 56)))
    if n % 4 == 1:  # some answers carry code, as real ones do
        return f"Here is how:\n\n```python\ndef step(x):\n    return x + {n}\n```\n\n{words}"
    return words


def write_history(path: Path, conversations: int = CONVERSATIONS, seed: int = 5) -> float:
    """Fill a new history at ``path``; returns the seconds it took."""
    started = time.perf_counter()
    HistoryStore.open(path).close()  # the schema, exactly as the app makes it
    chooser = random.Random(seed)
    now = datetime.now(UTC)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        message_id = 0
        for number in range(conversations):
            # Newest first by id, spread over ~2 years, a handful today.
            age = timedelta(minutes=number * 210 + chooser.randint(0, 120))
            moment = (now - age).isoformat(timespec="microseconds")
            title = f"{chooser.choice(TITLE_WORDS)} #{number}"
            if number == 3:
                title = "A very long conversation title that goes on and on about many things"
            conversation_id = conversations - number
            conn.execute(
                "INSERT INTO conversations (id, title, model, provider, system_prompt,"
                " created_at, updated_at, pinned) VALUES (?, ?, ?, ?, '', ?, ?, ?)",
                (
                    conversation_id,
                    title,
                    "llama3.2:3b",
                    "ollama",
                    moment,
                    moment,
                    int(number % 997 == 5),
                ),
            )
            rows = []
            parent: int | None = None
            for n in range(PER_CONVERSATION):
                message_id += 1
                rows.append(
                    (
                        message_id,
                        conversation_id,
                        "user" if n % 2 == 0 else "assistant",
                        _content(chooser, n),
                        "complete",
                        "" if n % 2 == 0 else "llama3.2:3b",
                        moment,
                        parent,
                        n + 1,
                    )
                )
                parent = message_id
            conn.executemany(
                "INSERT INTO messages (id, conversation_id, role, content, state, model,"
                " created_at, parent_id, chosen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return time.perf_counter() - started


_shared: list[tuple[Path, float]] = []


def shared_history() -> tuple[Path, float]:
    """One large history per benchmark run (made on first use, removed at exit), and the
    seconds it took to make. Opened by a bench it gets a clean-close record, as a
    person's history has after Parley last closed."""
    if not _shared:
        folder = Path(tempfile.mkdtemp(prefix="parley-bench-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "big" / "data" / "history.sqlite3"
        path.parent.mkdir(parents=True)
        _shared.append((path, write_history(path)))
    return _shared[0]


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/parley-bench/history.sqlite3")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    seconds = write_history(target)
    print(f"{target}: {target.stat().st_size / 1e6:.0f} MB in {seconds:.1f} s")
