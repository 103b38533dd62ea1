"""Task lists are drawn with check boxes: filled in the accent colour with a check mark
when done, an empty outline when not, where Qt drew its crossed-out square."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPalette

from desktop.core.markdown_blocks import Block, BlockKind, split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.growing_block_view import GrowingBlockView
from desktop.ui.theme import DARK, LIGHT, apply_theme

TASKS = """Before the release:

- [x] Bump the version
- [ ] Run the tests
  - [X] on Linux
  - [ ] on Windows
- Tell the team
"""


def view_of(qtbot, source: str) -> BlockDocumentView:
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    for block in split_blocks(source):
        view.add(block, copyable=True)
    return view


def first_line(view: BlockDocumentView, text: str) -> QRectF:
    """Where the first line of the item holding ``text`` is drawn."""
    block = view.document().find(text).block()
    place = view.document().documentLayout().blockBoundingRect(block).topLeft()
    return block.layout().lineAt(0).naturalTextRect().translated(place)


def colour_share(image: QImage, box, colour: QColor) -> float:
    """How much of ``box`` (device independent) is near ``colour``."""
    ratio = image.devicePixelRatio()
    near = total = 0
    for x in range(round(box.left() * ratio), round(box.right() * ratio)):
        for y in range(round(box.top() * ratio), round(box.bottom() * ratio)):
            pixel = image.pixelColor(x, y)
            total += 1
            near += all(
                abs(a - b) < 40
                for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True)
            )
    return near / max(total, 1)


def test_each_task_item_has_a_box_left_of_its_text_and_says_whether_it_is_done(qtbot) -> None:
    view = view_of(qtbot, TASKS)
    boxes = view.task_boxes.boxes(view.document())
    assert [done for _, done in boxes] == [True, False, True, False]
    document = view.document()
    for (box, _), text in zip(boxes, ["Bump", "Run", "on Linux", "on Windows"], strict=True):
        line = first_line(view, text)
        assert line.left() - document.indentWidth() < box.left() < box.right() < line.left()
        assert line.top() <= box.center().y() <= line.bottom(), text
        assert box.width() == box.height() >= 9
    nested, top = boxes[2][0], boxes[0][0]
    assert nested.left() > top.left(), "a nested item's box steps in with its list"


def test_a_done_box_is_filled_in_the_accent_colour_an_open_one_is_not(qtbot, restore_look) -> None:
    from PySide6.QtWidgets import QApplication

    for look in (LIGHT, DARK):
        apply_theme(QApplication.instance(), look)
        view = view_of(qtbot, TASKS)
        image = view.viewport().grab().toImage()
        accent = view.palette().color(QPalette.ColorRole.Highlight)
        (done, _), (todo, _) = view.task_boxes.boxes(view.document())[:2]
        assert colour_share(image, done, accent) > 0.5, look
        inside = todo.adjusted(3, 3, -3, -3)
        assert colour_share(image, inside, accent) == 0, look
        assert colour_share(image, inside, view.palette().color(QPalette.ColorRole.Base)) > 0.9


def test_qt_draws_no_marker_of_its_own_for_a_task_item(qtbot) -> None:
    """Its crossed-out square would show around the box."""
    view = view_of(qtbot, TASKS)
    view.task_boxes.reset()  # the boxes are not painted: what is left is Qt's
    image = view.viewport().grab().toImage()
    text = view.palette().color(QPalette.ColorRole.Text)
    for start in ("Bump", "Run"):
        line = first_line(view, start)
        left_of_text = QRectF(line.left() - view.document().indentWidth(), line.top(), 0, 0)
        left_of_text.setBottomRight(QPointF(line.left() - 2, line.bottom()))
        assert colour_share(image, left_of_text, text) == 0


def test_a_growing_task_list_drawn_again_keeps_one_box_per_item(qtbot) -> None:
    view = GrowingBlockView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    source = ""
    for line in TASKS.splitlines(keepends=True):
        source += line
        view.draw(Block(BlockKind.PROSE, source))
    assert len(view.task_boxes) == 4, "no cursor left behind where an item was drawn before"
    assert [done for _, done in view.task_boxes.boxes(view.document())] == [
        True,
        False,
        True,
        False,
    ]


def test_a_box_stands_level_with_chinese_text(qtbot) -> None:
    """Chinese glyphs come from a fallback font with a taller ascent, which lowers the
    line's baseline: the box follows it (it stood 2-3 px above the glyphs)."""
    view = view_of(qtbot, "- [x] 更新变更日志\n- [ ] 发布安装包\n")
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    boxes = view.task_boxes.boxes(view.document())
    for (box, _), text in zip(boxes, ["更新", "发布"], strict=True):
        line = first_line(view, text)
        ink = [
            y
            for y in range(round(line.top() * ratio), round(line.bottom() * ratio))
            if any(
                image.pixelColor(x, y).lightness() < 140
                for x in range(round(line.left() * ratio), round(line.right() * ratio))
            )
        ]
        assert abs((ink[0] + ink[-1] + 1) / 2 / ratio - box.center().y()) <= 1.0
