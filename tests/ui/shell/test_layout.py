"""Every page fits every window size, in English and Chinese, light and dark.

At 1024x640, 1180x760 and 1920x1080 the window must keep the size it was given (its
minimum fits inside), no control may be cut off by its container or squeezed below its
minimum size, and no label's text may be cut (a label that elides sets text that fits).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QWidget,
)

from desktop.ui.shell.main_window import CHATS, MODELS, SETTINGS, MainWindow
from desktop.ui.theme import DARK, LIGHT
from desktop.ui.translations import CHINESE, ENGLISH
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama
from tests.ui.conftest import wait_until
from tests.ui.test_accessibility import INTERACTIVE, is_part_of_another_control
from tests.ui.test_i18n import compiled_catalog  # noqa: F401 (builds the Chinese catalog)

SIZES = ((1024, 640), (1180, 760), (1920, 1080))
PAGES = (CHATS, MODELS, SETTINGS)
SLACK = QSize(1, 1)
"""A pixel of rounding (fractional font metrics, CJK line heights) is not a squeeze."""
LONG_MODELS = (
    ScriptedModel("hf.co/unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M"),
    ScriptedModel("qwen3:4b-instruct-2507-q4_K_M", ("completion", "vision")),
    ScriptedModel("nomic-embed-text:latest", ("embedding",)),
)


def in_scrolled_content(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: out of view is a scroll away, not cut off."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def describe(widget: QWidget) -> str:
    path, node = [], widget
    while node is not None and len(path) < 4:
        path.append(type(node).__name__ + (f"#{node.objectName()}" if node.objectName() else ""))
        node = node.parentWidget()
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return " < ".join(path) + (f" {text[:40]!r}" if text else "")


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` its ancestors leave visible, in window coordinates."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def layout_problems(window: MainWindow) -> list[str]:
    found = []
    hint = window.minimumSizeHint()
    if hint.width() > window.width() or hint.height() > window.height():
        found.append(f"window needs {hint.width()}x{hint.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        scrolled = in_scrolled_content(widget)
        if isinstance(widget, INTERACTIVE) and not is_part_of_another_control(widget):
            least = widget.minimumSizeHint() - SLACK
            squeezable = isinstance(widget, QAbstractScrollArea)  # its content scrolls
            short = widget.width() < least.width() or widget.height() < least.height()
            if short and not squeezable:
                found.append(
                    f"squeezed {widget.width()}x{widget.height()} < "
                    f"{least.width()}x{least.height()}: {describe(widget)}"
                )
            if not scrolled:
                shown = visible_rect(widget, window)
                if shown.size() != widget.size():
                    found.append(f"cut off {shown.width()}x{shown.height()}: {describe(widget)}")
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.textFormat() == Qt.TextFormat.RichText or widget.pixmap().width():
                continue
            needs = widget.fontMetrics().horizontalAdvance(widget.text())
            room = widget.contentsRect().width() - 2 * max(widget.margin(), 0)
            if needs > room + SLACK.width():
                found.append(f"text cut ({needs} > {room}): {describe(widget)}")
    return found


@pytest.fixture
def long_names(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOllama]:
    server = ScriptedOllama(LONG_MODELS).start()
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    yield server
    server.stop()


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
async def test_every_page_fits_every_size(
    open_window: Callable[[], MainWindow], long_names: ScriptedOllama, language: str
) -> None:
    from desktop.storage.settings import SettingsStore, default_settings_path

    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.language = language
    store.save(settings)
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: LONG_MODELS[0].name in pane.available_models())
    pane.set_model(LONG_MODELS[0].name)
    theme = window._theme
    assert theme is not None
    found: list[str] = []
    try:
        for choice in (LIGHT, DARK):
            theme.set_choice(choice)
            for width, height in SIZES:
                window.resize(width, height)
                for page in PAGES:
                    window.show_page(page)
                    await asyncio.sleep(0.05)  # posted layout requests run
                    assert window.size().toTuple() == (width, height)
                    found += [
                        f"{language} {choice} {width}x{height} {page}: {problem}"
                        for problem in layout_problems(window)
                    ]
    finally:
        theme.set_choice(LIGHT)
    assert not found, "\n".join(dict.fromkeys(found))


async def test_pages_fit_with_ollama_down_and_a_long_error(
    open_window: Callable[[], MainWindow], long_names: ScriptedOllama
) -> None:
    """A long failure in the chat and Ollama's absence must neither widen nor cut anything."""
    long_names.inject(
        path="/api/chat",
        status=500,
        body={"error": "model runner has unexpectedly stopped: " + "out of memory " * 30},
        once=True,
    )
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: LONG_MODELS[0].name in pane.available_models())
    pane.set_model(LONG_MODELS[0].name)
    window.resize(1024, 640)
    pane.composer.setPlainText("Why did it stop?")
    pane.send()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    long_names.stop()
    window._monitor.refresh()
    await wait_until(lambda: window._monitor.status.reachable is False)
    found: list[str] = []
    for page in PAGES:
        window.show_page(page)
        await asyncio.sleep(0.05)
        assert window.size().toTuple() == (1024, 640)
        found += [f"{page}: {problem}" for problem in layout_problems(window)]
    window.provider_status.open_popup()
    await asyncio.sleep(0.05)
    assert window.provider_status.popup.width() <= 1024, "details must not outgrow the window"
    assert not found, "\n".join(dict.fromkeys(found))
