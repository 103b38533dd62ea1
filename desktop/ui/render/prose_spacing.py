"""The space around an answer's paragraphs and headings.

Qt's markdown import puts 6 px above and below every paragraph and list item (between two
blocks the larger margin counts) and none around headings: at the window's font an
answer's paragraphs read as one wall of lines, and a heading sits as close to the text
above it as to its own. Answers are spaced as reading views space them instead: a
paragraph ends with a good part of a line, a heading has more room above than below. List
items keep Qt's 6 px, so a list stays together; the paragraph after a list stands as far
below it as the list below the paragraph before it.

A line's format is kept in the character that ends the line before it. The first line of
new text therefore gets its spacing when it is made (:func:`opening_format`): changing it
afterwards would change text drawn earlier, and lay it out again.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QFontMetrics,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

PARAGRAPH_GAP_LINES = 0.6
"""Below a paragraph, in lines of the answer's font."""
HEADING_GAP_LINES = 0.9
"""Above a heading, in lines of the answer's font."""
HEADING_AFTER_PX = 4
QT_PARAGRAPH_MARGIN_PX = 6
"""What Qt's markdown import puts above a paragraph at the answer's font."""
QT_QUOTE_INDENT_PX = 40
"""How far Qt's markdown import indents a quote, per level."""
HEADING = re.compile(r"#{1,6}\s")
QUOTE = re.compile(r"(?:>\s?)+")
NOT_A_PARAGRAPH = re.compile(r"(?:[-*+]|\d+[.)])\s|[|<]")
"""A list item, a table or HTML: lines the import formats itself."""


def list_indent_px(metrics: QFontMetrics) -> int:
    """Each list level's indent: room for a marker such as "10." and a character more
    (Qt's 40 px set nested lists far apart at the window's font)."""
    return metrics.horizontalAdvance("00. ") + metrics.averageCharWidth()


def opening_format(source: str, line_px: int, *, after_list: bool) -> QTextBlockFormat:
    """The format of the line that markdown ``source`` will start on (``after_list``: the
    line before it is a list item)."""
    spacing = QTextBlockFormat()
    above = round(line_px * PARAGRAPH_GAP_LINES) if after_list else QT_PARAGRAPH_MARGIN_PX
    text = source.lstrip()
    quote = QUOTE.match(text)
    if HEADING.match(text):
        spacing.setTopMargin(round(line_px * HEADING_GAP_LINES))
        spacing.setBottomMargin(HEADING_AFTER_PX)
    elif quote:  # as the import formats the quoted lines after the first
        level = quote[0].count(">")
        spacing.setProperty(QTextFormat.Property.BlockQuoteLevel, level)
        spacing.setLeftMargin(QT_QUOTE_INDENT_PX * level)
        spacing.setTopMargin(above)
        spacing.setBottomMargin(round(line_px * PARAGRAPH_GAP_LINES))
    elif not NOT_A_PARAGRAPH.match(text):
        spacing.setTopMargin(above)
        spacing.setBottomMargin(round(line_px * PARAGRAPH_GAP_LINES))
    return spacing


def space_prose(document: QTextDocument, start: int, line_px: int, *, tables: bool = False) -> None:
    """Space the paragraphs and headings after the line holding ``start`` to the end
    (just inserted from markdown; that first line too when it starts the document). With
    ``tables`` it may hold tables, whose cells keep their own margins: then it must run
    after the edit that made them, as their frames show up only then."""
    paragraph_gap = round(line_px * PARAGRAPH_GAP_LINES)
    heading_gap = round(line_px * HEADING_GAP_LINES)
    cursor = QTextCursor(document)
    block = document.findBlock(start)
    if block.position() > 0:
        block = block.next()
    while block.isValid():
        cursor.setPosition(block.position())
        spacing = block.blockFormat()
        if spacing.headingLevel():
            spacing.setTopMargin(heading_gap)
            spacing.setBottomMargin(HEADING_AFTER_PX)
            cursor.setBlockFormat(spacing)
        elif _paragraph(block, spacing) and not (tables and cursor.currentTable() is not None):
            spacing.setBottomMargin(paragraph_gap)
            if block.previous().textList() is not None:
                spacing.setTopMargin(paragraph_gap)
            cursor.setBlockFormat(spacing)
        block = block.next()


def _paragraph(block: QTextBlock, spacing: QTextBlockFormat) -> bool:
    """A paragraph or quoted line as the import made it (a list item, a table cell, a
    line it left empty have their own margins, or none)."""
    return block.textList() is None and spacing.bottomMargin() > 0
