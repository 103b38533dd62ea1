"""The column the messages stand in: centred, at most COLUMN_MAX_PX wide, painting its
own background (message_list scrolls it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QScrollBar, QVBoxLayout, QWidget

from desktop.ui.render.grow_in_place import paint_growth_only

COLUMN_MAX_PX = 860
"""The widest the messages stand (Ollama's, Chatbox's and Open WebUI's columns: 768-1024);
the composer card below takes the same width, so their edges line up."""
SIDE_PX = 16
"""The least room between the messages and the edges of the view."""
COLUMN_SPACING_PX = 12
"""Between two messages."""


class _Column(QWidget):
    """Paints its whole area itself (its style sheet background), so Qt neither paints
    the widgets behind it nor repaints all of it when it scrolls: the view is moved
    on screen and only what comes into view is painted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The style sheet's background is this palette brush (Qt puts a rule's background
        # there): one fill, rather than the style drawing the rule over it again.
        QPainter(self).fillRect(event.rect(), self.palette().brush(self.backgroundRole()))


def warm_painting() -> None:
    """Fill a brush once where no one sees it. PySide makes the Python types of Qt's enums
    the first time a call could take one, and the first brush filled made QGradient's
    five: 2-4 ms in the turn that first paints the column, the Send of a new chat's first
    message (bench/rich_answer)."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.fillRect(image.rect(), QBrush(QColor(0, 0, 0, 0)))
    painter.end()


def new_column(width: int, parent: QWidget | None = None) -> tuple[QWidget, QVBoxLayout]:
    """The widget holding the bubbles, top to bottom, centred for a view ``width`` wide;
    growth repaints only what is new. Built in the viewport it will show in: moving it
    there later would style every bubble in it once more."""
    column = _Column(parent)
    column.setObjectName("messageColumn")
    layout = QVBoxLayout(column)
    side = side_margin(width)
    layout.setContentsMargins(side, SIDE_PX, side, SIDE_PX)
    layout.setSpacing(COLUMN_SPACING_PX)
    paint_growth_only(column)
    return column, layout


def paint_bar_box(bar: QScrollBar) -> None:
    """The scroll bar is drawn on a transparent track, and it changes in every frame of a
    streaming answer: its box fills itself with the page's colour, so Qt repaints the bar
    and its box, not the bar's strip of every widget behind them up to the window."""
    box = bar.parentWidget()
    if box is not None:
        box.setBackgroundRole(QPalette.ColorRole.Base)
        box.setAutoFillBackground(True)


def side_margin(width: int) -> int:
    """Room left and right of the messages in a view ``width`` wide."""
    return max(SIDE_PX, (width - COLUMN_MAX_PX) // 2)
