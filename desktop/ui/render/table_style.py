"""Tables: markdown's, as a current app draws them, and the one-row header of a code
block (its language, Copy, Save…). Markdown tables get thin rules in the border colour,
room in the cells and a shaded header row; a wide one scrolls sideways on its own, under a
bar of its own (sideways_boxes)."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

CELL_PADDING_PX = 6
UNBROKEN_CELL_CHARS = 40
"""A cell with no more text than this keeps it on one line (a name, a number): a table of
such cells that is wider than the view scrolls sideways instead of breaking words
anywhere. Longer cells (notes) wrap."""
ABOVE_TABLE_PX = 10
BELOW_TABLE_PX = 4
"""The text after a table has its own top margin, which does not merge with the table's
as a paragraph's does above it: Qt's 6 and 8 px left 22 px below a table and 14 above
it (and 9 under a list's last item, which read as sitting on it); now 16 both."""
HEADER_GAP_PX = 6
"""Between a code block's header row's rule and the first code line."""


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
    """One edit of the document: each format change alone lays the table out again
    (22 ms for seven rows, a stall in the frame that shows a growing table; 1.4 ms so)."""
    edit = QTextCursor(table.document())
    edit.beginEditBlock()
    try:
        _style(table, rule, header)
    finally:
        edit.endEditBlock()


def _style(table: QTextTable, rule: QColor, header: QColor) -> None:
    _drop_stray_first_line(table)
    table_format = table.format()
    table_format.setBorder(1)
    table_format.setBorderCollapse(True)
    table_format.setBorderBrush(rule)
    table_format.setCellSpacing(0)
    table_format.setCellPadding(CELL_PADDING_PX)
    table_format.setTopMargin(ABOVE_TABLE_PX)
    table_format.setBottomMargin(BELOW_TABLE_PX)
    table_format.setHeaderRowCount(1)
    table.setFormat(table_format)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(header)
        cell.setFormat(cell_format)
        text = cell.firstCursorPosition()
        text.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        text.mergeCharFormat(bold)  # the import left it regular after a quote or fence
        if table.rows() > 1:  # the import aligns only the body to the column's colons
            aligned = QTextBlockFormat()
            body = table.cellAt(1, column).firstCursorPosition().blockFormat()
            aligned.setAlignment(body.alignment())
            text.mergeBlockFormat(aligned)
    for row in range(table.rows()):
        for column in range(table.columns()):
            cursor = table.cellAt(row, column).firstCursorPosition()
            block = cursor.block()
            if (
                len(block.text()) <= UNBROKEN_CELL_CHARS
                and not block.blockFormat().nonBreakableLines()
            ):
                unbroken = QTextBlockFormat()
                unbroken.setNonBreakableLines(True)
                cursor.mergeBlockFormat(unbroken)
    _hide_empty_line_after(table)


def _hide_empty_line_after(table: QTextTable) -> None:
    """Qt's import follows a table with an empty line before the text after it: a line's
    height of stray space below every table. The last line of the document stays (the
    text still to come goes there)."""
    document = table.document()
    after = document.findBlock(table.lastPosition() + 1)
    if after.isValid() and not after.text() and after.next().isValid() and after.isVisible():
        after.setVisible(False)
        # A change there, laid out with the edit (markContentsDirty would lay out now and
        # swallow the edit's contentsChange, which highlighters and the tests listen to).
        QTextCursor(after).setBlockFormat(after.blockFormat())


def _drop_stray_first_line(table: QTextTable) -> None:
    """Qt's markdown import (6.11) opens a table that follows a quote or a code fence
    with an empty line in its first cell, and gives the header's own line the quote's
    margins: the first header sat a line and more below the others. Its text joins the
    empty line, which is formatted as the other header cells are."""
    cell = table.cellAt(0, 0)
    first = cell.firstCursorPosition().block()
    own = first.next()
    if first.text() or not own.isValid() or own.position() > cell.lastPosition():
        return
    header_format = first.blockFormat()
    cursor = QTextCursor(first)
    cursor.deleteChar()  # the empty line's end: the line left has the text's format
    cursor.setBlockFormat(header_format)


def header_row_format() -> QTextTableFormat:
    """A borderless row as wide as the code, its gap to the code below it."""
    table = QTextTableFormat()
    table.setBorder(0)
    table.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
    table.setCellSpacing(0)
    table.setCellPadding(0)
    table.setMargin(0)
    table.setBottomMargin(HEADER_GAP_PX)
    table.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table.setColumnWidthConstraints(
        [
            QTextLength(QTextLength.Type.PercentageLength, 70),
            QTextLength(QTextLength.Type.PercentageLength, 30),
        ]
    )
    return table
