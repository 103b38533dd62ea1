"""A quote in an answer is drawn in the muted colour, and follows the look."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRectF
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


NESTED = (
    "Before.\n\n"
    "> The manual says:\n>\n> > Set `num_ctx` before loading.\n>\n> So restart it.\n\n"
    "After.\n"
)


def test_a_quote_has_a_bar_at_its_left_for_each_level_and_nothing_else_has(qtbot):
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.lay_out_at(600)
    view.add_blocks(split_blocks(NESTED))
    view.show()
    qtbot.waitExposed(view)
    document = view.document()
    layout = document.documentLayout()

    def line(text: str) -> QRectF:
        return layout.blockBoundingRect(document.find(text).block())

    bars = view.quotes.bars(document)
    outer = [bar for bar in bars if bar.left() == bars[0].left()]
    inner = [bar for bar in bars if bar.left() > bars[0].left()]
    assert len(inner) == 1, "the nested line has a second bar"
    # The outer bar runs unbroken from the quote's first line to its last.
    assert outer[0].top() == line("The manual says").top()
    assert all(a.bottom() == b.top() for a, b in itertools.pairwise(outer))
    assert outer[-1].bottom() == line("So restart it").bottom()
    assert inner[0].top() == line("Set").top() and inner[0].bottom() == line("Set").bottom()
    assert all(bar.right() < line("The manual says").left() + 40 for bar in outer)
    assert all(bar.bottom() <= line("After.").top() for bar in bars)

    picture = view.viewport().grab().toImage()
    rule = QColor(view.palette().color(QPalette.ColorRole.Mid).name())
    middle = outer[0].center().toPoint()
    assert picture.pixelColor(middle) == rule, "painted in the rules' colour"
    assert picture.pixelColor(middle.x(), int(line("Before.").center().y())) != rule
