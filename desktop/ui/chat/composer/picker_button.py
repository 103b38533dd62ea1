"""The model picker's button: the model's name from its start, the provider muted after it.

A plain QPushButton centres its text and clips it at both ends when it is narrow
(":4b-instruct-2507-q4_K_M · C"). This one keeps ``text()`` as the whole
"model  ·  provider" (tooltip and accessible description too) but paints the name
left-aligned and elided at the right, and the provider in the placeholder (muted)
colour, elided only when the name has already shrunk to a few characters.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QStylePainter, QWidget

SEPARATOR = "  ·  "
ARROW = "▾"
MAX_HINT = 360
"""The widest the button asks to be; a longer name elides."""
MIN_NAME = 80
"""Pixels the name keeps before the provider's name starts to elide."""


class PickerButton(QPushButton):
    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self._placeholder = placeholder
        self._model = ""
        self._provider = ""

    def set_choice(self, model: str, provider: str) -> None:
        self._model, self._provider = model, provider
        text = f"{model}{SEPARATOR}{provider}" if model else self._placeholder
        self.setText(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self.update()

    @property
    def model(self) -> str:
        return self._model

    def shown_parts(self, width: int | None = None) -> tuple[str, str]:
        """(name, provider) as painted in ``width`` pixels of contents (now: the button's)."""
        metrics = self.fontMetrics()
        room = self._contents().width() if width is None else width
        room -= metrics.horizontalAdvance(" " + ARROW)
        if not self._model:
            return metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, room), ""
        provider = SEPARATOR + self._provider
        provider_width = metrics.horizontalAdvance(provider)
        name_width = metrics.horizontalAdvance(self._model)
        provider_room = max(room - max(MIN_NAME, room - provider_width), 0)
        if name_width + provider_width > room and provider_room < provider_width:
            # only when it does not fit: elidedText cuts a text given exactly its own
            # (rounded) width, and "Local Olla…" showed beside a shortened name
            provider = metrics.elidedText(provider, Qt.TextElideMode.ElideRight, provider_room)
            provider_width = metrics.horizontalAdvance(provider)
        name = metrics.elidedText(
            self._model, Qt.TextElideMode.ElideRight, max(room - provider_width, 0)
        )
        return name, provider

    def _contents(self) -> QRect:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        extra = self.fontMetrics().horizontalAdvance(" " + ARROW) + 8
        return QSize(min(hint.width() + extra, MAX_HINT), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(120, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        area = self._contents().adjusted(2, 0, -2, 0)
        name, provider = self.shown_parts(area.width() + 4)
        metrics = self.fontMetrics()
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        text_role = QPalette.ColorRole.ButtonText
        muted_role = QPalette.ColorRole.PlaceholderText
        painter.setPen(self.palette().color(text_role))
        painter.drawText(area, align, name)
        x = area.left() + metrics.horizontalAdvance(name)
        painter.setPen(self.palette().color(muted_role))
        painter.drawText(QRect(x, area.top(), area.right() - x, area.height()), align, provider)
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, ARROW)
