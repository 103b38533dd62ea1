"""The form of the Ollama on this computer (or the one OLLAMA_HOST names)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.design import Space
from desktop.ui.strings import add_named_row, relabel_row
from desktop.ui.theme import PRIMARY, set_kind


class LocalOllamaForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Ollama on this computer"))
        title.setObjectName("groupTitle")
        self.enabled = QCheckBox()
        self.host = QLineEdit()
        self.save_button = QPushButton()
        set_kind(self.save_button, PRIMARY)
        self.result = QLabel()
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)
        note = QLabel(
            self.tr(
                "For an Ollama on another machine that needs a password or token, add an "
                "“Ollama” provider instead: it has Basic and Bearer authentication."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(Space.L)
        form.setVerticalSpacing(Space.S)
        add_named_row(form, self.host)  # its text: retranslate
        form.addRow("", self.enabled)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.M)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.enabled.setText(self.tr("Offer the models of this Ollama"))
        self.host.setPlaceholderText(self.tr("Empty: OLLAMA_HOST or http://127.0.0.1:11434"))
        self.host.setAccessibleName(self.tr("Ollama host"))
        self.save_button.setText(self.tr("Save"))
        relabel_row(self.host, self.tr("Host"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
