"""Quotes in an answer. Qt's markdown import only indents a quote's lines, which reads as
a stray indent: their text is drawn in the muted colour too, as reading views draw quotes,
and again in the new colour when the look changes."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

QUOTE_LINE = re.compile(r"^ {0,3}>", re.MULTILINE)


class QuoteColours:
    """The runs of quoted lines in one document, and the colour they are drawn in."""

    def __init__(self) -> None:
        self._format = QTextCharFormat()
        self._runs: list[QTextCursor] = []
        """A selection of each run (it follows edits; text taken away leaves it empty)."""

    def take_colour(self, colour: QColor) -> None:
        """The colour for quotes from now on (:meth:`recolour` gives it to those drawn)."""
        self._format.setForeground(colour)

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


def _quoted(block_format: QTextFormat) -> bool:
    return block_format.intProperty(QTextFormat.Property.BlockQuoteLevel) > 0
