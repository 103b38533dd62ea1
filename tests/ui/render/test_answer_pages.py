"""An answer's pages: text held out of sight costs a page per PAGE_CHARS at estimated
heights, the end is taken back off to be drawn, and a drawn page is built ahead only when
the text ends on a held page."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.answer_pages import AnswerPages
from desktop.ui.render.block_page import PAGE_CHARS

PARAGRAPH = "A sentence that keeps the answer growing well past the bottom of the view. " * 3


def pages_in(qtbot) -> tuple[QWidget, AnswerPages]:
    view = QWidget()
    qtbot.addWidget(view)
    view.resize(600, 400)
    paging = AnswerPages(QVBoxLayout(view))
    paging.new(held=False).show()
    return view, paging


def test_held_text_takes_a_page_per_page_of_text_and_gives_its_end_back(qtbot) -> None:
    _view, paging = pages_in(qtbot)
    assert not paging.build_ahead(), "the text ends on a drawn page: nothing to build"
    blocks = split_blocks(f"{PARAGRAPH}\n\n" * 40)
    paging.hold(blocks)
    chars = sum(len(block.source) for block in blocks)
    assert chars // PAGE_CHARS <= paging.held <= -(-chars // PAGE_CHARS)
    assert all(page.height() > 0 and page.isHidden() for page in paging.pages[1:])
    near = paging.take_near(200)
    assert near and near == blocks[-len(near) :], "the last blocks, in order"
    assert paging.build_ahead() and not paging.build_ahead(), "one drawn page, once"
    drawn = paging.open()
    assert not drawn.held and drawn is paging.pages[-1]
    paging.release_ahead()  # nothing left to let go: the frame took it
    assert drawn.view is not None
