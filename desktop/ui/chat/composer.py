"""The text box where a prompt is written: Enter sends, Shift+Enter a new line, Esc stops.

Pictures dropped or pasted into it (files, or image data) are offered to the draft's
attachments through ``imagesOffered`` instead of being inserted as text.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.ui.chat.attachments import offers_images


class ComposerEdit(QPlainTextEdit):
    submitted = Signal()
    stopRequested = Signal()
    imagesOffered = Signal(QMimeData)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(
            self.tr("Message the model — Enter to send, Shift+Enter for a new line")
        )
        self.setAccessibleName(self.tr("Message"))
        self.setTabChangesFocus(True)
        self.setMaximumHeight(140)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.stopRequested.emit()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return offers_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if offers_images(source):
            self.imagesOffered.emit(source)
            return
        super().insertFromMimeData(source)
