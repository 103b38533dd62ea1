"""TaskOwner: background work fails loudly, and quitting stops all of it."""

from __future__ import annotations

import asyncio
import logging

import pytest

from desktop.ui.tasks import TaskOwner


async def test_a_failure_nobody_awaited_is_logged_with_the_task_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    owner = TaskOwner()

    async def broken() -> None:
        raise ValueError("the server said no")

    task = owner.spawn(broken(), name="model-list")
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0)

    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in failures] == ["background task model-list failed"]
    assert isinstance(failures[0].exc_info[1], ValueError)  # type: ignore[index]
    assert owner.running == 0


async def test_cancel_all_stops_running_work_and_work_it_starts_while_stopping() -> None:
    owner = TaskOwner()
    ended: list[str] = []
    late_ran: list[bool] = []

    async def late() -> None:
        late_ran.append(True)

    async def streaming(name: str) -> None:
        try:
            await asyncio.sleep(60)
        finally:
            ended.append(name)
            if name == "answer":  # winding down starts something else, as a signal may
                owner.spawn(late(), name="late")

    owner.spawn(streaming("answer"), name="answer")
    owner.spawn(streaming("pull"), name="pull")
    await asyncio.sleep(0.01)
    assert owner.running == 2

    await asyncio.wait_for(owner.cancel_all(), timeout=5)

    assert sorted(ended) == ["answer", "pull"]
    assert late_ran == [], "work started during shutdown never runs"
    assert owner.running == 0


async def test_work_started_after_shutdown_is_cancelled_before_it_runs() -> None:
    owner = TaskOwner()
    await owner.cancel_all()
    ran: list[bool] = []

    async def refresh() -> None:
        ran.append(True)

    task = owner.spawn(refresh(), name="refresh")
    await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled() and ran == []
