"""The window's pages: what each one is (a descriptor), and a stack that builds them lazily.

A page is listed once, as a :class:`PageSpec`; the navigation rail and the stack both
follow that list, so a new page (Tools, Documents) is one more entry, not more ``if``s.
A page's widget is built the first time it is shown or asked for: a page nobody opens
costs neither its imports nor its construction at startup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget


@dataclass(frozen=True)
class PageSpec:
    key: str
    """Stable id ("chats", "models", "settings")."""
    label: str
    """Short label under the rail icon (already translated)."""
    tooltip: str
    """What the entry opens (already translated); the shortcut is added to it."""
    icon: str
    """Name in desktop.ui.icons."""
    build: Callable[[], QWidget]
    """Makes the page's widget; called once, when the page is first needed."""
    bottom: bool = False
    """Listed at the rail's bottom (Settings), apart from the content pages."""
    outline: Callable[[], QWidget] | None = None
    """A cheap stand-in with the page's shape, shown until the page is built (the first
    paint shows the Chats page's columns before its modules have loaded)."""


class PageStack(QStackedWidget):
    """The pages in one stack; each one's widget built on first need."""

    pageChanged = Signal(str)
    """The key of the page now shown."""

    def __init__(self, specs: list[PageSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = list(specs)
        self._builders = {spec.key: spec.build for spec in specs}
        self._pages: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {}
        for spec in specs:
            slot = spec.outline() if spec.outline else QWidget()  # until the page is built
            slot.setObjectName(f"pageSlot_{spec.key}")
            self._slots[spec.key] = slot
            self.addWidget(slot)
        self.currentChanged.connect(self._current_changed)

    def is_built(self, key: str) -> bool:
        return key in self._pages

    def page(self, key: str) -> QWidget:
        """The page's widget, built now if it was not yet (it keeps its place)."""
        page = self._pages.get(key)
        if page is None:
            page = self._builders[key]()
            self._pages[key] = page
            slot = self._slots.pop(key)
            index = self.indexOf(slot)
            showing = self.currentIndex() == index
            self.blockSignals(True)  # the current page stays the same: nobody need hear of it
            try:
                self.insertWidget(index, page)
                if showing:
                    self.setCurrentWidget(page)
                self.removeWidget(slot)
            finally:
                self.blockSignals(False)
            slot.deleteLater()
        return page

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.setCurrentWidget(page)
        return page

    def current_key(self) -> str:
        current = self.currentWidget()
        for key, page in self._pages.items():
            if page is current:
                return key
        for key, slot in self._slots.items():
            if slot is current:
                return key
        return ""

    def _current_changed(self, _index: int) -> None:
        key = self.current_key()
        if key in self._slots:
            self.page(key)  # shown before it was built: build it in its place, then tell
        self.pageChanged.emit(key)
