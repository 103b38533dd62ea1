"""The app's asyncio loop: qasync's, with asyncio's ready queue and async-generator hooks.

**Two timers, like asyncio's own loop.** qasync starts a Qt timer for every callback,
``call_soon`` included, and a cancelled one still fires when it comes due: a streamed token
passed through about five of them, and each read rescheduled the response's read timeout,
so thousands of dead timers waited in Qt's sorted timer list. Here callbacks that are ready
wait in one queue, run in order by a single zero-delay timer (what becomes ready while the
queue runs waits for the next turn, so Qt's painting and input still come between turns);
delayed ones wait in a heap behind one timer set for the earliest, and cancelled ones are
dropped from it. Callbacks run only while the loop runs (asyncio's rule; between two
``run_until_complete`` calls they wait).

**Async-generator hooks.** qasync never calls ``sys.set_asyncgen_hooks``, so an async
generator that is dropped half-read (an HTTP stream, say) is finalised by the garbage
collector outside any task, where httpx/anyio cannot run their clean-up. With the hooks,
its ``aclose()`` is scheduled on the loop like on a standard asyncio loop, and
``shutdown_asyncgens`` works at exit.

**Reads in small bites.** asyncio reads up to 256 KiB from a socket in one callback, and
the protocol parses all of it before the callback returns. A local server at full speed
fills that at once: a 60 KiB read of a streamed answer was 13 ms of parsing in one turn,
with no paint between. Sockets on this loop read at most :data:`READ_BYTES` a turn; the
rest is read in the next turns (the socket is still readable).
"""

from __future__ import annotations

import asyncio
import contextvars
import heapq
import math
import sys
from collections import deque
from collections.abc import Callable
from typing import Any

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

READ_BYTES = 16 * 1024
"""The most one socket read takes in a turn (~2 ms of HTTP and JSON parsing)."""


def _set_scheduled(handle: asyncio.TimerHandle, scheduled: bool) -> None:
    """asyncio's own flag: a handle tells its loop it was cancelled only while it is set."""
    setattr(handle, "_scheduled", scheduled)  # noqa: B010 (private, not in the stubs)


class EventLoop(qasync.QEventLoop):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ready: deque[asyncio.Handle] = deque()
        self._turn = QTimer()
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._run_ready)
        self._scheduled: list[asyncio.TimerHandle] = []
        self._dropped = 0  # cancelled handles still in the heap
        self._due = QTimer()
        self._due.setSingleShot(True)
        self._due.timeout.connect(self._take_due)

    def call_soon(
        self,
        callback: Callable[..., object],
        *args: Any,
        context: contextvars.Context | None = None,
    ) -> asyncio.Handle:
        handle = asyncio.Handle(callback, args, self, context=context)
        if self.is_closed():
            return handle  # as in qasync: what a thread hands over after close is dropped
        self._ready.append(handle)
        if not self._turn.isActive():
            self._turn.start()  # fires once the loop runs (a turn while stopped waits)
        return handle

    def call_later(
        self,
        delay: float,
        callback: Callable[..., object],
        *args: Any,
        context: contextvars.Context | None = None,
    ) -> asyncio.Handle:
        if delay <= 0:
            return self.call_soon(callback, *args, context=context)
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(
        self,
        when: float,
        callback: Callable[..., object],
        *args: Any,
        context: contextvars.Context | None = None,
    ) -> asyncio.TimerHandle:
        handle = asyncio.TimerHandle(when, callback, args, self, context=context)
        if self.is_closed():
            return handle
        heapq.heappush(self._scheduled, handle)
        _set_scheduled(handle, True)
        if self._scheduled[0] is handle:
            self._set_due()
        return handle

    def _make_socket_transport(self, *args: Any, **kwargs: Any) -> asyncio.Transport:
        """asyncio's hook for every new connection: its reads are cut to READ_BYTES."""
        transport = super()._make_socket_transport(*args, **kwargs)
        transport.max_size = READ_BYTES
        return transport  # type: ignore[no-any-return]

    @property
    def waiting_timers(self) -> int:
        """Delayed callbacks held, cancelled ones not yet dropped included."""
        return len(self._scheduled)

    def _timer_handle_cancelled(self, handle: asyncio.TimerHandle) -> None:
        """asyncio's hook: a scheduled handle was cancelled (it leaves the heap later)."""
        self._dropped += 1
        if self._dropped > 64 and self._dropped * 2 > len(self._scheduled):
            kept = []
            for waiting in self._scheduled:
                if waiting.cancelled():
                    _set_scheduled(waiting, False)
                else:
                    kept.append(waiting)
            heapq.heapify(kept)
            self._scheduled, self._dropped = kept, 0

    def _set_due(self) -> None:
        """Set the timer for the earliest handle that is still wanted."""
        heap = self._scheduled
        while heap and heap[0].cancelled():
            _set_scheduled(heapq.heappop(heap), False)
            self._dropped -= 1
        if not heap:
            self._due.stop()
            return
        wait_ms = max(0, math.ceil((heap[0].when() - self.time()) * 1000))
        if not self._due.isActive() or self._due.remainingTime() > wait_ms:
            self._due.start(wait_ms)

    def _take_due(self) -> None:
        """Move the handles that came due to the ready queue, and run it."""
        if not self.is_running():
            return
        heap, now = self._scheduled, self.time() + self._clock_resolution
        while heap and (heap[0].cancelled() or heap[0].when() <= now):
            handle = heapq.heappop(heap)
            _set_scheduled(handle, False)
            if handle.cancelled():
                self._dropped -= 1
            else:
                self._ready.append(handle)
        self._set_due()
        self._run_ready()

    def _run_ready(self) -> None:
        """One turn: the callbacks ready when it began, in order."""
        if not self.is_running():
            return  # they wait for the next run (run_forever starts the turn again)
        for _ in range(len(self._ready)):
            handle = self._ready.popleft()
            if not handle.cancelled():
                handle._run()
        if self._ready and self.is_running():
            self._turn.start()

    def run_forever(self) -> Any:
        # Set before Qt's loop starts, so they fire in its first turn: a step that waited
        # between runs comes before anything else queued meanwhile (deferred deletions).
        if self._ready:
            self._turn.start()
        self._set_due()
        return super().run_forever()

    def close(self) -> None:
        self._turn.stop()
        self._due.stop()
        self._ready.clear()
        self._scheduled.clear()
        super().close()


def make_event_loop(app: QApplication, loop_type: type[EventLoop] = EventLoop) -> EventLoop:
    """``loop_type``: an EventLoop subclass (the tests' holds timers between runs)."""
    loop = loop_type(app)
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # asyncio's own hooks (private API)
        finalizer=loop._asyncgen_finalizer_hook,
    )
    return loop
