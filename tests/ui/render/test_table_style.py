"""Styling a markdown table is one edit of its document: each format change alone laid the
growing table out again, a 22 ms stall in the frame that showed it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QTextBlock, QTextCursor, QTextDocument

from desktop.ui.render.table_style import style_table, tables_since

TABLE = "| 模型 | size | speed |\n|---|---:|---|\n" + "".join(
    f"| llama{n} | {n}B | **fast** |\n" for n in range(6)
)


def test_a_table_is_styled_in_one_layout_pass(qapp: object) -> None:
    document = QTextDocument()
    document.setTextWidth(800)
    QTextCursor(document).insertMarkdown(TABLE)
    document.documentLayout().documentSize()  # laid out, as a shown answer is
    [table] = tables_since(document, 0)
    changes: list[object] = []
    document.documentLayout().update.connect(lambda area: changes.append(area))  # a new layout

    style_table(table, QColor("#d0d0d0"), QColor("#f0f0f0"))

    assert len(changes) == 1
    assert table.format().headerRowCount() == 1 and table.format().border() == 1
    assert table.cellAt(0, 0).format().background().color() == QColor("#f0f0f0")
    short_cell = table.cellAt(1, 0).firstCursorPosition().block()
    assert short_cell.blockFormat().nonBreakableLines()


def test_a_table_after_a_quote_has_its_first_header_on_the_header_line(qapp: object) -> None:
    document = QTextDocument()
    document.setTextWidth(800)
    QTextCursor(document).insertMarkdown("> Tip: pick a smaller variant.\n\n" + TABLE)
    [table] = tables_since(document, 0)

    style_table(table, QColor("#d0d0d0"), QColor("#f0f0f0"))

    layout = document.documentLayout()
    headers = [table.cellAt(0, column).firstCursorPosition().block() for column in range(3)]
    assert [block.text() for block in headers] == ["模型", "size", "speed"]
    assert len({layout.blockBoundingRect(block).top() for block in headers}) == 1
    assert {block.blockFormat().topMargin() for block in headers} == {0}
    assert {weight(block) for block in headers} == {QFont.Weight.Bold}
    assert [
        bool(block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight) for block in headers
    ] == [False, True, False]  # the columns' alignment (---:)
    cell = table.cellAt(0, 0)
    assert cell.lastPosition() - cell.firstPosition() == len("模型")


def weight(block: QTextBlock) -> QFont.Weight:
    """The weight of the block's first character."""
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    return cursor.charFormat().fontWeight()


def test_a_table_has_as_much_room_below_it_as_above_it(qtbot):
    from desktop.core.markdown_blocks import split_blocks
    from desktop.ui.render.block_document_view import BlockDocumentView

    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.lay_out_at(600)
    view.add_blocks(split_blocks("Before.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n"))
    document = view.document()
    layout = document.documentLayout()

    def line(text: str) -> QRectF:
        return layout.blockBoundingRect(document.find(text).block())

    above = line("a").top() - line("Before.").bottom()  # margins, border and padding
    below = line("After.").top() - line("2").bottom()
    assert abs(below - above) <= 1, "as much room below the table as above it"
