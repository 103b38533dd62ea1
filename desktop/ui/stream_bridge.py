"""Turns a chat event stream into Qt signals, at most one repaint per ~30 ms.

Appending every token to a text widget costs milliseconds each; at hundreds of tokens per
second that freezes the window. Deltas are buffered and flushed on a timer instead, and
the buffer is always drained before ``finished``/``failed``/``stopped`` fire, so no token
is ever lost to throttling.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta
from desktop.ui.tasks import TaskOwner

FLUSH_INTERVAL_MS = 30
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
        self._timer.timeout.connect(self.flush)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, events: AsyncGenerator[ChatEvent, None]) -> None:
        if self.running:
            raise RuntimeError("a stream is already running")
        self._timer.start()
        self._task = self._tasks.spawn(self._pump(events), name="chat-stream")

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def _pump(self, events: AsyncGenerator[ChatEvent, None]) -> None:
        try:
            async with aclosing(events):  # close the stream inside this task, not in GC
                async for event in events:
                    if isinstance(event, TextDelta):
                        self._text.append(event.text)
                    elif isinstance(event, ThinkingDelta):
                        self._thinking.append(event.text)
                    elif isinstance(event, Done):
                        self._end()
                        self.finished.emit(event)
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
        self._end()
        self.finished.emit(Done())

    def _end(self) -> None:
        self._timer.stop()
        self.flush()

    def flush(self) -> None:
        if self._thinking:
            chunk = "".join(self._thinking)
            self._thinking.clear()
            self.thinkingFlushed.emit(chunk)
        if self._text:
            chunk = "".join(self._text)
            self._text.clear()
            self.textFlushed.emit(chunk)
