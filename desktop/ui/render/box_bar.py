"""The scroll bar of a block wider than the answer (sideways_boxes): a stop for the Tab
key, as a scrolled region is in a browser, so the keyboard reaches what is out of sight.
Focused, its arrow keys, Page Up and Page Down, Home and End scroll the block, and a ring
drawn around the block shows where the keys go."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSlider, QScrollBar, QWidget


def scroll_word() -> str:
    return QCoreApplication.translate("BlockDocumentView", "Scroll sideways")


class BoxBar(QScrollBar):
    """Horizontal, in the view's viewport, which it repaints as it scrolls and as it
    takes or loses the focus (the ring)."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, viewport)
        self.setAccessibleName(scroll_word())
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.valueChanged.connect(lambda _value: viewport.update())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left and Right scroll it too (Qt's bar takes only Up and Down a step)."""
        sideways = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if sideways is None or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            sideways = -sideways
        self.triggerAction(
            QAbstractSlider.SliderAction.SliderSingleStepAdd
            if sideways > 0
            else QAbstractSlider.SliderAction.SliderSingleStepSub
        )

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._ring_changed()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._ring_changed()

    def _ring_changed(self) -> None:
        viewport = self.parentWidget()
        if viewport is not None:
            viewport.update()
