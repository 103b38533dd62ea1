"""The Settings page's own tasks: started through the app's TaskOwner, awaited by idle()."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from desktop.ui.tasks import TaskOwner


class PageTasks:
    def __init__(self, tasks: TaskOwner) -> None:
        self._tasks = tasks
        self._pending: set[asyncio.Task[Any]] = set()

    def run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = self._tasks.spawn(coro, name="settings")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return task

    async def idle(self) -> None:
        """Wait until every action the page started has finished."""
        while self._pending:
            await asyncio.wait(set(self._pending))
