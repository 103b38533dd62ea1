"""Turns a chat event stream into Qt signals, at most one repaint per ~30 ms.

Appending every token to a text widget costs milliseconds each; at hundreds of tokens per
second that freezes the window. Deltas are buffered and flushed on a timer instead. One
tick shows as much text as fits in FLUSH_BUDGET_S (the cost per character is measured as
it goes), so a tick never stalls the window however fast the server is.
The buffer is always drained before ``finished``/``failed``/``stopped`` fire (a finished
answer drains tick by tick, a stopped or failed one at once), so no token is ever lost
to throttling.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator
from contextlib import aclosing

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta
from desktop.ui.tasks import TaskOwner

FLUSH_INTERVAL_MS = 30
FLUSH_BUDGET_S = 0.008
MIN_FLUSH_CHARS = 512
YIELD_AFTER_S = 0.003
"""A fast stream hands the loop back this often, so the window keeps painting."""
log = logging.getLogger(__name__)


class StreamBridge(QObject):
    textFlushed = Signal(str)
    thinkingFlushed = Signal(str)
    finished = Signal(object)  # Done
    failed = Signal(object)  # ProviderError
    stopped = Signal()

    def __init__(self, tasks: TaskOwner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._task: asyncio.Task[None] | None = None
        self._text: list[str] = []
        self._thinking: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._done: Done | None = None  # the stream ended; emitted once the buffer drains
        self._char_seconds = 1e-6  # what showing one character costs (moving average)

    @property
    def running(self) -> bool:
        """True while the stream runs or its last text is still being shown."""
        return (self._task is not None and not self._task.done()) or self._done is not None

    def start(self, events: AsyncGenerator[ChatEvent, None]) -> None:
        if self.running:
            raise RuntimeError("a stream is already running")
        self._timer.start()
        self._task = self._tasks.spawn(self._pump(events), name="chat-stream")

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        elif self._done is not None:
            self._finish()  # the answer is complete: show the rest at once

    async def _pump(self, events: AsyncGenerator[ChatEvent, None]) -> None:
        try:
            async with aclosing(events):  # close the stream inside this task, not in GC
                resumed = time.perf_counter()
                async for event in events:
                    # Buffered data never suspends the task; without this a local server
                    # sending at full speed would starve Qt's timers and painting.
                    if time.perf_counter() - resumed >= YIELD_AFTER_S:
                        await asyncio.sleep(0)
                        resumed = time.perf_counter()
                    if isinstance(event, TextDelta):
                        self._text.append(event.text)
                    elif isinstance(event, ThinkingDelta):
                        self._thinking.append(event.text)
                    elif isinstance(event, Done):
                        self._done = event
                        return
        except asyncio.CancelledError:
            self._end()
            self.stopped.emit()
            raise
        except ProviderError as error:
            self._end()
            self.failed.emit(error)
            return
        except Exception as error:
            log.exception("chat stream failed unexpectedly")
            self._end()
            self.failed.emit(ProviderError(f"Unexpected error: {error}"))
            return
        self._done = Done()

    def _end(self) -> None:
        self._timer.stop()
        self.flush()

    def _tick(self) -> None:
        limit = max(MIN_FLUSH_CHARS, int(FLUSH_BUDGET_S / self._char_seconds))
        started = time.perf_counter()
        shown = self.flush(limit)
        if shown >= MIN_FLUSH_CHARS:
            cost = (time.perf_counter() - started) / shown
            self._char_seconds = 0.7 * self._char_seconds + 0.3 * cost
        if self._done is not None and not self._text:
            self._finish()

    def _finish(self) -> None:
        done, self._done = self._done, None
        self._end()
        if done is not None:
            self.finished.emit(done)

    def flush(self, limit: int | None = None) -> int:
        """Emit what is buffered (at most ``limit`` characters of text); returns how many."""
        if self._thinking:
            chunk = "".join(self._thinking)
            self._thinking.clear()
            self.thinkingFlushed.emit(chunk)
        if self._text:
            chunk = "".join(self._text)
            self._text.clear()
            if limit is not None and len(chunk) > limit:
                self._text.append(chunk[limit:])
                chunk = chunk[:limit]
            self.textFlushed.emit(chunk)
            return len(chunk)
        return 0
