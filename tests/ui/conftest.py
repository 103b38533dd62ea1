"""A real Parley window wired to real services, pointed at the Ollama test server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import AppServices
from desktop.ui.chat.messages.message_list import MessageList
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


class CountingHost:
    """The message list as an answer renderer's host, counting the frames it is told of."""

    def __init__(self, messages: MessageList) -> None:
        self.messages = messages
        self.frames = 0

    @property
    def following(self) -> bool:
        return self.messages.following

    def in_view_px(self) -> int:
        return self.messages.in_view_px()

    def frame_shown(self) -> None:
        self.frames += 1
        self.messages.frame_shown()


def growing_block(body: object) -> str:
    """What an answer shows of its block still growing ("" when it shows none)."""
    assert isinstance(body, MarkdownView)
    view = body.tail_view
    return view.toPlainText() if view is not None and view.isVisible() else ""


@pytest.fixture
async def open_window(qtbot: object) -> AsyncIterator[Callable[[], MainWindow]]:
    """Factory: builds services + window from the environment, as `python -m desktop` does.

    At the end each window closes, then its services, on the loop, as run_app does
    (pytest-qt would close the window after the test's loop has stopped: its stop and
    its saving would run outside the loop)."""
    opened: list[tuple[AppServices, MainWindow]] = []

    def factory() -> MainWindow:
        services = AppServices.create()
        window = services.build_window()
        opened.append((services, window))
        window.show()
        return window

    yield factory
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    quits = application.quitOnLastWindowClosed()
    application.setQuitOnLastWindowClosed(False)  # as main() does: the loop outlives it
    try:
        for services, window in opened:
            window.close()
            await services.aclose()
            window.deleteLater()
    finally:
        application.setQuitOnLastWindowClosed(quits)


@pytest.fixture
def restore_look() -> Iterator[None]:
    """The app's palette, style sheet and light/dark mark as they were, after a test that
    switches the look."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, sheet, dark = app.palette(), app.styleSheet(), app.property("parleyDark")
    yield
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setProperty("parleyDark", dark)
