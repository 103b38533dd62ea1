"""Real-style answers (tests/data/answers) rendered as a person sees them: formulas as
math images that copy as their LaTeX, prices as text, broken LaTeX as marked source, code
in any language coloured by its tokens, tables, task lists, links instead of images."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication

from desktop.core.markdown_blocks import split_blocks
from desktop.core.math_spans import find_formulas
from desktop.core.messages import Role
from desktop.ui.chat.messages.message_list import MessageList
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.code_highlighter import LIGHT
from desktop.ui.render.formula_text import FORMULA
from desktop.ui.render.growing_block_view import GrowingBlockView
from desktop.ui.render.markdown_view import MarkdownView
from tests.ui.conftest import wait_until

ANSWERS = Path(__file__).parents[2] / "data" / "answers"


def answer(name: str) -> str:
    return (ANSWERS / f"{name}.md").read_text(encoding="utf-8")


def views(body: MarkdownView) -> list[BlockDocumentView]:
    return [page.view for page in body.pages() if page.view is not None]


def settled(body: MarkdownView) -> bool:
    return not any(view.formulas.pending or view.code_colours.busy for view in views(body))


async def shown(qtbot: object, text: str, width: int = 900) -> MarkdownView:
    body = MarkdownView()
    qtbot.addWidget(body)  # type: ignore[attr-defined]
    body.resize(width, 700)
    body.show()
    body.set_text(text)
    await wait_until(lambda: settled(body))
    return body


def formula_images(view: BlockDocumentView) -> list[str]:
    """The source of every formula drawn as an image, in order."""
    found = []
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            char_format = iterator.fragment().charFormat()
            if char_format.isImageFormat() and char_format.property(FORMULA):
                found.append(char_format.property(FORMULA))
            iterator += 1
        block = block.next()
    return found


def format_at(view: BlockDocumentView, text: str, offset: int = 0) -> QTextCharFormat:
    """The format a line's highlighter gave the character ``offset`` into ``text``."""
    found = view.document().find(text)
    assert not found.isNull(), text
    block = found.block()
    at = found.selectionStart() - block.position() + offset
    ranges = block.layout().formats()
    for layout_format in ranges:
        if layout_format.start <= at < layout_format.start + layout_format.length:
            return QTextCharFormat(layout_format.format)
    return QTextCharFormat()


def char_format_at(view: BlockDocumentView, text: str, offset: int) -> QTextCharFormat:
    """The document's own format of the character ``offset`` into ``text``."""
    found = view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + offset + 1)  # the format before the cursor
    return cursor.charFormat()


def colour_of(view: BlockDocumentView, text: str, offset: int = 0) -> str:
    return format_at(view, text, offset).foreground().color().name()


async def test_a_derivation_shows_every_formula_as_math_and_copies_the_latex(qtbot):
    text = answer("derivation")
    body = await shown(qtbot, text)
    (view,) = views(body)
    expected = [formula.source for _, _, formula in find_formulas(text)]
    assert len(expected) == 16
    assert formula_images(view) == expected, "every formula is drawn, none left as source"
    centred = [
        view.document().findBlock(position).blockFormat().alignment()
        for position in range(view.document().characterCount())
        if view.document().characterAt(position) == "\ufffc"
    ]
    assert centred.count(Qt.AlignmentFlag.AlignHCenter) == 3, "three display formulas centred"

    view.selectAll()
    view.copy()
    copied = QGuiApplication.clipboard().text()
    assert r"$\bar{X} = \frac{1}{n}\sum_{i=1}^{n} X_i$" in copied
    assert r"\(\sigma / \sqrt{n}\)" in copied
    assert "\ufffc" not in copied
    assert body.plain_text().count("$$") == 4 and r"\[" in body.plain_text()


async def test_formulas_follow_the_theme_text_colour(qtbot):
    body = await shown(qtbot, "So $x^2$ it is.")
    (view,) = views(body)
    assert ink(view, "formula:0") == rounded(view.palette().text().color())


async def test_a_new_formula_is_rasterised_off_the_ui_thread(qtbot, monkeypatch):
    """The UI thread only puts a new formula's image in its line: the image is drawn in
    the view's look on the thread that received the SVG."""
    import threading

    from desktop.ui.render import formula_images as images

    threads: list[threading.Thread] = []
    rasterise = images.rasterise

    def noting(*args: object) -> object:
        threads.append(threading.current_thread())
        return rasterise(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(images, "rasterise", noting)
    body = await shown(qtbot, r"A formula seen by no test before: $\sqrt{q_{271}}$.")
    (view,) = views(body)
    assert formula_images(view) == [r"$\sqrt{q_{271}}$"]
    assert ink(view, "formula:0") == rounded(view.palette().text().color())
    assert threads and threading.main_thread() not in threads


async def test_formulas_after_an_emoji_replace_their_own_place(qtbot):
    """Qt counts an emoji as two positions: the formulas after one in the same paragraph
    still take exactly their own place (not the character before), and copy back whole."""
    text = "Earth 🌍 has $x^2$ and 😀😀 then $y_1$ end."
    body = await shown(qtbot, text)
    (view,) = views(body)
    assert formula_images(view) == ["$x^2$", "$y_1$"]
    assert view.toPlainText() == "Earth 🌍 has \ufffc and 😀😀 then \ufffc end."
    assert body.plain_text() == text


async def test_prices_stay_text(qtbot):
    body = await shown(qtbot, answer("prices"))
    (view,) = views(body)
    assert formula_images(view) == ["$x$"]
    shown_text = view.toPlainText()
    assert "costs $5 and the pro plan $10 per month" in shown_text
    assert "between $20-$40" in shown_text
    assert "US$ 3.50" in shown_text


async def test_broken_latex_stays_readable_and_marked(qtbot):
    body = await shown(qtbot, answer("broken_latex"))
    (view,) = views(body)
    assert formula_images(view) == ["$a + b$"]
    for source in (r"$\frac{1}{$", r"$$\begin{matrix} a & b$$"):
        char_format = char_format_at(view, source, 1)
        assert char_format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
        assert char_format.toolTip()
    assert r"$\frac{1}{$" in body.plain_text()


async def test_a_formula_is_drawn_once_its_closing_delimiter_arrives(qtbot):
    from desktop.core.markdown_blocks import Block, BlockKind

    tail = GrowingBlockView()
    qtbot.addWidget(tail)
    tail.show()
    tail.draw(Block(BlockKind.PROSE, r"Hence $\frac{a}{b"))
    await wait_until(lambda: not tail.formulas.pending)
    assert formula_images(tail) == []
    assert r"$\frac{a}{b" in tail.toPlainText()
    tail.draw(Block(BlockKind.PROSE, r"Hence $\frac{a}{b}$ holds"))
    await wait_until(lambda: formula_images(tail) == [r"$\frac{a}{b}$"])
    assert tail.toPlainText().endswith(" holds")


async def test_code_in_many_languages_is_coloured_by_its_tokens(qtbot):
    body = await shown(qtbot, answer("coding"))
    (view,) = views(body)
    await wait_until(lambda: not view.code_colours.busy)
    keyword, string, deleted = LIGHT["keyword"], LIGHT["string"], LIGHT["deleted"]
    assert view.palette().window().color().lightness() >= 128, "the light colours apply"
    assert colour_of(view, "fn main()") == keyword  # rust
    assert colour_of(view, "package main") == keyword  # go
    assert colour_of(view, "SELECT name") == keyword  # sql
    assert colour_of(view, "GROUP BY name HAVING", 14) == keyword
    assert colour_of(view, '"nginx:1.27"') == string  # yaml
    assert colour_of(view, '-print("hello")') == deleted  # diff
    assert colour_of(view, '+print("hello, world")') == string
    assert colour_of(view, "FROM python:3.11-slim") == keyword  # dockerfile
    assert colour_of(view, "def guess_me") == keyword, "a fence without a language is guessed"
    languages = [
        view.code_colours.language(index) for index in range(len(view.code_headers.copy_links))
    ]
    assert languages[:9] == [
        "Python",
        "Rust",
        "Go",
        "SQL",
        "YAML",
        "JSON",
        "Diff",
        "Bash",
        "Docker",
    ]
    assert languages[9] == "Python"
    assert "\npython\nCopy   Save…\ndef guess_me" in view.toPlainText(), "the guess is shown"


async def test_mermaid_is_code_with_copy_and_long_lines_scroll_sideways(qtbot):
    body = await shown(qtbot, answer("coding"))
    (view,) = views(body)
    mermaid = [block for block in body.code_blocks() if block.language == "mermaid"]
    assert len(mermaid) == 1
    assert len(view.code_headers.copy_links) == len(body.code_blocks()) == 12
    view.code_headers.copy(10)
    assert QGuiApplication.clipboard().text() == mermaid[0].code
    long_line = view.document().find("this_is_a_very_long_line").block()
    assert long_line.layout().lineCount() == 1, "code does not wrap"
    (box,) = view.sideways.boxes
    assert box.frame.firstPosition() <= long_line.position() <= box.frame.lastPosition()
    assert box.bar.maximum() > 0, "its block scrolls sideways instead"


async def test_tables_lists_quotes_and_images_by_url(qtbot):
    body = await shown(qtbot, answer("wide_table"))
    (view,) = views(body)
    tables = [f for f in view.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1
    table = tables[0]
    assert (table.rows(), table.columns()) == (4, 7)

    def alignment(row: int, column: int) -> Qt.AlignmentFlag:
        cursor = table.cellAt(row, column).firstCursorPosition()
        return cursor.blockFormat().alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask

    assert alignment(1, 1) == Qt.AlignmentFlag.AlignRight
    assert alignment(1, 2) == Qt.AlignmentFlag.AlignHCenter
    assert alignment(1, 0) == Qt.AlignmentFlag.AlignLeft
    document = view.document()
    done = document.find("Pull the models").block().blockFormat().marker()
    todo = document.find("Compare the answers").block().blockFormat().marker()
    assert (done, todo) == (done.Checked, todo.Unchecked)
    assert document.find("algebra").block().textList() is not None
    assert document.find("Comparison").block().blockFormat().headingLevel() == 2
    link = document.find("throughput chart")
    assert link.charFormat().anchorHref() == "https://example.com/chart.png"
    assert not any(
        document.characterAt(position) == "\ufffc" for position in range(document.characterCount())
    ), "no image is loaded"
    assert "notes¹" in view.toPlainText() and "¹ Measured" in view.toPlainText()


async def test_copy_a_message_as_markdown_or_as_plain_text(qtbot):
    messages = MessageList(lambda step: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(messages)
    messages.resize(900, 600)
    messages.show()
    bubble = messages.add(Role.ASSISTANT, "model")
    text = answer("wide_table")
    bubble.set_content(text)
    actions = bubble.message_actions
    actions.copy_markdown.trigger()
    assert QGuiApplication.clipboard().text() == text
    actions.copy_plain.trigger()
    plain = QGuiApplication.clipboard().text()
    assert "Model\tParameters\tContext" in plain
    assert "|" not in plain and "**" not in plain and "## " not in plain
    assert "☑ Pull the models" in plain
    assert "throughput chart (https://example.com/chart.png)" in plain


@pytest.mark.parametrize("position", ["start", "middle"])
async def test_selected_text_around_a_formula_copies_its_source(qtbot, position):
    body = await shown(qtbot, r"Take $\alpha + \beta$ now.")
    (view,) = views(body)
    cursor = QTextCursor(view.document())
    start = 0 if position == "start" else len("Take ")
    cursor.setPosition(start)
    cursor.setPosition(len("Take ") + 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.copy()
    expected = r"Take $\alpha + \beta$" if position == "start" else r"$\alpha + \beta$"
    assert QGuiApplication.clipboard().text() == expected


async def test_a_finished_2000_line_block_is_drawn_in_steps_and_coloured_throughout(qtbot):
    from desktop.ui.render.block_document_view import CODE_STEP_LINES
    from desktop.ui.render.code_highlighter import LexedLine

    lines = [
        f"def step_{n}(x):  # line {n}" if n % 2 else f"    return x + {n}" for n in range(2000)
    ]
    view = BlockDocumentView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.add_blocks(split_blocks("```python\n" + "\n".join(lines) + "\n```\n"))
    code_lines = view.document().blockCount()
    assert code_lines < CODE_STEP_LINES + 20, "only the first lines are drawn at once"
    await wait_until(lambda: not view.code_colours.busy)
    first = view.document().find("    return x + 0").block()
    coloured, block = 0, first
    while block.isValid() and block.text():
        coloured += isinstance(block.userData(), LexedLine)
        block = block.next()
    assert coloured == 2000
    last = view.document().find("def step_1999(x)").block()
    assert colour_of(view, "def step_1999") == LIGHT["keyword"]
    assert format_at(view, "# line 1999", 0).fontItalic()
    assert last.text() == "def step_1999(x):  # line 1999"


def ink(view: BlockDocumentView, name: str) -> tuple[int, int, int]:
    """The colour most of a formula's (nearly) opaque pixels have, to the nearest 8 per
    channel (edges blend)."""
    image = view.document().resource(3, name)  # an ImageResource
    colours = Counter(
        (colour.red() // 8, colour.green() // 8, colour.blue() // 8)
        for x in range(image.width())
        for y in range(image.height())
        if (colour := image.pixelColor(x, y)).alpha() > 200
    )
    return colours.most_common(1)[0][0]


def rounded(colour: QColor) -> tuple[int, int, int]:
    return (colour.red() // 8, colour.green() // 8, colour.blue() // 8)


async def test_switching_the_look_redraws_formulas_in_the_new_text_colour(qtbot, restore_look):
    from desktop.ui.theme import DARK as DARK_LOOK
    from desktop.ui.theme import LIGHT as LIGHT_LOOK
    from desktop.ui.theme import apply_theme

    apply_theme(QApplication.instance(), LIGHT_LOOK)
    body = await shown(qtbot, r"Energy $E = mc^2$ holds.")
    (view,) = views(body)
    light = rounded(view.palette().text().color())
    assert ink(view, "formula:0") == light
    apply_theme(QApplication.instance(), DARK_LOOK)
    dark = rounded(view.palette().text().color())
    assert dark != light
    assert ink(view, "formula:0") == dark


async def test_save_writes_the_code_to_the_chosen_file(qtbot, tmp_path):
    from desktop.ui.render.code_saving import save_code, suffix_for

    assert (suffix_for("rust"), suffix_for("python"), suffix_for("")) == (".rs", ".py", ".txt")
    body = await shown(qtbot, "```rust\nfn main() {}\n```\n")
    (view,) = views(body)
    dialog = save_code(view, body.code_blocks()[0].code, "rust")
    assert dialog.isVisible() and dialog.selectedFiles()[0].endswith("code.rs")
    target = tmp_path / "main.rs"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    assert target.read_text(encoding="utf-8") == "fn main() {}\n"


async def test_an_answer_never_loads_an_image_by_name(qtbot, tmp_path):
    from PySide6.QtGui import QImage

    picture = tmp_path / "secret.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(picture))
    body = await shown(qtbot, f'Look: <img src="{picture.as_uri()}"> and ![x]({picture.as_uri()})')
    (view,) = views(body)
    assert view.document().resource(3, picture.as_uri()) is None
    assert view.document().find("x").charFormat().anchorHref() == picture.as_uri()
    assert view.toPlainText().startswith(f"Look: 🖼 {picture.as_uri()} and 🖼 x")


async def test_angle_brackets_in_prose_do_not_swallow_the_rest(qtbot):
    body = await shown(qtbot, "Return a Vec<T> when a<b, then stop.<br>Next line.")
    (view,) = views(body)
    assert view.toPlainText() == "Return a Vec<T> when a<b, then stop.\nNext line."


async def test_a_table_too_wide_for_the_view_scrolls_sideways(qtbot):
    header = "| " + " | ".join(f"column_{n}_with_a_long_unbroken_name" for n in range(8)) + " |"
    rule = "|" + "---|" * 8
    row = "| " + " | ".join(f"value_{n}_that_cannot_wrap_anywhere" for n in range(8)) + " |"
    body = await shown(qtbot, f"{header}\n{rule}\n{row}\n")
    (view,) = views(body)
    (box,) = view.sideways.boxes
    assert isinstance(box.frame, QTextTable) and box.bar.maximum() > 0
    # Wide enough for its short cells under any look an earlier test left applied (the
    # app's style sheet widens cells): its long cells wrap instead of scrolling.
    narrow = await shown(qtbot, answer("wide_table"), width=1200)
    assert views(narrow)[0].sideways.boxes == [], "a table that fits wraps"


async def test_a_math_fence_is_a_display_formula(qtbot):
    body = await shown(qtbot, "Then\n\n```math\n\\int_0^1 x\\,dx = \\tfrac{1}{2}\n```\n\nso.")
    (view,) = views(body)
    assert formula_images(view) == ["$$\\int_0^1 x\\,dx = \\tfrac{1}{2}$$"], view.toPlainText()
    assert body.code_blocks()[0].language == "math", "the source keeps its fence"
    assert not view.code_headers.copy_links


async def test_a_formula_ending_a_block_is_drawn_though_more_follows(qtbot):
    body = await shown(qtbot, "The value is $y^2$\n```python\nprint(1)\n```\nAnd $z$")
    (view,) = views(body)
    assert formula_images(view) == ["$y^2$", "$z$"]
