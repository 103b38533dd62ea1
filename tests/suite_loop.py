"""The tests' event loop: qasync's, but asyncio callbacks run only while it runs.

pytest-asyncio runs a test in pieces (each fixture's setup, the test, each teardown), each
a ``run_until_complete``; between them qasync and pytest-qt process Qt events with no loop
running. qasync's callbacks are Qt timers, so they fired there too: a task stepped outside
any loop, and asyncio refused it ("no running event loop"; aiohttp's request writer left
"never awaited"). The app never sees this: its loop runs from start to quit. Here
callbacks that come due between runs wait for the loop's next run, as on asyncio's own
loops, where the fixtures' teardown cancels them in order.
"""

from __future__ import annotations

import asyncio
from typing import Any

import qasync
from PySide6.QtCore import QTimerEvent


class _TimerHeldBetweenRuns(qasync._SimpleTimer):  # type: ignore[misc]
    def __init__(self, loop: SuiteLoop) -> None:
        super().__init__()
        self._loop = loop
        self._held: list[asyncio.Handle] = []

    def timerEvent(self, event: QTimerEvent) -> None:
        if self._loop.is_running() or self._stopped:
            super().timerEvent(event)
            return
        timer_id = event.timerId()
        self.killTimer(timer_id)
        self._held.append(self._SimpleTimer__callbacks.pop(timer_id))

    def release(self) -> None:
        """Queue the held callbacks again, in the order they came due."""
        held, self._held = self._held, []
        for handle in held:
            if not handle.cancelled():
                self.add_callback(handle)


class SuiteLoop(qasync.QEventLoop):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._timer = _TimerHeldBetweenRuns(self)

    def run_forever(self) -> Any:
        self._timer.release()
        return super().run_forever()
