"""Quotes in an answer. Qt's markdown import only indents a quote's lines, which reads as
a stray indent: their text is drawn in the muted colour too, as reading views draw quotes
(the view colours them, and again when the look changes)."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat

QUOTE_LINE = re.compile(r"^ {0,3}>", re.MULTILINE)


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
