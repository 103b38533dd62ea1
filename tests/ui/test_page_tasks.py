"""The Settings page's actions: idle() returns once everything the page started is done,
including actions started while waiting; a failed action does not hang it."""

from __future__ import annotations

import asyncio

from desktop.ui.page_tasks import PageTasks
from desktop.ui.tasks import TaskOwner


async def test_idle_waits_for_every_action_even_ones_started_meanwhile() -> None:
    owner = TaskOwner()
    page = PageTasks(owner)
    done: list[str] = []

    async def save_key() -> None:
        await asyncio.sleep(0.05)
        done.append("key")
        page.run(check_connection())  # saving starts a check, as the form does

    async def check_connection() -> None:
        await asyncio.sleep(0.05)
        done.append("check")

    async def broken() -> None:
        raise OSError("keyring locked")

    page.run(save_key())
    page.run(broken())
    await asyncio.wait_for(page.idle(), timeout=5)
    assert done == ["key", "check"]
    assert owner.running == 0


async def test_idle_with_nothing_started_returns_at_once() -> None:
    await asyncio.wait_for(PageTasks(TaskOwner()).idle(), timeout=0.5)
