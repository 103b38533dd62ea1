"""Turns a chat event stream into Qt signals, shown in frames and slices, never per token.

Appending every token to a text widget costs milliseconds each; at hundreds of tokens per
second that freezes the window. Deltas are buffered instead. A steady stream is shown once
per 30 ms frame. When more has arrived than one slice can show in SLICE_BUDGET_S (a fast
local server), the rest follows in further slices right after the event loop has had a
turn, so the window catches up as fast as it can draw without ever being held for longer
than a slice (pieces of text are shown until its time is used up).
The buffer is always drained before ``finished``/``failed``/``stopped`` fire (a finished
answer drains slice by slice, a stopped or failed one at once), so no token is ever lost
to throttling.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator
from contextlib import aclosing

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta
from desktop.ui.tasks import TaskOwner

FRAME_MS = 30
SLICE_BUDGET_S = 0.001
PIECE_CHARS = 1024
FIRST_PIECE_CHARS = 128
"""The answer's first piece: laying out its first block costs the most."""
YIELD_AFTER_S = 0.0008
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
        self._ended = False
        """Whether the running stream has said how it ended."""
        self._text: list[str] = []
        self._thinking: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._show_slice)
        self._catch_up = QTimer(self)  # the next slice of a backlog, after the loop's turn
        self._catch_up.setSingleShot(True)
        self._catch_up.setInterval(0)
        self._catch_up.timeout.connect(self._show_slice)
        self._done: Done | None = None  # the stream ended; emitted once the buffer drains
        self._piece = PIECE_CHARS  # characters per piece of a slice

    @property
    def running(self) -> bool:
        """True while the stream runs or its last text is still being shown."""
        return (self._task is not None and not self._task.done()) or self._done is not None

    def start(self, events: AsyncGenerator[ChatEvent, None]) -> None:
        if self.running:
            raise RuntimeError("a stream is already running")
        self._timer.start()
        self._piece = FIRST_PIECE_CHARS
        self._task = self._tasks.spawn(self._pump(events), name="chat-stream")
        self._task.add_done_callback(self._cancelled_unstarted)
        self._ended = False

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
                    if isinstance(event, TextDelta):
                        self._text.append(event.text)
                    elif isinstance(event, ThinkingDelta):
                        self._thinking.append(event.text)
                    elif isinstance(event, Done):
                        self._done = event
                        return
                    # Buffered data never suspends the task; without this a local server
                    # sending at full speed would starve Qt's timers and painting. Only
                    # after the event is kept: a Stop landing here must not lose it.
                    if time.perf_counter() - resumed >= YIELD_AFTER_S:
                        await asyncio.sleep(0)
                        resumed = time.perf_counter()
        except asyncio.CancelledError:
            self._ended = True
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

    def _cancelled_unstarted(self, task: asyncio.Task[None]) -> None:
        """A Stop before the stream's first step: its task never ran to say it stopped."""
        if task.cancelled() and not self._ended and task is self._task:
            self._end()
            self.stopped.emit()

    def _end(self) -> None:
        self._timer.stop()
        self._catch_up.stop()
        self.flush()

    def _show_slice(self) -> None:
        """Show buffered text a piece at a time while the next piece, costing what the
        last one did, still fits in the slice's time (at least one piece per slice)."""
        started = last_piece = time.perf_counter()
        piece_cost = 0.0
        while self._text or self._thinking:
            self.flush(self._piece)
            self._piece = PIECE_CHARS
            now = time.perf_counter()
            piece_cost, last_piece = now - last_piece, now
            if now - started + piece_cost > SLICE_BUDGET_S:
                break
        if self._text or self._thinking:
            self._catch_up.start()
        elif self._done is not None:
            self._finish()

    def _finish(self) -> None:
        done, self._done = self._done, None
        self._end()
        if done is not None:
            self.finished.emit(done)

    def flush(self, limit: int | None = None) -> int:
        """Emit what is buffered, thinking first (at most ``limit`` characters in all);
        returns how many characters were emitted."""
        shown = self._emit(self._thinking, self.thinkingFlushed, limit)
        if limit is not None:
            limit -= shown
            if limit <= 0:
                return shown
        return shown + self._emit(self._text, self.textFlushed, limit)

    @staticmethod
    def _emit(buffer: list[str], signal: SignalInstance, limit: int | None) -> int:
        if not buffer:
            return 0
        chunk = "".join(buffer)
        buffer.clear()
        if limit is not None and len(chunk) > limit:
            buffer.append(chunk[limit:])
            chunk = chunk[:limit]
        signal.emit(chunk)
        return len(chunk)
