"""The documents of the open conversation as chips in the composer: name, pages, state.

A chip shows "reading", "indexing 40 %", "ready" or a problem; clicking it opens the
documents list (remove, cancel, resume). Under the chips, what waits for the person is
said with a link that does it: choose an embedding model (Settings → Documents), allow a
remote embedding provider, or resume after a failure.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.documents.indexer import DocEntry, DocumentIndexer, Needs, State
from desktop.ui.icons import icon
from desktop.ui.strings import translated

NAME_CHARS = 28
PROGRESS_INSET = 6


def state_text(entry: DocEntry) -> str:
    """ "12 pages · indexing 40 %": what a chip and the list say of a document."""
    states = {
        State.READING: QCoreApplication.translate("DocumentChip", "reading…"),
        State.INDEXING: QCoreApplication.translate("DocumentChip", "indexing {percent} %"),
        State.READY: QCoreApplication.translate("DocumentChip", "ready"),
        State.PAUSED: QCoreApplication.translate("DocumentChip", "paused at {percent} %"),
        State.WAITING: QCoreApplication.translate("DocumentChip", "waiting"),
        State.PROBLEM: QCoreApplication.translate("DocumentChip", "problem"),
    }
    said = states[entry.state].format(percent=entry.percent)
    if entry.pages > 1:
        pages = QCoreApplication.translate("DocumentChip", "{pages} pages · {state}")
        return pages.format(pages=entry.pages, state=said)
    return said


def elided(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


class DocumentChip(QFrame):
    """One document; a click opens the list, ✕ removes it."""

    opened = Signal()
    removeRequested = Signal(int)

    def __init__(self, entry: DocEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = entry.key
        self.setObjectName("documentChip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(6)
        self.icon = QLabel()
        self.icon.setPixmap(icon("file-text", "muted").pixmap(18, 18))
        layout.addWidget(self.icon)
        words = QVBoxLayout()
        words.setSpacing(0)
        self.name = QLabel()
        self.name.setObjectName("documentChipName")
        self.detail = QLabel()
        self.detail.setObjectName("documentChipState")
        words.addWidget(self.name)
        words.addWidget(self.detail)
        layout.addLayout(words)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("documentChipRemove")
        self.remove_button.setIcon(icon("x", "muted"))
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self.key))
        layout.addWidget(self.remove_button)
        self.progress = QFrame(self)  # a thin line along the bottom while indexing
        self.progress.setObjectName("documentChipProgress")
        self._percent = 0
        self.show_entry(entry)

    def show_entry(self, entry: DocEntry) -> None:
        self.name.setText(elided(entry.name))
        self.detail.setText(state_text(entry))
        if self.property("state") != entry.state.value:  # re-polishing costs ms per chip
            self.setProperty("state", entry.state.value)
            self.detail.setProperty("state", entry.state.value)
            for widget in (self, self.detail):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self._percent = entry.percent if entry.state is State.INDEXING else 0
        self._place_progress()
        tip = entry.name + (f"\n{translated(entry.note)}" if entry.note else "")
        self.setToolTip(tip)
        self.remove_button.setToolTip(
            self.tr("Remove {name} from this chat").format(name=entry.name)
        )
        self.remove_button.setAccessibleName(self.tr("Remove document"))

    def _place_progress(self) -> None:
        inner = self.width() - 2 * PROGRESS_INSET
        self.progress.setGeometry(
            PROGRESS_INSET, self.height() - 3, max(2, inner * self._percent // 100), 2
        )
        self.progress.setVisible(self._percent > 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_progress()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit()
        super().mouseReleaseEvent(event)


class _ShowsOwner:
    """Shows one owner's documents; refreshed when the indexer says they changed."""

    owner: str

    def refresh(self) -> None:
        raise NotImplementedError

    def follow(self, owner: str) -> None:
        """The shown documents move to ``owner`` (a new chat was saved): what shows
        stays, rather than all being deleted and built again in the send's turn."""
        self.owner = owner

    def _changed(self, owner: str) -> None:
        if owner == self.owner:
            self.refresh()


class DocumentChips(_ShowsOwner, QFrame):
    """The owner's documents above the composer's text; hidden while there are none."""

    listRequested = Signal()
    settingsRequested = Signal()

    def __init__(self, indexer: DocumentIndexer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentChips")
        self._indexer = indexer
        self.owner = ""
        self.chips: dict[int, DocumentChip] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(4)
        self.row = QHBoxLayout()
        self.row.setSpacing(6)
        self.row.addStretch(1)
        layout.addLayout(self.row)
        self.notes = QLabel()
        self.notes.setObjectName("documentNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.linkActivated.connect(self._link)
        layout.addWidget(self.notes)
        indexer.changed.connect(self._changed)
        self.setVisible(False)

    def show_owner(self, owner: str) -> None:
        self.owner = owner
        self._indexer.show(owner)
        self.refresh()

    def refresh(self) -> None:
        entries = self._indexer.entries(self.owner)
        wanted = {entry.key for entry in entries}
        for key in [key for key in self.chips if key not in wanted]:
            chip = self.chips.pop(key)
            self.row.removeWidget(chip)
            chip.deleteLater()
        for position, entry in enumerate(entries):
            shown = self.chips.get(entry.key)
            if shown is not None:
                shown.show_entry(entry)
                continue
            chip = DocumentChip(entry)
            chip.opened.connect(self.listRequested)
            chip.removeRequested.connect(self._indexer.remove)
            self.chips[entry.key] = chip
            self.row.insertWidget(position, chip)
        self._show_notes(entries)
        self.setVisible(bool(entries))

    def _show_notes(self, entries: list[DocEntry]) -> None:
        links = {
            Needs.SETTINGS: self.tr("Open Settings → Documents"),
            Needs.CONSENT: self.tr("Allow"),
            Needs.RESUME: self.tr("Resume"),
        }
        parts = []
        for entry in entries:
            if entry.note is None:
                continue
            mark = "✕" if entry.state is State.PROBLEM else "ⓘ"
            line = f"{mark} <b>{html.escape(entry.name)}</b>: {html.escape(translated(entry.note))}"
            if entry.needs in links:
                href = f"{entry.needs.value}:{entry.key}"
                line += f' <a href="{href}">{html.escape(links[entry.needs])}</a>'
            parts.append(line)
        self.notes.setText("<br>".join(parts))
        self.notes.setVisible(bool(parts))

    def notes_text(self) -> str:
        return self.notes.text()

    def _link(self, href: str) -> None:
        action, _, key = href.partition(":")
        if action == Needs.SETTINGS.value:
            self.settingsRequested.emit()
        elif action == Needs.CONSENT.value and key.isdigit():
            self._indexer.consent(int(key))
        elif action == Needs.RESUME.value and key.isdigit():
            self._indexer.resume(int(key))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()


class DocumentsButton(_ShowsOwner, QPushButton):
    """In the chat header: "Documents · 2", opening the list; hidden while there are none."""

    def __init__(self, indexer: DocumentIndexer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsButton")
        self.setProperty("kind", "quiet")
        self.setIcon(icon("file-text", "muted"))
        self._indexer = indexer
        self.owner = ""
        indexer.changed.connect(self._changed)
        self.setVisible(False)

    def show_owner(self, owner: str) -> None:
        self.owner = owner
        self.refresh()

    def refresh(self) -> None:
        count = len(self._indexer.entries(self.owner))
        self.setText(self.tr("Documents · {n}").format(n=count))
        self.setToolTip(self.tr("The documents this chat's answers draw on"))
        self.setVisible(count > 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
