"""How a tool's row is drawn: a card with its name, a read-only badge, its policy as a small
pill, and its description elided to two lines. Every row has one height. No widget per row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.toolbox import Policy
from desktop.tools.results import RemoteTool
from desktop.ui.design import Colors, Radius, Space, Type, colors_for
from desktop.ui.tools.tool_model import POLICY_ROLE, SERVERS_CHOICE, TOOL_ROLE, choice_words

PAD_X = Space.M
PAD_Y = Space.S + 2
PILL_X = 7
DESCRIPTION_LINES = 2
SELECTED = QStyle.StateFlag.State_Selected.value
HOVERED = QStyle.StateFlag.State_MouseOver.value
FOCUSED = QStyle.StateFlag.State_HasFocus.value
LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
CENTER = Qt.AlignmentFlag.AlignCenter.value
"""Flags as plain ints, once: combining Python enum flags costs microseconds each, and
the first combination of two creates a new enum member (~1 ms)."""
CACHE = 512
"""Descriptions laid out for a width and drawn parts kept (a paint re-uses them; a resize
lays out anew)."""


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
    """Paints rows from cached parts: the card and the pills are drawn once per look into
    pixmaps (an antialiased rounded rectangle the width of the list costs ~0.3 ms each
    time), descriptions are laid out once per width."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: dict[tuple[str, int], list[str]] = {}
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}
        self._fonts: dict[str, tuple[QFont, QFont, int, int]] = {}
        self.read_only_words = ""
        self.no_description = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.read_only_words = QCoreApplication.translate("ToolCard", "read-only")
        self.no_description = QCoreApplication.translate("ToolCard", "No description")
        self._pixmaps.clear()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), row_height(option.font))

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFont, int, int]:
        """(name font, pill font, the name line's height, a description line's height)."""
        key = font.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            name = name_font(font)
            line = max(QFontMetrics(name).height(), pill_height(font))
            fonts = self._fonts[key] = (name, pill_font(font), line, QFontMetrics(font).height())
        return fonts

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
        state = option.state.value
        selected = bool(state & SELECTED)
        hovered = bool(state & HOVERED)
        widget = option.widget
        focused = bool(state & FOCUSED) and widget is not None and widget.hasFocus()
        ratio = painter.device().devicePixelRatioF()
        rect = option.rect
        fill = colors.selected if selected else colors.hover if hovered else colors.window
        edge = colors.focus if focused else colors.accent if selected else colors.border
        painter.drawPixmap(rect.topLeft(), self._card(rect.size(), fill, edge, focused, ratio))

        name, small, name_height, line_height = self._fonts_for(option.font)
        inner = rect.adjusted(PAD_X, PAD_Y, -PAD_X - 1, -PAD_Y - 1)
        right = inner.right() + 1
        choice = index.data(POLICY_ROLE)
        if isinstance(choice, str):
            tone = (
                colors.success
                if choice == Policy.ALLOW.value
                else colors.warning
                if choice == Policy.DENY.value
                else colors.muted
            )
            # the server's choice is quiet: no outline
            pill = self._pill(small, choice_words(choice), tone, choice != SERVERS_CHOICE, ratio)
            width = round(pill.width() / ratio)
            top = inner.top() + (name_height - round(pill.height() / ratio)) // 2
            painter.drawPixmap(right - width, top, pill)
            right -= width + Space.S
        badge = self._pill(small, self.read_only_words, colors.success, True, ratio)
        badge_width = round(badge.width() / ratio) + Space.S if tool.read_only else 0
        painter.save()
        painter.setFont(name)
        metrics = painter.fontMetrics()
        room = max(0, right - inner.left() - badge_width)
        shown = metrics.elidedText(tool.name, Qt.TextElideMode.ElideRight, room)
        painter.setPen(QColor(colors.selected_text if selected else colors.text))
        left = LEFT
        painter.drawText(QRect(inner.left(), inner.top(), room, name_height), left, shown)
        if tool.read_only:
            x = inner.left() + metrics.horizontalAdvance(shown) + Space.S
            top = inner.top() + (name_height - round(badge.height() / ratio)) // 2
            painter.drawPixmap(x, top, badge)

        painter.setFont(option.font)
        painter.setPen(QColor(colors.muted))
        top = inner.top() + name_height + Space.XS
        for line in self._description(tool, option.font, inner.width()):
            painter.drawText(QRect(inner.left(), top, inner.width(), line_height), left, line)
            top += line_height
        painter.restore()

    def _cached(self, key: tuple[object, ...], draw: Callable[[], QPixmap]) -> QPixmap:
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) > CACHE:
                self._pixmaps.clear()
            pixmap = self._pixmaps[key] = draw()
        return pixmap

    def _card(self, size: QSize, fill: str, edge: str, focused: bool, ratio: float) -> QPixmap:
        def draw() -> QPixmap:
            pixmap = _blank(size.width(), size.height(), ratio)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(edge), 2 if focused else 1))
            painter.setBrush(QColor(fill))
            inset = 1.0 if focused else 0.5
            painter.drawRoundedRect(
                QRectF(inset, inset, size.width() - 2 * inset, size.height() - 2 * inset),
                Radius.M,
                Radius.M,
            )
            painter.end()
            return pixmap

        return self._cached(("card", size.width(), size.height(), fill, edge, focused, ratio), draw)

    def _pill(self, font: QFont, words: str, tone: str, outlined: bool, ratio: float) -> QPixmap:
        """A rounded pill with ``words`` in ``tone``."""

        def draw() -> QPixmap:
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(words) + 2 * PILL_X
            height = metrics.height() + 4
            pixmap = _blank(width, height, ratio)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            colour = QColor(tone)
            fill = QColor(colour)
            fill.setAlphaF(0.10)
            painter.setPen(QPen(colour, 1) if outlined else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            box = QRectF(0.5, 0.5, width - 1, height - 1)
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            painter.setPen(colour)
            painter.setFont(font)
            painter.drawText(QRect(0, 0, width, height), CENTER, words)
            painter.end()
            return pixmap

        return self._cached(("pill", font.key(), words, tone, outlined, ratio), draw)

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


def _blank(width: int, height: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def pill_height(font: QFont) -> int:
    return QFontMetrics(pill_font(font)).height() + 4


def row_height(font: QFont) -> int:
    name = max(QFontMetrics(name_font(font)).height(), pill_height(font))
    lines = DESCRIPTION_LINES * QFontMetrics(font).height()
    return 2 * PAD_Y + name + Space.XS + lines
