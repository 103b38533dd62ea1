"""Where the blocks of an answer's document are drawn, as sideways_boxes needs them: a
frame's border box, the paragraphs outside frames, a paragraph's lines wider than the
page, and the page's right edge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QTextBlock,
    QTextDocument,
    QTextFrame,
    QTextTable,
)
from PySide6.QtWidgets import QTextEdit


def frame_outline(layout: QAbstractTextDocumentLayout, frame: QTextFrame) -> QRectF:
    """Where ``frame``'s border box is drawn. For a table, Qt's frameBoundingRect is moved
    by its first cell's offset (it adds the position of the cell holding the frame's first
    character, meant for frames nested in a cell): the table's outline is taken from the
    cells of its first and last rows."""
    if not isinstance(frame, QTextTable):
        frame_format = frame.frameFormat()
        rect = layout.frameBoundingRect(frame)
        return rect.adjusted(0, frame_format.topMargin(), 0, -frame_format.bottomMargin())
    table_format = frame.format()
    around = table_format.cellPadding() + table_format.border() / 2
    first = [_cell_rect(layout, frame, 0, column) for column in range(frame.columns())]
    last = [
        _cell_rect(layout, frame, frame.rows() - 1, column) for column in range(frame.columns())
    ]
    return QRectF(
        QPointF(first[0].left(), min(cell.top() for cell in first)),
        QPointF(first[-1].right(), max(cell.bottom() for cell in last)),
    ).adjusted(-around, -around, around, around)


def paragraphs(document: QTextDocument) -> list[QTextBlock]:
    """The shown paragraphs outside the frames (code blocks, tables): the root frame's
    own blocks, without walking a frame's lines (a long code block has thousands)."""
    found = []
    child = document.rootFrame().begin()
    while not child.atEnd():
        block = child.currentBlock()
        if block.isValid() and block.isVisible() and block.length() > 1:  # else anywhere
            found.append(block)
        child += 1
    return found


def wide_lines(
    layout: QAbstractTextDocumentLayout, block: QTextBlock, right: float
) -> QRectF | None:
    """Where a paragraph's lines wider than the page are drawn (None: it has none)."""
    lines = block.layout()
    place = layout.blockBoundingRect(block).topLeft()
    outline: QRectF | None = None
    for index in range(lines.lineCount()):
        line = lines.lineAt(index)
        width = line.x() + line.naturalTextWidth()
        if place.x() + width > right + 0.5:
            rect = QRectF(place.x(), place.y() + line.y(), width, line.height())
            outline = rect if outline is None else outline.united(rect)
    return outline


def paragraph_bottom(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    """Where a paragraph's last line ends (its bar goes in the room below)."""
    lines = block.layout()
    last = lines.lineAt(lines.lineCount() - 1)
    return layout.blockBoundingRect(block).top() + last.y() + last.height()


def _cell_rect(
    layout: QAbstractTextDocumentLayout, table: QTextTable, row: int, column: int
) -> QRectF:
    """The text area of a cell: from its first line's top to its last line's bottom."""
    cell = table.cellAt(row, column)
    top = layout.blockBoundingRect(cell.firstCursorPosition().block())
    bottom = layout.blockBoundingRect(cell.lastCursorPosition().block())
    return top.united(bottom)


def page_right(view: QTextEdit) -> float:
    """Where the page's text ends on the right: a block that fits ends there too."""
    document = view.document()
    return document.textWidth() - document.documentMargin()
