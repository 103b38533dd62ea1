"""A page's own tasks (Settings, Tools): started through the app's TaskOwner, so they end
with the app, and awaited together by idle() (tests, and a page closing)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from desktop.ui.tasks import TaskOwner


class PageTasks:
    def __init__(self, tasks: TaskOwner, name: str = "settings") -> None:
        self._tasks = tasks
        self._name = name
        self._pending: set[asyncio.Task[Any]] = set()

    def run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = self._tasks.spawn(coro, name=self._name)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return task

    async def idle(self) -> None:
        """Wait until every action the page started has finished."""
        while self._pending:
            await asyncio.wait(set(self._pending))
