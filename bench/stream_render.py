"""Streams a long answer from real llama.cpp inference into the real window.

Reports the event loop's longest stall and 99th-percentile gap (10 ms probe timer), the
throughput, and whether the rendered text equals what was saved from the stream.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.app_window import open_chat, use_private_dirs
from bench.loop_probe import LoopProbe
from desktop.app import keep_startup_objects
from desktop.core.messages import ChatOptions
from tests.servers.ollama_server import OllamaServer
from tests.servers.tiny_gguf import write_tiny_gguf

MODEL = "tiny-loop:latest"


async def stream_once(tokens: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        use_private_dirs(root)
        server = OllamaServer(root / "ollama").start()
        try:
            server.publish(MODEL, write_tiny_gguf(root / "loop.gguf", loop=True))
            server.install(MODEL)
            os.environ["OLLAMA_HOST"] = server.url
            services, window = await open_chat(MODEL)
            pane = window.chat_pane
            pane.options = ChatOptions(num_predict=tokens)
            pane.composer.setPlainText("Talk for a long time")
            keep_startup_objects()  # as run_app does once the window has painted
            probe = LoopProbe()
            probe.start()
            started = time.perf_counter()
            pane.send()
            while pane.streaming:
                await asyncio.sleep(0.005)
            wall = time.perf_counter() - started
            probe.stop()
            answer = pane.messages.bubbles()[-1]
            stored = services.history.messages(pane.conversation_id or 0)[-1]
            result = {
                "tokens": stored.stats.completion_tokens if stored.stats else None,
                "wall_s": wall,
                "tok_per_s": (stored.stats.completion_tokens or 0) / wall if stored.stats else 0,
                "longest_ms": probe.longest_ms,
                "p99_ms": probe.p99_ms,
                "identical": answer.text() == stored.content and len(stored.content) > 0,
            }
            window.close()
            await services.aclose()
            return result
        finally:
            server.stop()


def print_table(rows: list[dict[str, object]]) -> None:
    print("\nStreaming into the chat pane (real llama.cpp inference, tiny model)")
    print(
        f"{'tokens':>8} {'wall s':>8} {'tok/s':>8} {'longest ms':>11} {'p99 ms':>8} {'text ok':>8}"
    )
    for row in rows:
        print(
            f"{row['tokens']!s:>8} {row['wall_s']:>8.2f} {row['tok_per_s']:>8.0f} "
            f"{row['longest_ms']:>11.1f} {row['p99_ms']:>8.1f} {row['identical']!s:>8}"
        )


async def run() -> None:
    rows = [await stream_once(tokens) for tokens in (250, 1000, 1900)]
    print_table(rows)


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
