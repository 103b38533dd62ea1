"""Owns an answer's stream task and turns its events into Qt signals, one per event.

It neither buffers nor paces: the answer renderer (render/answer_renderer) keeps what
arrived and draws it in frames. A local server sending at full speed never suspends the
task on its own (its data is buffered already), so the pump hands the event loop back
every YIELD_AFTER_S: the window keeps painting and the renderer's clock keeps running.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator
from contextlib import aclosing

from PySide6.QtCore import QObject, Signal, SignalInstance

from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta, ToolCallDelta
from desktop.core.tool_turns import ToolLoopStopped, ToolStepEvent
from desktop.ui.tasks import TaskOwner

YIELD_AFTER_S = 0.002
"""A fast stream hands the loop back this often, so the window keeps painting."""
log = logging.getLogger(__name__)


class StreamBridge(QObject):
    textArrived = Signal(str)
    thinkingArrived = Signal(str)
    finished = Signal(object)  # Done
    failed = Signal(object)  # ProviderError
    stopped = Signal()
    toolEvent = Signal(object)  # a ToolCallDelta, ToolStepEvent or ToolLoopStopped

    def __init__(self, tasks: TaskOwner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._task: asyncio.Task[None] | None = None
        self._ending: tuple[SignalInstance, tuple[object, ...]] | None = None
        """How the stream ended, said once its task is over."""
        self._running = False

    @property
    def running(self) -> bool:
        """True from start until the stream has said how it ended."""
        return self._running

    def start(
        self, events: AsyncGenerator[ChatEvent | ToolStepEvent | ToolLoopStopped, None]
    ) -> None:
        if self.running:
            raise RuntimeError("a stream is already running")
        self._ending = None
        self._running = True
        self._task = self._tasks.spawn(self._pump(events), name="chat-stream")
        self._task.add_done_callback(self._say_how_it_ended)

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def _pump(
        self, events: AsyncGenerator[ChatEvent | ToolStepEvent | ToolLoopStopped, None]
    ) -> None:
        done = Done()
        try:
            async with aclosing(events):  # close the stream inside this task, not in GC
                resumed = time.perf_counter()
                async for event in events:
                    if isinstance(event, TextDelta):
                        self.textArrived.emit(event.text)
                    elif isinstance(event, ThinkingDelta):
                        self.thinkingArrived.emit(event.text)
                    elif isinstance(event, Done):
                        done = event
                        break
                    elif isinstance(event, ToolStepEvent | ToolLoopStopped | ToolCallDelta):
                        self.toolEvent.emit(event)
                    # Only after the event is passed on: a Stop landing here loses nothing.
                    if time.perf_counter() - resumed >= YIELD_AFTER_S:
                        await asyncio.sleep(0)
                        resumed = time.perf_counter()
        except ProviderError as error:
            self._ending = (self.failed, (error,))
            return
        except Exception as error:
            log.exception("chat stream failed unexpectedly")
            self._ending = (self.failed, (ProviderError(f"Unexpected error: {error}"),))
            return
        self._ending = (self.finished, (done,))

    def _say_how_it_ended(self, task: asyncio.Task[None]) -> None:
        """Once the task is over (``running`` is False in the slots): finished, failed,
        or stopped (also when a Stop came before the stream's first step)."""
        if task is not self._task:
            return
        signal, arguments = self._ending or (self.stopped, ())
        self._ending = None
        self._running = False
        signal.emit(*arguments)
