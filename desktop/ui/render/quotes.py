"""Quotes in an answer. Qt's markdown import only indents a quote's lines, which reads as
a stray indent: their text is drawn in the muted colour with a bar at their left, as
reading views draw quotes, and again in the new colours when the look changes.

The bar is painted over the document by its view (:meth:`Quotes.bars`): a QTextDocument
block has no border of its own side, and a frame around the quote left empty lines
before and after it."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QWidget

from desktop.ui.render.prose_spacing import QT_QUOTE_INDENT_PX

QUOTE_LINE = re.compile(r"^ {0,3}>", re.MULTILINE)
BAR_PX = 3
BAR_GAP_PX = 14
"""From the bar to the quote's text: the bar stands at the end of each level's indent."""


class Quotes:
    """The runs of quoted lines in one document, their text colour and their bars."""

    def __init__(self) -> None:
        self._format = QTextCharFormat()
        self._bar = QColor()
        self._runs: list[QTextCursor] = []
        """A selection of each run (it follows edits; text taken away leaves it empty)."""

    def take_colours(self, text: QColor, bar: QColor) -> None:
        """The colours for quotes from now on (:meth:`recolour` gives the text's to those
        drawn; bars are painted in theirs each time)."""
        self._format.setForeground(text)
        self._bar = bar

    @property
    def any(self) -> bool:
        """The document holds quoted lines (most answers hold none)."""
        return bool(self._runs)

    def paint_bars(
        self, device: QWidget, document: QTextDocument, event: QPaintEvent, origin: QPointF
    ) -> None:
        """Paint the bars over ``device``, which shows ``document`` with its top left at
        ``origin`` (after the document itself is painted)."""
        area = QRectF(event.rect())
        painter = QPainter(device)
        for bar in self.bars(document):
            shown = bar.translated(origin)
            if shown.intersects(area):
                painter.fillRect(shown, self._bar)
        painter.end()

    def bars(self, document: QTextDocument) -> list[QRectF]:
        """Where the bars go, in document coordinates: one per level of each quoted line,
        joined across the space between the lines of a run."""
        layout = document.documentLayout()
        rects: list[QRectF] = []
        for run in self._runs:
            if not run.hasSelection():
                continue
            block = document.findBlock(run.selectionStart())
            last = document.findBlock(run.selectionEnd())
            while block.isValid():
                rect = layout.blockBoundingRect(block)  # its lines, without the margins
                if block == last:
                    rects += _level_bars(rect, _level(block), 0, rect.bottom())
                    break
                below = block.next()  # a level it shares joins them across the gap
                joined = layout.blockBoundingRect(below).top()
                rects += _level_bars(rect, _level(block), _level(below), joined)
                block = below
        return rects

    def colour_new(self, document: QTextDocument, markdown: str, start: int) -> None:
        """Colour the quotes of ``markdown``, just inserted at ``start``."""
        if not QUOTE_LINE.search(markdown):
            return
        self._runs = [run for run in self._runs if run.hasSelection()]
        for run in quote_runs(document, start):
            run.mergeCharFormat(self._format)
            self._runs.append(run)

    def recolour(self) -> None:
        for run in self._runs:
            run.mergeCharFormat(self._format)

    def reset(self) -> None:
        self._runs.clear()


def quote_runs(document: QTextDocument, start: int) -> list[QTextCursor]:
    """A selection of each run of quoted lines from ``start`` to the end."""
    runs: list[QTextCursor] = []
    block = document.findBlock(start)
    while block.isValid():
        if not _quoted(block.blockFormat()):
            block = block.next()
            continue
        run = QTextCursor(document)
        run.setPosition(block.position())
        while block.next().isValid() and _quoted(block.next().blockFormat()):
            block = block.next()
        run.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        runs.append(run)
        block = block.next()
    return runs


def _level(block: QTextBlock) -> int:
    return block.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel)


def _level_bars(line: QRectF, level: int, shared: int, joined: float) -> list[QRectF]:
    """A bar for each of ``level`` levels at the left of ``line``; those of the first
    ``shared`` levels reach down to ``joined`` (the next quoted line)."""
    indent = QT_QUOTE_INDENT_PX
    return [
        QRectF(
            line.left() + indent * (n + 1) - BAR_GAP_PX - BAR_PX,
            line.top(),
            BAR_PX,
            (joined if n < shared else line.bottom()) - line.top(),
        )
        for n in range(level)
    ]


def _quoted(block_format: QTextFormat) -> bool:
    return block_format.intProperty(QTextFormat.Property.BlockQuoteLevel) > 0
