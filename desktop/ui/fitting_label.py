"""Labels for text of any length that never make the window wider.

A plain QLabel asks for the width of its whole text (or of its longest word when it
wraps), and the layouts pass that request up to the window: one long server message once
widened the window past the screen. :class:`WrappingLabel` wraps and asks for little
width; :class:`ElidingLabel` stays on one line, elides at the right and keeps the full
text in its tooltip and accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_WIDTH = 80
"""The most width a label of either kind asks for, whatever its text."""


class WrappingLabel(QLabel):
    """Wraps its text; its minimum width is small, its height follows the width given."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), 4 * MIN_WIDTH), self.heightForWidth(4 * MIN_WIDTH))


class ElidingLabel(QLabel):
    """One line, elided at the right when it does not fit; the full text in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()

    def is_elided(self) -> bool:
        return super().text() != self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(min(MIN_WIDTH, self._width_of(self._full)), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self._width_of(self._full), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _width_of(self, text: str) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2

    def _fit(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if super().text() != shown:
            super().setText(shown)
        elided = shown != self._full
        self.setToolTip(self._full if elided else "")
        self.setAccessibleDescription(self._full)
