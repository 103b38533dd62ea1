"""The prompt library as the window sees it: Parley's built-in prompts in the language in
use, then the person's own, and the one library window.

Created once by the app (desktop/app.py) and handed to the composer, the chat settings
panel and Settings; each subscribes to ``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.prompt_library import Kind, Prompt
from desktop.core.prompt_presets import builtin_prompts
from desktop.core.text import CONTEXT
from desktop.storage.prompt_library_file import PromptLibraryStore


def _translate(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, key)


class PromptBook(QObject):
    changed = Signal()
    """The person's prompts changed (saved); lists and combos read them again."""

    def __init__(self, store: PromptLibraryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.window: QWidget | None = None
        store.subscribe(self.changed.emit)

    def prompts(self, kind: Kind | None = None) -> list[Prompt]:
        """Built-in prompts first (translated now), then the person's, of ``kind`` or all."""
        every = builtin_prompts(_translate) + self.store.prompts
        return [p for p in every if kind is None or p.kind == kind]

    def own(self) -> list[Prompt]:
        return self.store.prompts

    def show_window(self, parent: QWidget | None = None, *, kind: Kind = "prompt") -> QWidget:
        """The library window, made the first time and raised after that."""
        from desktop.ui.chat.prompts.prompt_library_window import PromptLibraryWindow

        if self.window is None:
            self.window = PromptLibraryWindow(self, parent)
        window = self.window
        assert isinstance(window, PromptLibraryWindow)
        window.show_kind(kind)
        window.show()
        window.raise_()
        window.activateWindow()
        return window
