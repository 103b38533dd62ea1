"""A real Parley window wired to real services, pointed at the Ollama test server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from desktop.app import AppServices
from desktop.ui.render.markdown_view import MarkdownView
from desktop.ui.shell.main_window import MainWindow


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Poll on the running (qasync) loop; never a nested Qt loop inside a coroutine."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


def growing_block(body: object) -> str:
    """What an answer shows of its block still growing ("" when it shows none)."""
    assert isinstance(body, MarkdownView)
    view = body.tail_view
    return view.toPlainText() if view is not None and view.isVisible() else ""


@pytest.fixture
async def open_window(qtbot: object) -> AsyncIterator[Callable[[], MainWindow]]:
    """Factory: builds services + window from the environment, as `python -m desktop` does."""
    opened: list[AppServices] = []

    def factory() -> MainWindow:
        services = AppServices.create()
        opened.append(services)
        window = services.build_window()
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        return window

    yield factory
    for services in opened:
        await services.aclose()
