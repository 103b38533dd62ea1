"""A dedicated asyncio loop in a background thread, where every MCP session lives.

The SDK runs on anyio, stdio servers are subprocesses, and starting one (spawn, imports,
handshake) must never stall the window. Keeping the sessions on their own loop keeps all
of that off the UI thread and away from qasync (whose loop is not where subprocess
transports are known to work); the UI awaits results with :meth:`WorkerLoop.run`.
Cancelling the awaiting task cancels the coroutine on the worker loop.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class WorkerLoop:
    def __init__(self, name: str = "mcp-servers") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The worker's loop, started on first use."""
        with self._lock:
            if self._loop is None:
                ready = threading.Event()
                loop = _plain_loop()

                def serve() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()
                    left = asyncio.all_tasks(loop)  # a stderr reader of a server that hung
                    for task in left:
                        task.cancel()
                    loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
                    loop.run_until_complete(loop.shutdown_asyncgens())
                    loop.close()

                self._thread = threading.Thread(target=serve, name=self._name, daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    @property
    def started(self) -> bool:
        return self._loop is not None

    def in_worker(self) -> bool:
        return self._thread is not None and threading.current_thread() is self._thread

    async def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the worker loop and await its result here."""
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return await asyncio.wrap_future(future)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the loop (after the sessions were closed) and wait for its thread."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)


IMPORT_SWITCH_INTERVAL = 0.0005
"""Seconds a thread may hold the GIL while another waits, during the SDK's import.

Python's default is 5 ms. Each time the window's thread enters Python (a timer, a paint,
an event filter) it may wait that long for the importing thread, and one frame enters
Python many times: the first start stalled the window 30-64 ms. At 0.5 ms it stalls
24-35 ms, and the import takes no longer (bench/mcp_start.py)."""


def import_sdk() -> None:
    """Import the MCP SDK (on the worker thread, once): ~1.3 s and a six-figure number of
    objects. The cyclic collector is paused meanwhile, and when the app has set its startup
    objects aside (desktop.app.keep_startup_objects) the SDK's join them before it resumes:
    a collection walking them holds the GIL, and so the window, for tens of ms. The GIL
    changes hands more often meanwhile (:data:`IMPORT_SWITCH_INTERVAL`)."""
    if "mcp.client.client" in sys.modules:
        return
    collecting = gc.isenabled()
    switching = sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(IMPORT_SWITCH_INTERVAL)
    try:
        import mcp.client.client
        import mcp.client.streamable_http  # noqa: F401
    finally:
        sys.setswitchinterval(switching)
        if gc.get_freeze_count():  # the app set its startup heap aside: the SDK joins it
            # Before the collector is on again: with it off, all of the SDK's objects are
            # still in the youngest generation, and the first collection after enabling
            # walked them all at once (60-160 ms, on whichever thread allocated next).
            gc.freeze()
        if collecting:
            gc.enable()


def _plain_loop() -> asyncio.AbstractEventLoop:
    """asyncio's own loop, whatever policy the UI installed (qasync's makes Qt loops,
    which cannot run outside the main thread); the proactor on Windows runs subprocesses."""
    if sys.platform == "win32":  # pragma: no cover
        return asyncio.ProactorEventLoop()
    return asyncio.SelectorEventLoop()
