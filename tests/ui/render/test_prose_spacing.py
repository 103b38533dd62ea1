"""An answer's paragraphs and headings are spaced as a reading view spaces them."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView

TABLE = "| Variant | Size |\n|:--|--:|\n| 7B | 4.7 GB |\n\n"
ANSWER = (
    "Ollama keeps models in its own folder.\n\n"
    "Pull one first, then check it runs:\n\n"
    "- open Models\n- press Pull\n\n"
    "## What the numbers mean\n\n"
    "The quantization trades quality for memory.\n\n"
    f"{TABLE}"
    "That is all.\n"
)


def gaps(view: BlockDocumentView) -> dict[str, float]:
    """For each block, by its text: the space between the block above and it."""
    layout = view.document().documentLayout()
    found: dict[str, float] = {}
    above: QTextBlock | None = None
    block = view.document().begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if above is not None and block.text():
            found[block.text()] = rect.top() - layout.blockBoundingRect(above).bottom()
        above = block
        block = block.next()
    return found


def drawn(qtbot: object, markdown: str) -> BlockDocumentView:
    view = BlockDocumentView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.lay_out_at(700)
    view.add_blocks(split_blocks(markdown))
    return view


def test_paragraphs_stand_apart_and_list_items_together(qtbot):
    line = 0
    for markdown in (ANSWER, ANSWER.replace(TABLE, "")):  # spaced after the edit, or in it
        view = drawn(qtbot, markdown)
        line = view.fontMetrics().lineSpacing()
        space = gaps(view)
        assert space["Pull one first, then check it runs:"] >= 0.5 * line
        assert space["press Pull"] < space["Pull one first, then check it runs:"]
    assert line > 0


def test_a_heading_is_nearer_its_own_text_than_the_text_above(qtbot):
    view = drawn(qtbot, ANSWER)
    space = gaps(view)
    above = space["What the numbers mean"]
    below = space["The quantization trades quality for memory."]
    assert above >= 0.8 * view.fontMetrics().lineSpacing()
    assert below < above / 2


def test_the_growing_paragraph_is_spaced_as_the_finished_ones(qtbot):
    from desktop.core.markdown_blocks import Block, BlockKind
    from desktop.ui.render.growing_block_view import GrowingBlockView

    view = GrowingBlockView()
    qtbot.addWidget(view)
    view.lay_out_at(700)
    text = "First paragraph.\n\nSecond"
    view.draw(Block(BlockKind.PROSE, text))
    view.draw(Block(BlockKind.PROSE, text + " one, still growing."))
    finished = drawn(qtbot, "First paragraph.\n\nSecond one, still growing.")
    assert gaps(view) == gaps(finished)
    assert gaps(view)["Second one, still growing."] >= 0.5 * view.fontMetrics().lineSpacing()


def test_an_answer_with_a_table_is_spaced_in_one_change_after_its_edit(qtbot):
    """Spacing runs after the edit there (tables show up only then): each paragraph alone
    would lay the document out again, in every frame of a growing table."""
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.lay_out_at(700)
    changes: list[int] = []
    view.document().contentsChange.connect(lambda at, _removed, _added: changes.append(at))
    view.add_blocks(split_blocks(ANSWER))
    assert len(changes) == 2, "the edit, then the spacing and table styling"
    assert (
        gaps(view)["Pull one first, then check it runs:"] >= 0.5 * view.fontMetrics().lineSpacing()
    )


def test_text_after_a_code_block_stands_further_below_it_than_after_a_paragraph(qtbot):
    """A code block's drawn edge reads as nearer than a paragraph's last line: the text
    after it gets more room than the gap between paragraphs (Qt's 8 px read as tight)."""
    view = drawn(qtbot, "First.\n\nSecond.\n\n```python\nprint(1)\n```\nThe code above prints.\n")
    layout = view.document().documentLayout()
    after = view.document().find("The code above prints.").block()
    frame = view.code_frame
    edge = layout.frameBoundingRect(frame).bottom() - frame.frameFormat().bottomMargin()
    assert layout.blockBoundingRect(after).top() - edge > gaps(view)["Second."]


def test_a_list_stands_as_far_from_the_text_below_as_from_the_text_above(qtbot):
    """Qt gave the paragraph after a list its 6 px only: it read as the list's next item."""
    list_then_text = "Before:\n\n- one\n- two\n\nAfter.\n"
    for markdown in (list_then_text, list_then_text + "\n" + TABLE):  # spaced in or after
        space = gaps(drawn(qtbot, markdown))
        assert space["After."] == space["one"] > space["two"]


def test_nested_list_levels_step_in_by_a_little_more_than_their_markers(qtbot):
    view = drawn(qtbot, "- top\n  - nested\n    - deeper\n\n10. ten\n11. eleven\n")

    def left(text: str) -> float:
        found = view.document().find(text)
        found.setPosition(found.selectionStart())
        return view.cursorRect(found).left()

    step = left("nested") - left("top")
    assert step == left("deeper") - left("nested")
    marker = view.fontMetrics().horizontalAdvance("10. ")
    assert marker < step <= marker + 2 * view.fontMetrics().averageCharWidth()
    assert left("ten") >= marker, "the number fits"
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    assert view.document().indentWidth() > view.fontMetrics().horizontalAdvance("10. ")


def test_code_blocks_in_a_row_stand_as_far_apart_as_code_and_the_text_after_it(qtbot):
    """A document keeps a line before each frame: two code blocks stood a line further
    apart than code and text, and an answer opening with code began a line down."""
    two = "```python\nprint(1)\n```\n\n```sql\nSELECT 1;\n```\n"
    together = drawn(qtbot, two + "After.\n")
    apart = BlockDocumentView()  # each block in a frame of its own, as a streaming answer
    qtbot.addWidget(apart)
    apart.lay_out_at(700)
    for block in split_blocks(two + "After.\n"):
        apart.add_blocks([block])
    for view in (together, apart):
        layout = view.document().documentLayout()
        first, second = view.document().rootFrame().childFrames()
        gap_between = layout.frameBoundingRect(second).top() - edge_below(view, first)
        text_after = layout.blockBoundingRect(view.document().find("After.").block()).top()
        assert gap_between <= text_after - edge_below(view, second) + 1
        top_of_first = layout.frameBoundingRect(first).top()
        assert top_of_first <= view.document().documentMargin() + 1, "no empty line above"


def edge_below(view: BlockDocumentView, frame) -> float:
    """Where a code frame's drawn edge ends."""
    bottom = view.document().documentLayout().frameBoundingRect(frame).bottom()
    return bottom - frame.frameFormat().bottomMargin()
