"""A nested bulleted list shows its depth in its bullet: a disc, a circle, then a square,
whichever bullet the model typed; numbered lists keep their numbers."""

from __future__ import annotations

from PySide6.QtGui import QTextListFormat

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView

Style = QTextListFormat.Style
ANSWER = """Steps:

- top
  - nested
    - deeper
      - deepest
1. first
   - under a number
"""


def bullets(view: BlockDocumentView) -> dict[str, Style]:
    found: dict[str, Style] = {}
    block = view.document().begin()
    while block.isValid():
        if block.textList() is not None:
            found[block.text()] = block.textList().format().style()
        block = block.next()
    return found


def test_each_depth_has_its_own_bullet(qtbot) -> None:
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.add_blocks(split_blocks(ANSWER))
    assert bullets(view) == {
        "top": Style.ListDisc,
        "nested": Style.ListCircle,
        "deeper": Style.ListSquare,
        "deepest": Style.ListSquare,
        "first": Style.ListDecimal,
        "under a number": Style.ListCircle,
    }


def test_a_flat_list_has_discs_whichever_bullet_the_model_typed(qtbot) -> None:
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.add_blocks(split_blocks("- one\n- two\n\n* three\n\n+ four\n\n*not a list*\n"))
    assert set(bullets(view).values()) == {Style.ListDisc}
