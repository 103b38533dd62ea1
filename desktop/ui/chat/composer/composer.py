"""The text box where a prompt is written: Enter sends, Shift+Enter a new line, Esc stops.

A line started with `/` lists saved prompts (desktop/ui/chat/prompts/prompt_slash.py); while that
list is open it takes ↑/↓/Enter/Esc through ``key_hook``.

Pictures dropped or pasted into it (files, or image data) are offered to the draft's
attachments through ``imagesOffered`` instead of being inserted as text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from desktop.ui.chat.composer.attachment_draft import offers_images

MIN_LINES = 2
MAX_LINES = 8


class ComposerEdit(QPlainTextEdit):
    submitted = Signal()
    stopRequested = Signal()
    imagesOffered = Signal(QMimeData)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_hook: Callable[[QKeyEvent], bool] | None = None
        """Sees each key first; True when it handled the key (the prompt picker's keys)."""
        self.claims_key: Callable[[QKeyEvent], bool] | None = None
        """True for a key that must reach ``key_hook`` before any shortcut (Esc)."""
        self.retranslate()
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setPlaceholderText(
            self.tr("Message the model — Enter to send, Shift+Enter for a new line")
        )
        self.setAccessibleName(self.tr("Message"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _fit(self) -> None:
        """As tall as its text, from MIN_LINES to MAX_LINES lines (then it scrolls). The
        layout reports a change of size only when the number of lines changes."""
        lines = int(self.document().documentLayout().documentSize().height())
        shown = min(max(lines, MIN_LINES), MAX_LINES)
        margins = self.contentsMargins()
        chrome = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        height = shown * self.fontMetrics().lineSpacing() + chrome + 4
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.claims_key is not None
            and isinstance(event, QKeyEvent)
            and self.claims_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_hook is not None and self.key_hook(event):
            return
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
