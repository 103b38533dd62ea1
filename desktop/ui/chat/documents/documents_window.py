"""The open conversation's documents as a compact list: state, and what can be done
(cancel or resume indexing, remove the document with its chunks and vectors)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.documents.chips import state_text
from desktop.ui.chat.documents.indexer import DocEntry, DocumentIndexer, State
from desktop.ui.strings import translated
from desktop.ui.theme import QUIET, SECONDARY, set_kind


class DocumentRow(QFrame):
    def __init__(self, entry: DocEntry, indexer: DocumentIndexer) -> None:
        super().__init__()
        self.setObjectName("documentRow")
        self.key = entry.key
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.name = QLabel(entry.name)
        self.name.setObjectName("documentRowName")
        self.state = QLabel(state_text(entry))
        self.state.setObjectName("documentChipState")
        self.state.setProperty("state", entry.state.value)
        words.addWidget(self.name)
        words.addWidget(self.state)
        if entry.note is not None:
            note = QLabel(translated(entry.note))
            note.setObjectName("documentRowNote")
            note.setWordWrap(True)
            words.addWidget(note)
        layout.addLayout(words, 1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.remove_button = QPushButton(self.tr("Remove"))
        set_kind(self.cancel_button, SECONDARY)
        set_kind(self.resume_button, SECONDARY)
        set_kind(self.remove_button, QUIET)
        self.cancel_button.setVisible(entry.state in (State.INDEXING,))
        self.resume_button.setVisible(
            entry.document_id is not None
            and entry.state in (State.PAUSED, State.PROBLEM)
            and entry.embedded < entry.chunks
        )
        self.cancel_button.clicked.connect(lambda: indexer.cancel(self.key))
        self.resume_button.clicked.connect(lambda: indexer.resume(self.key))
        self.remove_button.clicked.connect(lambda: indexer.remove(self.key))
        for button in (self.cancel_button, self.resume_button, self.remove_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)


class DocumentsWindow(QDialog):
    """Not modal: the chat stays usable while it is open; it follows the indexer."""

    def __init__(self, indexer: DocumentIndexer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsWindow")
        self.setModal(False)
        self.resize(520, 360)
        self._indexer = indexer
        self.owner = ""
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("documentsHeading")
        layout.addWidget(self.heading)
        self.model_line = QLabel()
        self.model_line.setObjectName("documentRowNote")
        self.model_line.setWordWrap(True)
        layout.addWidget(self.model_line)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._list = QWidget()
        self._rows = QVBoxLayout(self._list)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(6)
        self._rows.addStretch(1)
        scroll.setWidget(self._list)
        layout.addWidget(scroll, 1)
        self.rows: list[DocumentRow] = []
        indexer.changed.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Documents in this chat"))
        self.heading.setText(self.tr("Documents in this chat"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_owner(self, owner: str) -> None:
        self.owner = owner
        self.refresh()

    def _changed(self, owner: str) -> None:
        if owner == self.owner and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        for row in self.rows:
            self._rows.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for position, entry in enumerate(self._indexer.entries(self.owner)):
            row = DocumentRow(entry, self._indexer)
            self._rows.insertWidget(position, row)
            self.rows.append(row)
        self.model_line.setText(
            self.tr("Embedding model: {model}").format(
                model=translated(self._indexer.choice.describe())
            )
        )
