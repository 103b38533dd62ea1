"""How a row of the conversation list is drawn: one height for every row; headings small
and muted at the foot of theirs; folders with a chevron, an icon and their count;
conversations inside a folder indented under it. No widget per row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.ui.chat.sidebar.conversation_model import (
    COUNT_ROLE,
    DEPTH_ROLE,
    EXPANDED_ROLE,
    FOLDER_ROLE,
    HEADING_ROLE,
)
from desktop.ui.design import Colors, Space, colors_for
from desktop.ui.icons import icon

ROW_PADDING = Space.S
"""Above and below a row's text, and before it."""
INDENT = 18
"""How far a sub-folder, or a conversation in a folder, is moved right per level."""
ICON = 16


def row_height(text_height: int) -> int:
    return text_height + 2 * ROW_PADDING


def heading_font(font: QFont) -> QFont:
    heading = QFont(font)
    heading.setWeight(QFont.Weight.DemiBold)
    heading.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
    return heading


def _colors() -> Colors:
    app = QApplication.instance()
    return colors_for(bool(app is not None and app.property("parleyDark")))


class RowDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[str, bool, float], QPixmap] = {}
        self.drop_row: int | None = None
        """The folder row a dragged conversation would go into (drawn outlined)."""

    def _icon(self, name: str, dark: bool, ratio: float) -> QPixmap:
        """A pixmap, not the icon: made once per look (icon() draws an SVG), and a kept
        QIcon would keep its Python engine alive past the view."""
        key = (name, dark, ratio)
        if key not in self._icons:
            self._icons[key] = icon(name, "muted").pixmap(QSize(ICON, ICON), ratio)
        return self._icons[key]

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), row_height(option.fontMetrics.height()))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HEADING_ROLE):
            self._paint_heading(painter, option, index)
            return
        depth = int(index.data(DEPTH_ROLE) or 0)
        if index.data(FOLDER_ROLE) is None:
            if depth:
                shifted = QStyleOptionViewItem(option)
                shifted.rect = option.rect.adjusted(depth * INDENT, 0, 0, 0)
                super().paint(painter, shifted, index)
            else:
                super().paint(painter, option, index)
            return
        self._paint_folder(painter, option, index, depth)

    def _paint_heading(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        painter.setFont(heading_font(option.font))
        painter.setPen(QColor(_colors().muted))
        area = option.rect.adjusted(ROW_PADDING + 2, 0, -ROW_PADDING, -Space.XS)
        text = painter.fontMetrics().elidedText(
            str(index.data()), Qt.TextElideMode.ElideRight, area.width()
        )
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.drawText(area, int(flags), text)
        painter.restore()

    def _paint_folder(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        depth: int,
    ) -> None:
        colors = _colors()
        app = QApplication.instance()
        dark = bool(app is not None and app.property("parleyDark"))
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        background.rect = option.rect.adjusted(depth * INDENT, 0, 0, 0)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        painter.save()
        rect = background.rect
        if self.drop_row == index.row():
            painter.setPen(QColor(colors.accent))
            painter.drawRoundedRect(rect.adjusted(1, 1, -2, -2), 6, 6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        top = rect.top() + (rect.height() - ICON) // 2
        x = rect.left() + ROW_PADDING
        chevron = "chevron-down" if index.data(EXPANDED_ROLE) else "chevron-right"
        ratio = painter.device().devicePixelRatioF()
        painter.drawPixmap(QRect(x, top, ICON, ICON), self._icon(chevron, dark, ratio))
        x += ICON + Space.XS
        painter.drawPixmap(QRect(x, top, ICON, ICON), self._icon("folder-open", dark, ratio))
        x += ICON + Space.S
        count = str(index.data(COUNT_ROLE) or 0)
        metrics = painter.fontMetrics()
        count_width = metrics.horizontalAdvance(count) + ROW_PADDING
        painter.setPen(QColor(colors.muted))
        count_rect = QRect(
            rect.right() - count_width - ROW_PADDING, rect.top(), count_width, rect.height()
        )
        painter.drawText(
            count_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), count
        )
        painter.setPen(QColor(colors.selected_text if selected else colors.text))
        name_rect = QRect(x, rect.top(), count_rect.left() - x - Space.XS, rect.height())
        name = metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(
            name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name
        )
        painter.restore()
