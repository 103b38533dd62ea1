"""A document row drawn in two lines: the file's name, then its facts in the muted colour.

The item's text holds both lines ("name\\nfacts", so accessibility and tests read it whole);
the style draws the row's background and icon as usual, this delegate the two lines.
Colours come from the palette the theme sets (Text, PlaceholderText: the muted role).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
LINE_GAP = 2
LINE_SEPARATOR = "\u2028"
"""What the item's "\n" has become by the time a delegate sees it (initStyleOption)."""
TEXT_INSET = 8
ROW_PADDING = 18
"""Above and below the two lines together (the style sheet gives the rows none)."""


class DocumentRowDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        name, _, facts = item.text.replace(LINE_SEPARATOR, "\n").partition("\n")
        item.text = ""
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        icon = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, item, item.widget)
        left = (icon.right() if not item.icon.isNull() else item.rect.left()) + TEXT_INSET
        area = QRect(left, item.rect.top(), item.rect.right() - left - TEXT_INSET,
                     item.rect.height())  # fmt: skip
        palette = item.widget.palette() if item.widget is not None else QApplication.palette()
        metrics = item.fontMetrics
        top = area.top() + (area.height() - self._text_height(item)) // 2
        painter.save()
        painter.setClipRect(item.rect)  # the style may leave its text clip behind
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        first = QRect(area.left(), top, area.width(), metrics.height())
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(first, flags, metrics.elidedText(name, Qt.TextElideMode.ElideMiddle,
                                                          first.width()))  # fmt: skip
        if facts:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            second = first.translated(0, metrics.height() + LINE_GAP)
            painter.drawText(second, flags, metrics.elidedText(facts, Qt.TextElideMode.ElideRight,
                                                               second.width()))  # fmt: skip
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        return QSize(size.width(), max(size.height(), self._text_height(item) + ROW_PADDING))

    @staticmethod
    def _text_height(item: QStyleOptionViewItem) -> int:
        lines = 2 if LINE_SEPARATOR in item.text or "\n" in item.text else 1
        return lines * item.fontMetrics.height() + (lines - 1) * LINE_GAP
