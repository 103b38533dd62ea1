"""Editing one of the person's messages in place: the text, Cancel and Send."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class MessageEditor(QWidget):
    """Built the first time a message is edited; ``submitted`` carries the new text."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageEditor")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        # Texts in the context they always had: "MessageBubble".
        self.editor = QPlainTextEdit()
        self.editor.setMaximumHeight(160)
        box.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelled)
        buttons.addWidget(self.cancel_button)
        self.send_button = QPushButton()
        self.send_button.setProperty("kind", "primary")
        self.send_button.clicked.connect(self._submit)
        buttons.addWidget(self.send_button)
        box.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.editor.setAccessibleName(QCoreApplication.translate("MessageBubble", "Edited message"))
        self.cancel_button.setText(QCoreApplication.translate("MessageBubble", "Cancel"))
        self.send_button.setText(QCoreApplication.translate("MessageBubble", "Send"))
        self.send_button.setAccessibleName(
            QCoreApplication.translate("MessageBubble", "Send the edited message")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if text:
            self.submitted.emit(text)
