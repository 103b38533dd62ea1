"""One installed model drawn as a two-line row: its name and size, then its figures.

    qwen3:4b-instruct-2507-q4_K_M                                  2.5 GB
    4.0B params · Q4_K_M · qwen3                      [chat] [tools] [thinking]

The name starts at its first letter and is cut only at the right, and only when the row
is narrower than the name (the tooltip and the accessible description hold it whole).
The parameter count is never cut: it is drawn first, at its full width; then the size;
the quantization and family take what is left, and capability badges that no longer fit
are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.model_records import LocalModel
from desktop.ui.formatting import format_bytes
from desktop.ui.models.capability_badges import draw_badges
from desktop.ui.models.model_list_model import CAPABILITIES_ROLE, MODEL_ROLE
from desktop.ui.theme import colors_for, is_dark

PAD_X = 12
PAD_Y = 8
LINE_GAP = 3
SMALL_POINTS = 9.0

Index = QModelIndex | QPersistentModelIndex


def parameter_words(model: LocalModel) -> str:
    if not model.parameter_size:
        return ""
    return QCoreApplication.translate("ModelRow", "{count} params").format(
        count=model.parameter_size
    )


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(min(SMALL_POINTS, font.pointSizeF()))
    return small


def name_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return bold


def row_height(font: QFont) -> int:
    """The same for every row (the view lays 500 rows out without asking each)."""
    first = QFontMetrics(name_font(font)).height()
    second = QFontMetrics(small_font(font)).height() + 2
    return PAD_Y * 2 + first + LINE_GAP + second


def draw_row_background(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> None:
    """The row's background as the style draws it (hover, selection), without its text:
    the delegate draws its own lines on top."""
    background = QStyleOptionViewItem(option)
    delegate.initStyleOption(background, index)
    background.text = ""
    background.icon = QIcon()
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)


@dataclass(frozen=True, slots=True)
class RowLayout:
    """Where each text of a row goes and what it says there (elided or not).

    Badges take the second line's right end, leaving the quantization its room; the
    family gives way to them.
    """

    name: str
    name_rect: QRect
    size: str
    size_rect: QRect
    params: str
    params_rect: QRect
    rest: str
    rest_rect: QRect
    badges_room: int
    second_line: QRect


def lay_out_row(model: LocalModel, rect: QRect, font: QFont) -> RowLayout:
    bold_metrics = QFontMetrics(name_font(font))
    small_metrics = QFontMetrics(small_font(font))
    box = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
    first = QRect(box.left(), box.top(), box.width(), bold_metrics.height())
    second = QRect(
        box.left(), first.bottom() + 1 + LINE_GAP, box.width(), small_metrics.height() + 2
    )
    size = format_bytes(model.size)
    size_width = small_metrics.horizontalAdvance(size)
    room = max(first.width() - size_width - PAD_X, 0)
    name = bold_metrics.elidedText(model.name, Qt.TextElideMode.ElideRight, room)
    params = parameter_words(model)
    params_width = small_metrics.horizontalAdvance(params)
    rest = " · ".join(part for part in (model.quantization, model.family) if part)
    if rest and params:
        rest = " · " + rest
    # The part of ``rest`` the badges leave room for: the quantization, not the family.
    kept = (" · " if params else "") + model.quantization if model.quantization else ""
    rest_left = second.left() + params_width
    rest_room = max(second.right() - rest_left, 0)
    return RowLayout(
        name=name,
        name_rect=QRect(first.left(), first.top(), room, first.height()),
        size=size,
        size_rect=QRect(first.right() - size_width, first.top(), size_width + 1, first.height()),
        params=params,
        params_rect=QRect(second.left(), second.top(), params_width + 1, second.height()),
        rest=rest,
        rest_rect=QRect(rest_left, second.top(), rest_room, second.height()),
        badges_room=max(rest_room - small_metrics.horizontalAdvance(kept) - PAD_X, 0),
        second_line=second,
    )


class ModelRowDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.data(MODEL_ROLE)
        if not isinstance(model, LocalModel):
            super().paint(painter, option, index)
            return
        draw_row_background(self, painter, option, index)

        app = QApplication.instance()
        colors = colors_for(isinstance(app, QApplication) and is_dark(app))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        strong = QColor(colors.selected_text if selected else colors.text)
        muted = QColor(colors.selected_text if selected else colors.muted)
        font: QFont = option.font
        row = lay_out_row(model, option.rect, font)
        small = small_font(font)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(
            row.size_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, row.size
        )
        painter.drawText(row.params_rect, left, row.params)
        line = row.second_line
        badges = draw_badges(
            painter,
            line.right(),
            line.center().y(),
            index.data(CAPABILITIES_ROLE) or (),
            small,
            colors,
            row.badges_room,
        )
        if row.rest:
            rest = row.rest_rect.adjusted(0, 0, -(badges + PAD_X if badges else 0), 0)
            text = QFontMetrics(small).elidedText(
                row.rest, Qt.TextElideMode.ElideRight, rest.width()
            )
            painter.drawText(rest, left, text)
        painter.setFont(name_font(font))
        painter.setPen(strong)
        painter.drawText(row.name_rect, left, row.name)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        font: QFont = option.font
        return QSize(240, row_height(font))
