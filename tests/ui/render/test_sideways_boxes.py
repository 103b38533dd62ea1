"""A code block or a table wider than the answer scrolls sideways on its own, under a bar
of its own; the prose around it stays where it is, and the mouse selects what is drawn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPalette, QTextTable, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollBar
from pytestqt.qtbot import QtBot

from desktop.core.markdown_blocks import Block, BlockKind, split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.growing_block_view import GrowingBlockView
from desktop.ui.render.markdown_view import MarkdownView
from desktop.ui.render.sideways_boxes import WHEEL_STEP_PX, Box
from desktop.ui.theme import DARK, LIGHT, apply_theme
from tests.ui.conftest import wait_until

LONG_LINE = (
    "SELECT customers.name, customers.email, orders.id, orders.total, orders.created_at, "
    "shipments.carrier FROM customers JOIN orders ON orders.customer_id = customers.id "
    "WHERE orders.total > 100 AND lastword;"
)
HEADER = "| " + " | ".join(f"column_{n}" for n in range(12)) + " |"
RULE = "|" + "---|" * 12
ROW = "| " + " | ".join(f"value_{n}_long" for n in range(12)) + " |"
ANSWER = f"""Here is the query:

```sql
{LONG_LINE}
```

And the table:

{HEADER}
{RULE}
{ROW}

The prose after it wraps within the page and never moves sideways with the blocks above.
"""


def view_of(qtbot: QtBot, source: str = ANSWER, width: int = 500) -> BlockDocumentView:
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    view.add_blocks(split_blocks(source))
    QApplication.processEvents()
    return view


def rows(image: QImage, top: int, bottom: int) -> list[bytes]:
    """The pixels of rows ``top``..``bottom`` (device independent), one bytes per row."""
    ratio = image.devicePixelRatio()
    width = image.width()
    return [
        bytes(image.pixelColor(x, y).rgb() % 256 for x in range(0, width, 2))
        for y in range(round(top * ratio), round(bottom * ratio))
    ]


def prose_rect(view: BlockDocumentView) -> QRect:
    block = view.document().find("The prose after").block()
    return view.document().documentLayout().blockBoundingRect(block).toAlignedRect()


def test_each_wide_block_gets_its_own_bar_and_the_view_never_scrolls_as_a_whole(qtbot):
    view = view_of(qtbot)
    code, table = view.sideways.boxes
    assert isinstance(table.frame, QTextTable) and not isinstance(code.frame, QTextTable)
    for box in (code, table):
        assert box.bar.isVisible() and box.bar.maximum() > 0
        assert box.bar.geometry().right() < view.viewport().width()
    assert code.bar.maximum() > table.bar.maximum() > 0, "each as far as its own width"
    assert not view.horizontalScrollBar().isVisible()
    prose = prose_rect(view)
    assert table.bar.geometry().bottom() < prose.top(), "the table's bar stands above the text"
    assert not any(box.inside.intersects(prose) for box in (code, table))
    view.horizontalScrollBar().setValue(200)  # as a selection dragged past the edge would
    assert view.horizontalScrollBar().value() == 0


def test_scrolling_a_block_moves_only_that_block(qtbot):
    view = view_of(qtbot)
    code, table = view.sideways.boxes
    before = view.grab().toImage()
    code.bar.setValue(code.bar.maximum())
    after = view.grab().toImage()
    inside = code.inside
    assert rows(after, inside.top(), inside.bottom()) != rows(before, inside.top(), inside.bottom())
    prose = prose_rect(view)
    assert rows(after, prose.top(), prose.bottom()) == rows(before, prose.top(), prose.bottom())
    assert rows(after, table.inside.top(), table.inside.bottom()) == rows(
        before, table.inside.top(), table.inside.bottom()
    ), "the table did not move with the code"
    table.bar.setValue(table.bar.maximum())
    moved = view.grab().toImage()
    assert rows(moved, table.inside.top(), table.inside.bottom()) != rows(
        after, table.inside.top(), table.inside.bottom()
    )
    assert rows(moved, prose.top(), prose.bottom()) == rows(before, prose.top(), prose.bottom())


def test_the_mouse_selects_the_word_drawn_under_it_in_a_scrolled_block(qtbot):
    view = view_of(qtbot)
    code = view.sideways.boxes[0]
    code.bar.setValue(code.bar.maximum())
    line = view.document().find("lastword").block()
    layout = view.document().documentLayout()
    place = layout.blockBoundingRect(line)
    start, _ = line.layout().lineAt(0).cursorToX(line.text().index("lastword"))
    drawn_at = QPoint(round(place.left() + start - code.offset) + 8, round(place.center().y()))
    assert code.inside.contains(drawn_at), "the word's end is in sight"
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=drawn_at)
    assert view.textCursor().selectedText() == "lastword"


def mouse(view: BlockDocumentView, kind: QEvent.Type, at: QPoint, held: bool = True) -> None:
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    buttons = left if held else Qt.MouseButton.NoButton
    global_at = QPointF(view.viewport().mapToGlobal(at))
    event = QMouseEvent(
        kind, QPointF(at), global_at, button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view.viewport(), event)


def test_dragging_a_selection_past_a_blocks_edge_scrolls_it_and_selects_on(qtbot):
    view = view_of(qtbot)
    code = view.sideways.boxes[0]
    line = view.document().find("lastword").block()
    y = round(view.document().documentLayout().blockBoundingRect(line).center().y())
    mouse(view, QEvent.Type.MouseButtonPress, QPoint(code.inside.left() + 12, y))
    for step in range(1, 40):
        mouse(view, QEvent.Type.MouseMove, QPoint(code.inside.right() + 5 * step, y))
    mouse(view, QEvent.Type.MouseButtonRelease, QPoint(code.inside.right() + 200, y), held=False)
    assert code.offset == code.bar.maximum(), "it scrolled to the line's end"
    selected = view.textCursor().selectedText()
    assert selected == LONG_LINE, "from the press to the end of the line, no more"
    mouse(view, QEvent.Type.MouseMove, QPoint(code.inside.right() + 300, y), held=False)
    assert code.offset == code.bar.maximum(), "a move after the release scrolls nothing"


def wheel(view: BlockDocumentView, at: QPoint, dx: int, dy: int) -> QWheelEvent:
    event = QWheelEvent(
        QPointF(at),
        QPointF(view.viewport().mapToGlobal(at)),
        QPoint(),
        QPoint(dx, dy),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    return event


def test_a_sideways_wheel_scrolls_the_block_under_the_pointer_and_no_other(qtbot):
    view = view_of(qtbot)
    code, table = view.sideways.boxes
    wheel(view, table.inside.center(), -120, 0)
    assert table.offset > 0 and code.offset == 0
    up_down = wheel(view, code.inside.center(), 0, -120)
    assert code.offset == 0, "an up-down wheel scrolls the conversation, not the block"
    assert not up_down.isAccepted()


def test_blocks_that_fit_have_no_box_and_the_table_gives_back_its_room(qtbot):
    view = view_of(qtbot, width=500)
    table = view.sideways.boxes[1].frame
    narrow_margin = table.format().bottomMargin()
    view.resize(3000, 300)
    QApplication.processEvents()
    assert view.sideways.boxes == []
    assert table.format().bottomMargin() < narrow_margin
    view.resize(500, 300)
    QApplication.processEvents()
    assert len(view.sideways.boxes) == 2


def test_an_answer_with_nothing_wide_has_no_box(qtbot):
    fitting = "Short text.\n\n```python\nprint(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    view = view_of(qtbot, fitting)
    assert view.sideways.boxes == []
    assert view.viewport().findChildren(QScrollBar) == [], "no bar stands over the answer"


def test_a_growing_code_block_keeps_its_box_and_offset_as_lines_arrive(qtbot):
    tail = GrowingBlockView()
    qtbot.addWidget(tail)
    tail.resize(500, 200)
    tail.show()
    tail.draw(Block(BlockKind.CODE, f"```sql\n{LONG_LINE}\n", language="sql", closed=False))
    QApplication.processEvents()
    (box,) = tail.sideways.boxes
    box.bar.setValue(120)
    more = f"{LONG_LINE}\nSELECT 1;\nSELECT 2;\n"
    tail.draw(Block(BlockKind.CODE, f"```sql\n{more}", language="sql", closed=False))
    QApplication.processEvents()
    assert tail.sideways.boxes == [box] and box.offset == 120
    assert box.inside.height() > 2 * tail.fontMetrics().lineSpacing(), "it grew with its lines"
    tail.draw(None)
    assert tail.sideways.boxes == []


def test_a_scrolled_code_blocks_right_edge_takes_each_look(qtbot):
    view = view_of(qtbot)
    code = view.sideways.boxes[0]
    assert code.edge is not None
    for look in (DARK, LIGHT):
        apply_theme(QApplication.instance(), look)
        QApplication.processEvents()
        image = view.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        edge = image.pixelColor(
            round(code.edge.left() * ratio), round(code.inside.center().y() * ratio)
        )
        assert edge == view.palette().color(QPalette.ColorRole.Mid), look


async def test_a_formula_wider_than_the_page_scrolls_on_its_own_line(qtbot):
    terms = " + ".join(f"a_{{{n}}} x^{{{n}}}" for n in range(30))
    body = MarkdownView()
    qtbot.addWidget(body)
    body.resize(400, 300)
    body.show()
    body.set_text(f"Sum:\n\n$$f(x) = {terms}$$\n\nand inline ${terms}$ too, then the end.")
    view = body.pages()[0].view
    assert view is not None
    await wait_until(lambda: not view.formulas.pending and len(view.sideways.boxes) == 2)
    display, inline = view.sideways.boxes
    assert display.frame is None and inline.frame is None, "paragraphs, not frames"
    assert display.bar.maximum() > 0 and inline.bar.maximum() > 0
    for words in ("Sum", "and inline", "too, then"):
        cursor = view.document().find(words)
        place = view.cursorRect(cursor).center()
        assert not any(box.inside.contains(place) for box in (display, inline)), words
    before = view.grab().toImage()
    inline.bar.setValue(inline.bar.maximum())
    scrolled = view.grab().toImage()
    line = inline.inside
    assert rows(scrolled, line.top(), line.bottom()) != rows(before, line.top(), line.bottom())
    top = display.inside
    assert rows(scrolled, top.top(), top.bottom()) == rows(before, top.top(), top.bottom())


def test_a_code_block_scrolled_while_it_grew_stays_scrolled_once_finished(qtbot):
    body = MarkdownView()
    qtbot.addWidget(body)
    body.resize(500, 400)
    body.show()
    body.append(f"Here:\n\n```sql\n{LONG_LINE}\nSELECT 1;\n")  # a person's pace: drawn now
    QApplication.processEvents()
    tail = [view for view in body.findChildren(GrowingBlockView) if view.isVisible()]
    (growing,) = tail[0].sideways.boxes
    growing.bar.setValue(150)
    body.append("```\n\nDone.")
    QApplication.processEvents()
    page = body.pages()[-1].view
    assert page is not None and page.code_frame is not None
    (box,) = page.sideways.boxes
    assert box.frame is page.code_frame and box.offset == 150


async def test_the_keyboard_reaches_each_wide_block_and_scrolls_it(qtbot):
    """Tab goes from the answer's links to its wide blocks, top to bottom; a focused
    block's arrow keys and End scroll it, and a ring in the highlight colour shows it."""
    view = view_of(qtbot)
    code, table = view.sideways.boxes
    view.activateWindow()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    await wait_until(view.hasFocus, 2)
    reached = []
    for _ in range(6):  # the code block's Copy and Save links come first
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if not view.hasFocus():
            break
    assert reached[-1] is code.bar
    highlight = view.palette().color(QPalette.ColorRole.Highlight)

    def ring_at(box: Box) -> bool:
        image = view.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        left = QPoint(
            round((box.inside.left() + 1) * ratio), round(box.inside.center().y() * ratio)
        )
        return image.pixelColor(left) == highlight

    assert ring_at(code) and not ring_at(table)
    QTest.keyClick(code.bar, Qt.Key.Key_Right)
    assert code.offset == WHEEL_STEP_PX
    QTest.keyClick(code.bar, Qt.Key.Key_End)
    assert code.offset == code.bar.maximum() > WHEEL_STEP_PX
    QTest.keyClick(code.bar, Qt.Key.Key_Tab)
    assert table.bar.hasFocus() and table.offset == 0
    assert ring_at(table) and not ring_at(code)


@pytest.mark.parametrize("following", [False, True])
async def test_a_long_formula_scrolled_while_it_streamed_stays_scrolled_at_the_end(
    qtbot, following
):
    """The answer's last paragraph grows until the stream ends; then it is drawn on its
    page, at once or (the view following the end) in a frame drawn out of sight."""
    terms = " + ".join(f"a_{{{n}}} x^{{{n}}}" for n in range(30))
    body = MarkdownView()
    qtbot.addWidget(body)
    body.resize(400, 300)
    body.show()
    body.append(f"Sum:\n\n$$f(x) = {terms}$$")  # a person's pace: drawn now, still growing
    growing = next(view for view in body.findChildren(GrowingBlockView) if view.isVisible())
    await wait_until(lambda: len(growing.sideways.boxes) == 1)
    growing.sideways.boxes[0].bar.setValue(150)
    body.finish(in_frame=following)
    if following:
        assert body.prepare_frame(300)
        while body.draw_frame():
            pass
        body.show_frame()
    page = body.pages()[-1].view
    assert page is not None
    await wait_until(lambda: len(page.sideways.boxes) == 1)
    (kept,) = page.sideways.boxes
    assert kept.frame is None and kept.offset == 150
