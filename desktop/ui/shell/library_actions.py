"""The app menu's ways into the two libraries: saved prompts and stored documents.

Both libraries also open from Settings (Prompts, Documents) and from the chat; the menu
entries are there so a person who looks for them in the menu bar finds them. Each entry
shows once its library is given to the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from desktop.ui.chat.prompts.prompt_book import PromptBook
    from desktop.ui.documents.library import DocumentLibrary


class LibraryActions(QObject):
    def __init__(self, window: QWidget, menu: QMenu, before: QAction) -> None:
        super().__init__(window)
        self._window = window
        self.prompts = QAction(window)
        self.documents = QAction(window)
        for action in (self.prompts, self.documents):
            action.setVisible(False)
        menu.insertActions(before, [self.prompts, self.documents])
        menu.insertSeparator(before)
        self._prompt_book: PromptBook | None = None
        self._library: DocumentLibrary | None = None
        self.prompts.triggered.connect(self._open_prompts)
        self.documents.triggered.connect(self._open_documents)
        self.retranslate()

    def retranslate(self) -> None:
        self.prompts.setText(self.tr("&Prompt library…"))
        self.documents.setText(self.tr("&Document library…"))

    def use_prompts(self, book: PromptBook) -> None:
        self._prompt_book = book
        self.prompts.setVisible(True)

    def use_documents(self, library: DocumentLibrary) -> None:
        self._library = library
        self.documents.setVisible(True)

    def _open_prompts(self) -> None:
        if self._prompt_book is not None:
            self._prompt_book.show_window(self._window)

    def _open_documents(self) -> None:
        from desktop.ui.documents.library_window import show_library

        if self._library is not None:
            show_library(self._library, self._window)
