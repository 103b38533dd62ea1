"""Code blocks read well in light and dark: every syntax colour reaches WCAG AA (4.5:1)
against the block's own background as drawn, and the header row names the language
with Copy on the right."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.theme import DARK, LIGHT, apply_theme

EVERY_KIND = '''```python
@cache  # a comment
def area(shape: Shape) -> float:
    """A docstring."""
    return 3.14 * shape.radius ** 2
```
'''
KINDS = {
    "decorator": "@cache",
    "comment": "# a comment",
    "keyword": "def",
    "type": "Shape",
    "string": '"""A docstring."""',
    "number": "3.14",
}


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def code_view(qtbot: object) -> BlockDocumentView:
    view = BlockDocumentView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(600, 300)
    view.add_blocks(split_blocks(EVERY_KIND))
    view.show()
    return view


def block_background(view: BlockDocumentView) -> QColor:
    """The colour drawn just inside the code block's top left corner, where no text is."""
    assert view.code_frame is not None
    frame = view.document().documentLayout().frameBoundingRect(view.code_frame)
    fmt = view.code_frame.frameFormat()
    x = frame.left() + fmt.leftMargin() + fmt.border() + 2
    y = frame.top() + fmt.topMargin() + fmt.border() + 2
    return view.viewport().grab().toImage().pixelColor(int(x), int(y))


def drawn_colours(view: BlockDocumentView) -> dict[str, QColor]:
    """The colour each kind of token is drawn in, read from the laid-out code lines."""
    found: dict[str, QColor] = {}
    block = view.document().begin()
    while block.isValid():
        text = block.text()
        for fmt in block.layout().formats():
            piece = text[fmt.start : fmt.start + fmt.length]
            for kind, sample in KINDS.items():
                if piece == sample:
                    found[kind] = fmt.format.foreground().color()
        block = block.next()
    return found


@pytest.mark.parametrize("look", [LIGHT, DARK])
def test_every_code_colour_reaches_aa_contrast_on_the_code_block(
    qtbot: object, restore_look: None, look: str
) -> None:
    apply_theme(app(), look)
    view = code_view(qtbot)
    background = block_background(view)
    colours = drawn_colours(view)
    assert set(colours) == set(KINDS), "every kind of token is coloured"
    colours["plain code"] = view.palette().color(QPalette.ColorRole.Text)
    too_faint = {
        kind: round(contrast(colour, background), 2)
        for kind, colour in colours.items()
        if contrast(colour, background) < 4.5
    }
    assert not too_faint, f"below 4.5:1 on {background.name()} ({look}): {too_faint}"


def test_switching_the_look_recolours_code_already_shown(qtbot: object, restore_look: None) -> None:
    apply_theme(app(), LIGHT)
    view = code_view(qtbot)
    light_background, light_comment = block_background(view), drawn_colours(view)["comment"]
    apply_theme(app(), DARK)
    dark_background, dark_comment = block_background(view), drawn_colours(view)["comment"]
    assert luminance(dark_background) < 0.1 < luminance(light_background)
    assert dark_comment != light_comment
    assert contrast(dark_comment, dark_background) >= 4.5


def test_the_header_names_the_language_with_copy_on_the_right(qtbot: object) -> None:
    view = code_view(qtbot)
    assert view.code_headers.link_text(0) == "Copy"
    link = QTextCursor(view.code_headers.copy_links[0])
    link.setPosition(link.selectionStart())
    language = QTextCursor(view.document())
    language.setPosition(view.document().find("python").selectionStart())
    copy_at, language_at = view.cursorRect(link), view.cursorRect(language)
    assert copy_at.top() == language_at.top(), "one header row"
    assert copy_at.left() > view.viewport().width() * 0.75, "Copy at the right end"
    first_line = view.document().find("@cache")
    assert view.cursorRect(first_line).top() > copy_at.bottom(), "the code below its header"


def test_a_list_after_code_follows_it_without_an_empty_line(qtbot: object) -> None:
    view = code_view(qtbot)
    view.add_blocks(split_blocks("- first point\n- second point\n"))
    layout = view.document().documentLayout()
    assert view.code_frame is not None
    code_bottom = layout.frameBoundingRect(view.code_frame).bottom()
    first_point = view.document().find("first point").block()
    gap = layout.blockBoundingRect(first_point).top() - code_bottom
    assert gap < view.fontMetrics().lineSpacing(), f"{gap}px between the code and the list"
