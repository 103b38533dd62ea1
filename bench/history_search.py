"""Full-text search over 100,000 stored messages (trigram FTS5): time per query."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation_export import ExportedConversation, ExportedMessage
from desktop.core.messages import MessageState, Role
from desktop.storage.history import HistoryStore

CONVERSATIONS = 1000
PER_CONVERSATION = 100
VOCABULARY = [
    "model",
    "answer",
    "python",
    "function",
    "stream",
    "window",
    "token",
    "context",
    "memory",
    "server",
    "local",
    "question",
    "code",
    "block",
    "render",
    "search",
    "history",
    "branch",
    "export",
    "import",
    "thinking",
    "你好",
    "世界",
    "数据库",
    "搜索",
    "模型",
    "🌍",
    "quantization",
    "embedding",
    "llama",
    "ollama",
    "kubernetes",
    "docker",
]
QUERIES = (
    "python",
    "kubernetes docker",
    "render window",
    "quantiz",
    "数据库",
    "世界",
    "xylophone",
    "embedding model",
    "ollama",
    "搜索 模型",
    "zq",  # two letters, found nowhere: the slowest case, a full scan without the index
)


def fill(store: HistoryStore, chooser: random.Random) -> None:
    now = datetime.now(UTC)
    for number in range(CONVERSATIONS):
        messages = tuple(
            ExportedMessage(
                key=n,
                parent_key=n - 1 if n else None,
                role=Role.USER if n % 2 == 0 else Role.ASSISTANT,
                content=" ".join(chooser.choice(VOCABULARY) for _ in range(chooser.randint(8, 60))),
                state=MessageState.COMPLETE,
                model="m",
                created_at=now,
                on_path=True,
            )
            for n in range(PER_CONVERSATION)
        )
        store.import_conversation(
            ExportedConversation(
                f"Chat {number}", "m", "ollama", "", ChatParameters(), now, now, messages
            )
        )


def run() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        store = HistoryStore.open(Path(scratch) / "history.sqlite3")
        started = time.perf_counter()
        fill(store, random.Random(3))
        filled = time.perf_counter() - started
        rows = []
        for query in QUERIES:
            times = []
            hits = 0
            for _ in range(7):
                began = time.perf_counter()
                hits = len(store.search(query))
                times.append((time.perf_counter() - began) * 1000)
            rows.append((query, hits, statistics.median(times), max(times)))
        store.close()
    total = CONVERSATIONS * PER_CONVERSATION
    print(f"\nSearch over {total:,} stored messages (filled in {filled:.1f} s)")
    print(f"{'query':<20} {'hits':>5} {'median ms':>10} {'max ms':>8}")
    for query, hits, median, longest in rows:
        print(f"{query:<20} {hits:>5} {median:>10.1f} {longest:>8.1f}")
    overall = statistics.median(row[2] for row in rows)
    print(f"median over all queries: {overall:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    run()
