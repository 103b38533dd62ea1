"""A collection's row: its name as the style draws it, and how many documents it holds
at the right in the muted colour (as a mail client counts a folder's messages).

The count is the item's COUNT_ROLE (None until the library has said: then none shows).
The name is shortened to leave the count its room; the style draws it, so the row keeps
the colours the style sheet gives a selected or hovered row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_INSET = 10
"""From the count to the row's right edge, and from the name to the count."""


class CollectionRowDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        count = index.data(COUNT_ROLE)
        if count is None:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        number = str(count)
        metrics = item.fontMetrics
        room = metrics.horizontalAdvance(number) + 2 * COUNT_INSET
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        item.text = metrics.elidedText(
            item.text, Qt.TextElideMode.ElideRight, max(0, text.width() - room)
        )
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        palette = widget.palette() if widget is not None else QApplication.palette()
        painter.save()
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            item.rect.adjusted(0, 0, -COUNT_INSET, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            number,
        )
        painter.restore()
