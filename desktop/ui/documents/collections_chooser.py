"""Which document collections a conversation draws on (a row of the chat settings).

A button names the choice ("None", "Manuals", "2 collections") and opens a menu: a
checkable entry per collection, then "Manage collections…" (the library window). The
choice is the conversation's ``ChatParameters.collections`` (collection ids as text);
a collection deleted since is dropped from what is shown and sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from desktop.documents.collections import Collection
from desktop.ui.documents.library import DocumentLibrary
from desktop.ui.icons import icon
from desktop.ui.strings import number


class CollectionsChooser(QToolButton):
    choiceChanged = Signal()
    """The person ticked or unticked a collection (read :meth:`choice`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collectionsChooser")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIcon(icon("file-text", "muted"))
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill_menu)
        self.setMenu(self.menu_)
        self._library: DocumentLibrary | None = None
        self.chosen: tuple[str, ...] = ()
        self.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Document collections this conversation draws on"))
        self._name_choice()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.setIcon(icon("file-text", "muted"))

    def use_library(self, library: DocumentLibrary) -> None:
        self._library = library
        self.setEnabled(True)
        library.changed.connect(self._name_choice)
        self._name_choice()

    def load(self, collections: Sequence[str] | None) -> None:
        """A conversation's saved choice (not reported as a change)."""
        self.chosen = tuple(collections or ())
        self._name_choice()

    def choice(self) -> tuple[str, ...] | None:
        """What to save: the ids ticked that still exist, None for none."""
        alive = {str(c.id) for c in self._collections()}
        kept = tuple(c for c in self.chosen if c in alive or self._library is None)
        return kept or None

    def set_chosen(self, collection_id: int, on: bool) -> None:
        key = str(collection_id)
        rest = tuple(c for c in self.chosen if c != key)
        self.chosen = (*rest, key) if on else rest
        self._name_choice()
        self.choiceChanged.emit()

    def _collections(self) -> list[Collection]:
        return self._library.all_collections() if self._library is not None else []

    def _name_choice(self) -> None:
        names = {str(c.id): c.name for c in self._collections()}
        on = [names[c] for c in self.chosen if c in names]
        if not on:
            self.setText(self.tr("None"))
        elif len(on) == 1:
            self.setText(on[0])
        else:
            self.setText(self.tr("{count} collections").format(count=number(len(on))))
        self.setToolTip(", ".join(on))

    def _fill_menu(self) -> None:
        self.menu_.clear()
        collections = self._collections()
        for collection in collections:
            action = self.menu_.addAction(collection.name)
            action.setCheckable(True)
            action.setChecked(str(collection.id) in self.chosen)
            action.toggled.connect(
                lambda on, collection_id=collection.id: self.set_chosen(collection_id, on)
            )
        if not collections:
            empty = self.menu_.addAction(self.tr("No collections yet"))
            empty.setEnabled(False)
        self.menu_.addSeparator()
        manage = self.menu_.addAction(self.tr("Manage collections…"))
        manage.triggered.connect(self.manage)

    def manage(self) -> None:
        if self._library is None:
            return
        from desktop.ui.documents.library_window import show_library

        show_library(self._library, self.window())
