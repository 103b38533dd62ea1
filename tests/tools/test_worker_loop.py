"""The loop thread MCP sessions live on."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import qasync

from desktop.tools.manager import McpServerManager, ServerState
from desktop.tools.server_config import ServerConfig, Transport
from desktop.tools.worker_loop import WorkerLoop


async def _child_says() -> bytes:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "print('hello')", stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    return out.strip()


async def test_the_worker_runs_subprocesses_whatever_loop_policy_the_ui_installed() -> None:
    """qasync.run installs a policy whose loops are Qt loops, which cannot run off the
    main thread: the worker must make asyncio's own loop regardless."""
    previous = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(qasync.DefaultQEventLoopPolicy())  # type: ignore[attr-defined]
    worker = WorkerLoop("test-worker")
    try:
        assert await worker.run(_child_says()) == b"hello"
        assert not isinstance(worker.loop, qasync.QEventLoop)
    finally:
        worker.stop()
        asyncio.set_event_loop_policy(previous)


async def test_cancelling_the_caller_cancels_the_work_on_the_worker() -> None:
    worker = WorkerLoop("test-worker")
    cancelled = asyncio.Event()
    loop = asyncio.get_running_loop()

    async def wait_forever() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            loop.call_soon_threadsafe(cancelled.set)
            raise

    task = asyncio.ensure_future(worker.run(wait_forever()))
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.wait_for(cancelled.wait(), 5)
    worker.stop()


YOUNG_WHEN_COLLECTOR_RESUMES = """
import gc, sys
sys.path.insert(0, {root!r})
from desktop.tools.worker_loop import import_sdk

gc.collect()
gc.freeze()  # as the app does once its window has settled (keep_startup_objects)
young = []
resume = gc.enable

def enable():  # what the first collection after this would walk
    young.append(len(gc.get_objects(0)))
    resume()

gc.enable = enable
import_sdk()
print(young[0], gc.isenabled())
"""


def test_the_collector_resumes_with_the_sdk_set_aside() -> None:
    """The SDK's import makes ~100,000 objects with the collector paused; they are set
    aside before it resumes, or the first collection after it walks them all at once
    (that stalled the window 60-160 ms at a server's first start)."""
    import subprocess
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    out = subprocess.run(
        [sys.executable, "-c", YOUNG_WHEN_COLLECTOR_RESUMES.format(root=root)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split()
    young, enabled = int(out[0]), out[1]
    assert enabled == "True"
    assert young < 1_000, f"{young} objects in the youngest generation"


class _WatchedFolders(list[Path]):
    """Folders to look for a command in, noting the thread that looks."""

    def __init__(self, folders: list[Path]) -> None:
        super().__init__(folders)
        self.looked_from: set[str] = set()

    def __iter__(self) -> Iterator[Path]:
        self.looked_from.add(threading.current_thread().name)
        return super().__iter__()


async def test_looking_for_a_servers_command_happens_off_the_window_thread(
    mcp_manager_factory: Callable[..., McpServerManager], tmp_path: Path
) -> None:
    """Finding `npx` stats every folder on PATH and the usual install places: on a busy
    machine that held the window 10-40 ms when a server started."""
    folders = _WatchedFolders([tmp_path / "nvm", tmp_path / "cargo"])
    manager = mcp_manager_factory(
        environ={"PATH": str(tmp_path), "HOME": str(tmp_path)}, folders=folders
    )
    await manager.save_server(ServerConfig("files", Transport.STDIO, command="npx"))
    status = await manager.ensure_started("files")
    assert status.state is ServerState.FAILED
    assert "The command npx was not found on this computer." in str(status.message)
    assert folders.looked_from and threading.main_thread().name not in folders.looked_from
