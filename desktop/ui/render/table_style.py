"""Markdown tables as a current app draws them: thin rules in the border colour, room in
the cells, the header row shaded. Wide tables make the document wider than the view,
which then scrolls sideways (BlockDocumentView)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextDocument, QTextTable

CELL_PADDING_PX = 6


def tables_since(document: QTextDocument, position: int) -> list[QTextTable]:
    """The top-level tables starting at or after ``position`` (call it outside an edit
    block: inside one the document does not list its new frames yet)."""
    found = []
    for frame in reversed(document.rootFrame().childFrames()):
        if frame.firstPosition() < position:
            break
        if isinstance(frame, QTextTable):
            found.append(frame)
    return found[::-1]


def style_table(table: QTextTable, rule: QColor, header: QColor) -> None:
    table_format = table.format()
    table_format.setBorder(1)
    table_format.setBorderCollapse(True)
    table_format.setBorderBrush(rule)
    table_format.setCellSpacing(0)
    table_format.setCellPadding(CELL_PADDING_PX)
    table_format.setTopMargin(6)
    table_format.setBottomMargin(8)
    table_format.setHeaderRowCount(1)
    table.setFormat(table_format)
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(header)
        cell.setFormat(cell_format)
