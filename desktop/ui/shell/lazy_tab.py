"""A tab whose page is built the first time it is shown or asked for.

Until then the tab holds an empty placeholder, so a pane nobody opens costs neither its
imports nor its construction at startup. The page replaces the placeholder before the
tab paints, so nobody sees the placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtWidgets import QTabWidget, QWidget

Page = TypeVar("Page", bound=QWidget)


class LazyTab(QObject, Generic[Page]):
    def __init__(self, tabs: QTabWidget, title: str, build: Callable[[], Page]) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._build = build
        self._page: Page | None = None
        self._placeholder: QWidget | None = QWidget()
        tabs.addTab(self._placeholder, title)
        tabs.currentChanged.connect(self._current_changed)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> Page:
        """The page, built now if it was not yet (the tab keeps its place and title)."""
        if self._page is None:
            self._page = self._build()
            self._swap_in(self._page)
        return self._page

    def _swap_in(self, page: Page) -> None:
        tabs, placeholder = self._tabs, self._placeholder
        assert placeholder is not None
        self._placeholder = None
        tabs.currentChanged.disconnect(self._current_changed)
        index = tabs.indexOf(placeholder)
        with QSignalBlocker(tabs):  # the current tab stays the same: nobody need hear of it
            current = tabs.currentIndex()
            title = tabs.tabText(index)
            tabs.removeTab(index)
            tabs.insertTab(index, page, title)
            tabs.setCurrentIndex(current)
        placeholder.deleteLater()

    def _current_changed(self, index: int) -> None:
        if self._placeholder is not None and self._tabs.widget(index) is self._placeholder:
            self.page()
