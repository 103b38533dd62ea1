"""A quote in an answer is drawn in the muted colour, and follows the look."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCursor

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView

ANSWER = (
    "Pick a model that fits.\n\n"
    "> Tip: if it does not fit in memory,\n> pick a smaller variant.\n\n"
    "That is all.\n"
)


def colour_of(view: BlockDocumentView, text: str) -> QColor | None:
    """The colour the text is drawn in: None for the view's own."""
    found = view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + 1)
    brush = cursor.charFormat().foreground()
    return brush.color() if brush.style().value else None


def test_quoted_lines_are_muted_and_the_rest_is_not(qtbot):
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.lay_out_at(700)
    view.add_blocks(split_blocks(ANSWER))
    muted = QColor(view.palette().color(QPalette.ColorRole.PlaceholderText).name())
    assert colour_of(view, "Tip: if it does not fit") == muted
    assert colour_of(view, "pick a smaller variant") == muted
    assert colour_of(view, "Pick a model that fits") is None
    assert colour_of(view, "That is all") is None

    palette = view.palette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a5a00"))
    view.setPalette(palette)  # the look changed
    assert colour_of(view, "pick a smaller variant") == QColor("#8a5a00")


def test_a_quote_still_growing_is_muted_in_each_frame(qtbot):
    from desktop.core.markdown_blocks import Block, BlockKind
    from desktop.ui.render.growing_block_view import GrowingBlockView

    view = GrowingBlockView()
    qtbot.addWidget(view)
    view.lay_out_at(700)
    muted = QColor(view.palette().color(QPalette.ColorRole.PlaceholderText).name())
    text = "Before.\n\n> Tip: if it"
    view.draw(Block(BlockKind.PROSE, text))
    view.draw(Block(BlockKind.PROSE, text + " does not fit"))
    assert colour_of(view, "Tip: if it does not fit") == muted
    assert colour_of(view, "Before.") is None
