"""What a streaming answer costs: the process's CPU share at a model's pace, while idle,
and how long a token takes from the socket to the screen.

A long markdown answer (headings, lists, code, tables, Chinese) comes from a loopback
Ollama-protocol server in its own process (bench.paced_ollama) at ~100 pieces a second,
into the real window. The CPU share is this process's user+system time (os.times) over
wall time: while the answer streams, then while the window sits idle for 10 s with the
conversation open. Socket-to-pixel latency: for each piece, from the moment the server
wrote it to the start of the first paint of the answer that shows it (the renderer says
how much of the answer each frame shows).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from bench.app_window import chat_with_server, model_server, send, use_private_dirs
from bench.markdown_stream import markdown_pieces
from desktop.app import keep_startup_objects
from desktop.core.messages import ChatMessage, Role
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider

MODEL = "scripted:latest"
RATE = 100.0
"""Pieces (tokens) a second: a fast local model, read as it comes."""
PIECES = 2_000
IDLE_S = 10.0
TABLE = (
    "\n\n| 模型 | size | speed |\n|---|---:|---|\n",
    "| llama3 | 8B | **fast** |\n",
    "| qwen2.5 中文 | 7B | `ok` |\n",
    "| mistral | 7B | fine |\n\n",
)


def answer_pieces(count: int) -> list[str]:
    """Markdown as a model writes it: markdown_stream's mix, with a table now and then."""
    pieces: list[str] = []
    for index, piece in enumerate(markdown_pieces(count)):
        pieces.append(piece)
        if index % 150 == 149:
            pieces += list(TABLE)
    return pieces[:count]


class PaintWatch(QObject):
    """Notes each paint of the answer: when it started and how much text it showed."""

    def __init__(self, answer: QWidget, shown: object) -> None:
        super().__init__()
        self._answer = answer
        self._shown = shown
        self.paints: list[tuple[float, int]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and self._answer.isAncestorOf(watched)
        ):
            self.paints.append((time.monotonic(), self._shown()))  # type: ignore[operator]
        return False


def latencies_ms(sent: list[tuple[float, int]], paints: list[tuple[float, int]]) -> list[float]:
    """For each sent piece: from its sending to the first paint showing all of it."""
    result: list[float] = []
    index = 0
    for sent_at, chars in sent:
        while index < len(paints) and (paints[index][0] < sent_at or paints[index][1] < chars):
            index += 1
        if index == len(paints):
            break
        result.append((paints[index][0] - sent_at) * 1000)
    return result


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


async def stream_once(*, timed: bool) -> dict[str, object]:
    """One answer; ``timed``: note each paint for the latency (an application-wide event
    filter costs CPU itself, so the CPU share is measured in a run without it)."""
    pieces = answer_pieces(PIECES)
    sent_text = "".join(pieces)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        use_private_dirs(root)
        server = ("bench.paced_ollama", str(RATE))
        async with chat_with_server(root, pieces, server, model=MODEL, size=(1180, 760)) as (
            url,
            services,
            window,
        ):
            pane = window.chat_pane
            pane.composer.setPlainText("Write a long markdown document with code and tables")
            await asyncio.sleep(0.5)
            keep_startup_objects()
            answer = await send(pane)
            renderer = pane.runner.renderer
            watch = PaintWatch(answer, lambda: renderer.shown_chars)
            app = QApplication.instance()
            assert app is not None
            if timed:
                app.installEventFilter(watch)
            cpu, wall = cpu_seconds(), time.perf_counter()
            while pane.streaming or renderer.shown_chars < len(sent_text):
                await asyncio.sleep(0.02)
            stream_cpu, stream_wall = cpu_seconds() - cpu, time.perf_counter() - wall
            app.removeEventFilter(watch)
            result: dict[str, object] = {
                "pieces": len(pieces),
                "stream_s": stream_wall,
                "stream_cpu": 100 * stream_cpu / stream_wall,
            }
            await asyncio.sleep(1.0)  # the answer's last steps: saving, the list, held text
            if timed:
                async with httpx.AsyncClient() as client:
                    sent = (await client.get(f"{url}/script/sent")).json()["sent"]
                gaps = latencies_ms([(t, c) for t, c in sent], watch.paints)
                result["p50_ms"] = statistics.median(gaps) if gaps else float("nan")
                result["p99_ms"] = (
                    statistics.quantiles(gaps, n=100, method="inclusive")[98]
                    if len(gaps) > 1
                    else float("nan")
                )
                result["measured"] = len(gaps)
            else:
                cpu, wall = cpu_seconds(), time.perf_counter()
                await asyncio.sleep(IDLE_S)
                result["idle_cpu"] = 100 * (cpu_seconds() - cpu) / (time.perf_counter() - wall)
            stored = services.history.messages(pane.conversation_id or 0)[-1]
            result["identical"] = stored.content == sent_text and answer.text() == sent_text
            return result


async def network_floor() -> float:
    """The CPU share of the same answer read by the provider alone on this loop, with no
    window and no renderer: what the HTTP stack costs before anything is drawn."""
    pieces = answer_pieces(PIECES)
    with (
        tempfile.TemporaryDirectory() as scratch,
        model_server(Path(scratch), pieces, ("bench.paced_ollama", str(RATE))) as url,
    ):
        async with make_http_client() as client:
            provider = OllamaProvider(client, url)
            cpu, wall = cpu_seconds(), time.perf_counter()
            async for _ in provider.chat(MODEL, [ChatMessage(Role.USER, "go")]):
                pass
            return 100 * (cpu_seconds() - cpu) / (time.perf_counter() - wall)


def print_table(rows: list[dict[str, object]], floor: float) -> None:
    print(f"\nA markdown answer at ~{RATE:.0f} tokens/s into the window: CPU share and latency")
    print(
        f"{'pieces':>7} {'stream s':>9} {'CPU % streaming':>16} {'CPU % idle':>11} "
        f"{'latency p50 ms':>15} {'p99 ms':>7} {'pieces timed':>13} {'text ok':>8} "
        f"{'network only %':>15}"
    )
    for cpu_row, timed_row in zip(rows[::2], rows[1::2], strict=True):
        print(
            f"{cpu_row['pieces']:>7} {cpu_row['stream_s']:>9.1f} {cpu_row['stream_cpu']:>16.1f} "
            f"{cpu_row['idle_cpu']:>11.2f} {timed_row['p50_ms']:>15.1f} "
            f"{timed_row['p99_ms']:>7.1f} {timed_row['measured']:>13} "
            f"{bool(cpu_row['identical'] and timed_row['identical'])!s:>8} {floor:>15.1f}"
        )
    print(
        "targets: CPU ≤ 5 % streaming, < 0.5 % idle (10 s, conversation open), "
        "latency p99 ≤ 33 ms (server's write → start of the paint showing it; "
        "timed in a second run); network only: the provider reading the same stream "
        "with no window (the floor under the CPU share)"
    )


async def run() -> None:
    rows = [await stream_once(timed=False), await stream_once(timed=True)]
    print_table(rows, await network_floor())


def main() -> int:
    """Run this benchmark alone: ``python -m bench.stream_cpu``."""
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
