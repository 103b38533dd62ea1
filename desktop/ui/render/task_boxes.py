"""Task lists in an answer ("- [ ] to do", "- [x] done") drawn with check boxes as
reading views draw them: a rounded box, filled in the accent colour with a check mark
when done. Qt draws a task item's marker as a thin square, crossed out when done, which
reads as "cancelled" rather than "done".

Qt draws no marker for a block whose list style is undefined, so each task item of new
text gets that style on its block (its list keeps its own, and with it its indent), and
its view paints the boxes over the document (:meth:`TaskBoxes.paint`) where Qt drew its
square.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QWidget

TASK_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\]", re.MULTILINE)
"""A line Qt's markdown import makes a task item (most answers have none)."""
BOX_ASCENTS = 0.9
"""A box's side, in the font's ascents (about a capital's height and a bit)."""
TICK = ((0.24, 0.53), (0.43, 0.72), (0.77, 0.31))
"""The check mark's points, as parts of the box's side."""


class TaskBoxes:
    """The task items of one document, and their boxes."""

    def __init__(self) -> None:
        self._items: list[QTextCursor] = []
        """A cursor at each task item's block (it follows edits)."""

    @property
    def any(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        """How many task items it follows."""
        return len(self._items)

    def take_new(self, document: QTextDocument, markdown: str, start: int) -> None:
        """Find the task items of ``markdown``, just inserted at ``start``, and leave
        their markers to :meth:`paint`."""
        if not TASK_ITEM.search(markdown):
            return
        no_marker = QTextBlockFormat()
        no_marker.setProperty(
            QTextFormat.Property.ListStyle, QTextListFormat.Style.ListStyleUndefined.value
        )
        block = document.findBlock(start)
        while block.isValid():
            if _task(block):
                item = QTextCursor(block)
                item.mergeBlockFormat(no_marker)
                self._items.append(item)
            block = block.next()
        # Text drawn again (a growing block) left cursors where its items were.
        kept: dict[int, QTextCursor] = {}
        for item in self._items:
            if _task(item.block()):
                kept.setdefault(item.blockNumber(), item)
        self._items = list(kept.values())

    def boxes(self, document: QTextDocument) -> list[tuple[QRectF, bool]]:
        """Each task item's box in document coordinates, and whether it is done: where
        Qt draws its marker, left of the item's first line."""
        layout = document.documentLayout()
        shown: list[tuple[QRectF, bool]] = []
        for item in self._items:
            block = item.block()
            if not _task(block) or block.layout().lineCount() == 0:
                continue
            metrics = QFontMetricsF(QTextCursor(block).charFormat().font())
            line = block.layout().lineAt(0)
            left = layout.blockBoundingRect(block).topLeft() + line.naturalTextRect().topLeft()
            side = round(metrics.ascent() * BOX_ASCENTS)
            right = left.x() - metrics.horizontalAdvance(" ") - metrics.lineSpacing() / 6
            # The line's own ascent: a fallback font (Chinese) lowers its baseline.
            middle = left.y() + line.ascent() - metrics.capHeight() / 2  # of the capitals
            box = QRectF(right - side, middle - side / 2, side, side)
            shown.append((box, block.blockFormat().marker() is QTextBlockFormat.MarkerType.Checked))
        return shown

    def paint(
        self, device: QWidget, document: QTextDocument, event: QPaintEvent, origin: QPointF
    ) -> None:
        """Paint the boxes over ``device``, which shows ``document`` with its top left at
        ``origin``, in the colours of its palette (after the document is painted)."""
        area = QRectF(event.rect())
        colours = device.palette()
        role = QPalette.ColorRole
        painter = QPainter(device)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for box, done in self.boxes(document):
            box = box.translated(origin)
            if not box.intersects(area):
                continue
            radius = box.width() / 5
            if done:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colours.color(role.Highlight))
                painter.drawRoundedRect(box, radius, radius)
                tick = QPen(colours.color(role.HighlightedText), max(1.5, box.width() / 7))
                tick.setCapStyle(Qt.PenCapStyle.RoundCap)
                tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(tick)
                painter.drawPolyline(
                    [box.topLeft() + QPointF(x * box.width(), y * box.height()) for x, y in TICK]
                )
            else:
                painter.setPen(QPen(colours.color(role.PlaceholderText), 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box.adjusted(0.6, 0.6, -0.6, -0.6), radius, radius)
        painter.end()

    def reset(self) -> None:
        self._items.clear()


def _task(block: QTextBlock) -> bool:
    return (
        block.textList() is not None
        and block.blockFormat().marker() is not QTextBlockFormat.MarkerType.NoMarker
    )
