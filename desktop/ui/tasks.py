"""Owning asyncio tasks started from Qt code.

qasync's ``asyncSlot`` can't be cancelled and breaks on argument-less signals, and a task
nobody references may be garbage-collected mid-flight. ``TaskOwner`` keeps a strong
reference to every task it starts, logs failures nobody awaited, and cancels the lot on
shutdown. Once shutdown has begun, a task started by a late signal (a provider list
rebuilt as it closes, a timer that was already due) is cancelled before it runs: it would
only meet closed connections.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class TaskOwner:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closing = False

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str = "") -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        if self._closing:
            task.cancel()
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every task, including those started while the others wind down, and
        any started from now on."""
        self._closing = True
        while self._tasks:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
