"""How a tool's row is drawn: a card with its name, a read-only badge, its policy as a small
pill, and its description elided to two lines. Every row has one height. No widget per row."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.toolbox import Policy
from desktop.tools.results import RemoteTool
from desktop.ui.design import Colors, Radius, Space, Type, colors_for
from desktop.ui.tools.tool_model import POLICY_ROLE, SERVERS_CHOICE, TOOL_ROLE, choice_words

PAD_X = Space.M
PAD_Y = Space.S + 2
PILL_X = 7
DESCRIPTION_LINES = 2
CACHE = 512
"""Descriptions laid out for a width, kept (a paint re-uses them; a resize lays out anew)."""


def _colors() -> Colors:
    app = QApplication.instance()
    return colors_for(bool(app is not None and app.property("parleyDark")))


def name_font(font: QFont) -> QFont:
    mono = QFont(font)
    mono.setFamilies(["monospace"])
    mono.setStyleHint(QFont.StyleHint.TypeWriter)
    mono.setWeight(QFont.Weight.DemiBold)
    return mono


def pill_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(Type.CAPTION)
    return small


def flat(text: str) -> str:
    return " ".join(text.split())


def first_lines(text: str, font: QFont, width: int, count: int = DESCRIPTION_LINES) -> list[str]:
    """``text`` wrapped to ``width``: its first ``count`` lines, the last elided if more
    follows."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts: list[tuple[int, int]] = []
    while len(starts) < count:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[start : start + length].rstrip() for start, length in starts]
    if starts and starts[-1][0] + starts[-1][1] < len(text):
        rest = text[starts[-1][0] :]
        lines[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


class ToolDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: dict[tuple[str, int], list[str]] = {}
        self.read_only_words = ""
        self.no_description = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.read_only_words = QCoreApplication.translate("ToolCard", "read-only")
        self.no_description = QCoreApplication.translate("ToolCard", "No description")

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), row_height(option.font))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        tool = index.data(TOOL_ROLE)
        if not isinstance(tool, RemoteTool):
            return
        colors = _colors()
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        widget = option.widget
        focused = bool(state & QStyle.StateFlag.State_HasFocus) and (
            widget is not None and widget.hasFocus()
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRect(option.rect).adjusted(0, 0, -1, -1)
        fill = colors.selected if selected else colors.hover if hovered else colors.window
        edge = colors.focus if focused else colors.accent if selected else colors.border
        painter.setPen(QPen(QColor(edge), 2 if focused else 1))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(
            card.adjusted(1, 1, -1, -1) if focused else card, Radius.M, Radius.M
        )

        inner = card.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        name = name_font(option.font)
        name_height = max(QFontMetrics(name).height(), pill_height(option.font))
        right = inner.right()
        choice = index.data(POLICY_ROLE)
        if isinstance(choice, str):
            pill = choice_words(choice)
            tone = (
                colors.success
                if choice == Policy.ALLOW.value
                else colors.warning
                if choice == Policy.DENY.value
                else colors.muted
            )
            width = _draw_pill(
                painter,
                option.font,
                pill,
                tone,
                right,
                inner.top(),
                name_height,
                outlined=choice != SERVERS_CHOICE,  # the server's choice: quiet, no outline
            )
            right -= width + Space.S
        painter.setFont(name)
        metrics = painter.fontMetrics()
        badge_width = 0
        if tool.read_only:
            badge_width = (
                QFontMetrics(pill_font(option.font)).horizontalAdvance(self.read_only_words)
                + 2 * PILL_X
                + Space.S
            )
        room = max(0, right - inner.left() - badge_width)
        shown = metrics.elidedText(tool.name, Qt.TextElideMode.ElideRight, room)
        painter.setPen(QColor(colors.selected_text if selected else colors.text))
        name_rect = QRect(inner.left(), inner.top(), room, name_height)
        painter.drawText(
            name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        if tool.read_only:
            end = inner.left() + metrics.horizontalAdvance(shown) + Space.S + badge_width
            _draw_pill(
                painter,
                option.font,
                self.read_only_words,
                colors.success,
                end - Space.S,
                inner.top(),
                name_height,
            )

        painter.setFont(option.font)
        painter.setPen(QColor(colors.muted))
        line_height = QFontMetrics(option.font).height()
        top = inner.top() + name_height + Space.XS
        for line in self._description(tool, option.font, inner.width()):
            painter.drawText(
                QRect(inner.left(), top, inner.width(), line_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
            top += line_height
        painter.restore()

    def _description(self, tool: RemoteTool, font: QFont, width: int) -> list[str]:
        text = flat(tool.description)
        if not text:
            return [self.no_description]
        key = (text, width)
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) > CACHE:
                self._lines.clear()
            lines = self._lines[key] = first_lines(text, font, width)
        return lines


def pill_height(font: QFont) -> int:
    return QFontMetrics(pill_font(font)).height() + 4


def row_height(font: QFont) -> int:
    name = max(QFontMetrics(name_font(font)).height(), pill_height(font))
    lines = DESCRIPTION_LINES * QFontMetrics(font).height()
    return 2 * PAD_Y + name + Space.XS + lines


def _draw_pill(
    painter: QPainter,
    font: QFont,
    words: str,
    tone: str,
    right: int,
    top: int,
    height: int,
    *,
    outlined: bool = True,
) -> int:
    """A rounded pill with ``words`` in ``tone``, ending at ``right``; its width."""
    small = pill_font(font)
    painter.setFont(small)
    metrics = QFontMetrics(small)
    width = metrics.horizontalAdvance(words) + 2 * PILL_X
    pill_h = pill_height(font)
    rect = QRect(right - width, top + (height - pill_h) // 2, width, pill_h)
    colour = QColor(tone)
    fill = QColor(colour)
    fill.setAlphaF(0.10)
    painter.setPen(QPen(colour, 1) if outlined else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, pill_h / 2, pill_h / 2)
    painter.setPen(colour)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), words)
    return width
