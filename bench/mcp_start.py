"""Starting a stdio MCP server from the real window: how long the UI's event loop stalls.

The Tools page of a real MainWindow is shown; a 5 ms QTimer (LoopProbe) records the gaps
between its ticks while the test MCP server (tests/servers/mcp_test_server.py, a Python
subprocess) is started, shakes hands and lists its tools, and the page shows them. The
first start also imports the MCP SDK (in the worker thread); later ones are restarts.
The sessions run on their own loop thread, so the target is no gap over 50 ms.
``--trace[=ms]`` also prints what the UI thread was doing in each long gap.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from bench.app_window import fresh_window
from bench.loop_probe import LoopProbe, p99_ms
from bench.stall_watch import StallWatch
from desktop.app import keep_startup_objects
from desktop.tools.manager import ServerState
from desktop.tools.server_config import ServerConfig, Transport

STALL_TARGET_MS = 50.0
RUNS = 5
SERVER = Path(__file__).resolve().parent.parent / "tests" / "servers" / "mcp_test_server.py"


TRACE_MS = next(
    (float(arg.partition("=")[2] or 30) for arg in sys.argv if arg.startswith("--trace")), 0.0
)
"""--trace[=ms]: also print the UI thread's stacks during each gap over that many ms
(30 unless told; bench/stall_watch.py)."""


async def measure() -> list[dict[str, float | str]]:
    rows: list[dict[str, float | str]] = []
    async with fresh_window((1180, 760)) as (services, window):
        keep_startup_objects()  # as the app does once its window has settled
        tools = services.tools
        assert tools is not None
        await tools.save_server(
            ServerConfig("bench", Transport.STDIO, command=sys.executable, args=(str(SERVER),))
        )
        window.show_page("tools")
        await asyncio.sleep(0.5)
        for run in range(RUNS):
            probe = LoopProbe(5)
            probe.start()
            watch = StallWatch(TRACE_MS) if TRACE_MS else None
            if watch is not None:
                watch.start()
            started = time.perf_counter()
            status = await (tools.restart("bench") if run else tools.ensure_started("bench"))
            elapsed = (time.perf_counter() - started) * 1000
            await asyncio.sleep(0.05)  # the page draws the tools
            probe.stop()
            if watch is not None:
                watch.stop()
                print(f"== run {run}: gaps over {TRACE_MS:.0f} ms")
                watch.report()
            if status.state is not ServerState.RUNNING:
                raise RuntimeError(f"the server did not start: {status.message}")
            rows.append(
                {
                    "run": "first start" if run == 0 else f"restart {run}",
                    "start_ms": elapsed,
                    "tools": float(len(status.tools)),
                    "longest_gap_ms": probe.longest_ms,
                    "p99_gap_ms": p99_ms(probe.gaps_ms),
                }
            )
    return rows


async def run() -> bool:
    rows = await measure()
    print("\nMCP stdio server start: UI event-loop gaps (5 ms timer), target < 50 ms")
    print(f"{'run':<14}{'start ms':>10}{'tools':>7}{'longest gap':>13}{'p99 gap':>10}")
    for row in rows:
        print(
            f"{row['run']:<14}{row['start_ms']:>10.0f}{row['tools']:>7.0f}"
            f"{row['longest_gap_ms']:>13.1f}{row['p99_gap_ms']:>10.1f}"
        )
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs (other work stretches the gaps)")
    worst = max(float(row["longest_gap_ms"]) for row in rows)
    met = worst < STALL_TARGET_MS
    print(f"longest stall {worst:.1f} ms: {'met' if met else 'MISSED'} (target < 50 ms)")
    return met


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
