"""A pull that streams 5,000 progress lines per second into the real window's model manager.

A loopback server speaks just enough of Ollama's API (/api/version, /api/tags, /api/pull);
its pull sends ``pulling <digest>`` lines for two layers at the chosen rate, then the
closing phases. The event loop's responsiveness is probed with a 10 ms timer throughout.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from http import HTTPStatus
from pathlib import Path

from bench.loop_probe import LoopProbe
from desktop.app import AppServices
from desktop.core.pull_manager import PullChange, PullItem, PullState
from tests.servers.loopback_http import Exchange, LoopbackServer

MODEL = "flood:latest"
LAYERS = (("sha256:" + "a" * 64, 4_000_000_000), ("sha256:" + "b" * 64, 12_000))
BATCH_SECONDS = 0.01


class FloodServer(LoopbackServer):
    def __init__(self, lines_per_second: int, seconds: float) -> None:
        super().__init__()
        self.rate = lines_per_second
        self.seconds = seconds
        self.lines_sent = 0
        self.routes = {
            "/api/version": {"GET": lambda ex: ex.send_json(HTTPStatus.OK, {"version": "0.33.0"})},
            "/api/tags": {"GET": lambda ex: ex.send_json(HTTPStatus.OK, {"models": []})},
            "/api/ps": {"GET": lambda ex: ex.send_json(HTTPStatus.OK, {"models": []})},
            "/api/pull": {"POST": self._pull},
        }

    def _pull(self, exchange: Exchange) -> None:
        sink = exchange.open_sink(stream=True)
        sink.send({"status": "pulling manifest"})
        total_lines = int(self.rate * self.seconds)
        per_batch = max(int(self.rate * BATCH_SECONDS), 1)
        started = time.perf_counter()
        for index in range(total_lines):
            digest, size = LAYERS[0] if index < total_lines - 10 else LAYERS[1]
            done = size * (index + 1) // total_lines
            line = {"status": f"pulling {digest[7:19]}", "digest": digest, "total": size}
            if not sink.send({**line, "completed": done}):
                return
            self.lines_sent += 1
            if index % per_batch == per_batch - 1:
                lag = started + (index + 1) / self.rate - time.perf_counter()
                if lag > 0 and not exchange.pause(lag):
                    return
        for status in ("verifying sha256 digest", "writing manifest", "success"):
            sink.send({"status": status})
        sink.finish()


async def pull_once(lines_per_second: int, seconds: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        os.environ["PARLEY_DATA_DIR"] = str(root / "data")
        os.environ["PARLEY_CONFIG_DIR"] = str(root / "config")
        server = FloodServer(lines_per_second, seconds)
        server.start()
        try:
            os.environ["OLLAMA_HOST"] = server.url
            services = AppServices.create()
            window = services.build_window()
            window.resize(1280, 800)
            window.show()
            window.show_page("models")
            updates = 0
            fractions: list[float] = []

            def count(item: PullItem, change: PullChange) -> None:
                nonlocal updates
                updates += 1
                fractions.append(item.figures.fraction)

            services.pulls.subscribe(count)
            await asyncio.sleep(0.5)  # let the window settle: first layout and paint
            probe = LoopProbe()
            probe.start()
            started = time.perf_counter()
            item = services.pulls.add(MODEL)
            while not item.state.finished:
                await asyncio.sleep(0.01)
            wall = time.perf_counter() - started
            probe.stop()
            row = window.model_pane.downloads.row(MODEL)
            result = {
                "rate": lines_per_second,
                "lines": server.lines_sent,
                "wall_s": wall,
                "lines_per_s": server.lines_sent / wall,
                "row_updates": updates,
                "longest_ms": probe.longest_ms,
                "p99_ms": probe.p99_ms,
                "ok": item.state is PullState.DONE
                and fractions == sorted(fractions)
                and row is not None
                and row.bar.value() == row.bar.maximum(),
            }
            window.close()
            await services.aclose()
            return result
        finally:
            server.stop()


def print_table(rows: list[dict[str, object]]) -> None:
    print("\nPull progress flood into the model manager (10 ms loop probe)")
    print(
        f"{'rate/s':>7} {'lines':>7} {'wall s':>7} {'lines/s':>8} {'updates':>8} "
        f"{'longest ms':>11} {'p99 ms':>7} {'ok':>5}"
    )
    for row in rows:
        print(
            f"{row['rate']!s:>7} {row['lines']!s:>7} {row['wall_s']:>7.2f} "
            f"{row['lines_per_s']:>8.0f} {row['row_updates']!s:>8} {row['longest_ms']:>11.1f} "
            f"{row['p99_ms']:>7.1f} {row['ok']!s:>5}"
        )


async def run() -> None:
    rows = [await pull_once(rate, 4.0) for rate in (1000, 5000, 5000, 10000)]
    print_table(rows)


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
