"""Where a document's blocks are drawn: a table's outline is where its border is, though
Qt's frameBoundingRect puts a table where its first cell's text starts."""

from __future__ import annotations

from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.block_outlines import frame_outline, paragraphs, wide_lines

ANSWER = """Before the table.

| Name | Size |
|---|--:|
| qwen3 | 8B |

```python
print("a line of code")
```

After it.
"""


def drawn(qtbot) -> BlockDocumentView:
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    view.add_blocks(split_blocks(ANSWER))
    QApplication.processEvents()
    return view


def test_a_tables_outline_is_where_its_border_is_drawn(qtbot) -> None:
    view = drawn(qtbot)
    layout = view.document().documentLayout()
    (table,) = [f for f in view.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    outline = frame_outline(layout, table)
    assert layout.frameBoundingRect(table).top() > outline.top() + 4, "Qt's is the cell's"
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    x = round(outline.center().x() * ratio)
    column = [image.pixelColor(x, y).lightness() for y in range(image.height())]
    above = round((outline.top() - 6) * ratio)  # between the text before and the table
    top = next(y for y in range(above, image.height()) if column[y] != column[above]) / ratio
    assert abs(top - outline.top()) <= 1.5, (top, outline.top())


def test_paragraphs_are_the_text_outside_code_and_tables_and_fit_the_page(qtbot) -> None:
    view = drawn(qtbot)
    texts = [block.text() for block in paragraphs(view.document())]
    assert texts == ["Before the table.", "After it."]
    layout = view.document().documentLayout()
    right = view.document().textWidth()
    assert all(wide_lines(layout, block, right) is None for block in paragraphs(view.document()))
