"""One document of rendered markdown blocks, as tall as its content.

Prose becomes rich text (Qt's markdown: headings, lists, task lists, quotes, tables, rules;
task_boxes and quotes paint what Qt draws plainly), prepared by core.math_spans: formulas
become images (formula_text), images by URL become links (never fetched), footnote marks
superscripts. Fenced code goes in a framed block on
the code background under a header row (code_headers: its language, Copy and Save…), its
lines never wrapped: a code block, table or formula wider than the view scrolls sideways
on its own (sideways_boxes), and the text around it stays put.
Finished code is coloured by Pygments (code_colours). Mermaid stays code with Copy: drawing
it natively needs a graph layout engine (dagre/ELK, JavaScript), not worth a web engine.

Blocks are only ever appended, so each is laid out once. The header is a one-row table:
small, laid out once; the code lines stay in the frame's own flow, where a growing block is
laid out only from the change on (in a table cell every append would lay out the whole cell).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QMimeData, QPointF, QSizeF, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontDatabase,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
    QTextTable,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.core.markdown_blocks import Block, BlockKind
from desktop.core.math_spans import prepare_prose
from desktop.ui.render.auto_height_browser import AutoHeightBrowser
from desktop.ui.render.clipboard_exit import hand_clipboard_back_at_exit
from desktop.ui.render.code_colours import CodeColours
from desktop.ui.render.code_headers import CodeHeaders
from desktop.ui.render.code_highlighter import LANGUAGE, CodeHighlighter
from desktop.ui.render.formula_images import formula_renderer
from desktop.ui.render.formula_text import DocumentFormulas, source_text
from desktop.ui.render.list_markers import vary_bullets
from desktop.ui.render.prose_spacing import (
    PARAGRAPH_GAP_LINES,
    list_indent_px,
    opening_format,
    space_prose,
)
from desktop.ui.render.quotes import Quotes
from desktop.ui.render.sideways_boxes import SidewaysBoxes
from desktop.ui.render.table_style import style_table, tables_since
from desktop.ui.render.task_boxes import TaskBoxes

CODE_STEP_LINES = 150
"""A finished code block longer than this is drawn this many lines a turn (~5 ms), and
coloured by Pygments only (the regex pass over 2,000 lines would take ~100 ms)."""
CODE_PADDING_PX = 10
"""Room around the code inside its frame (the header row spans it too)."""


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


class BlockDocumentView(AutoHeightBrowser):
    """One document of rendered blocks; links open in the browser, Copy links copy code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self._indent_lists()
        self.highlighter = CodeHighlighter(self.document(), dark=_dark(self))
        self.formulas = DocumentFormulas(self, formula_renderer())
        self._code_rest: list[tuple[QTextFrame, list[str]]] = []
        """Long code blocks' lines still to draw, a step a turn (each frame's steps)."""
        self._code_clock = QTimer(self)
        self._code_clock.setSingleShot(True)
        self._code_clock.setInterval(0)
        self._code_clock.timeout.connect(self._draw_code_step)
        self.code_headers = CodeHeaders(self)
        self.code_colours = CodeColours(
            self.document(),
            self.highlighter,
            lambda: not self._code_rest,
            self.code_headers.name_guessed,
        )
        self.quotes = Quotes()
        self.task_boxes = TaskBoxes()
        self.sideways = SidewaysBoxes()
        self._code_format = QTextCharFormat()
        self._code_format.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._frame_format = QTextFrameFormat()
        self._frame_format.setBorder(1)
        self._frame_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        self._frame_format.setPadding(CODE_PADDING_PX)
        self._frame_format.setTopMargin(6)
        self._colours: tuple[str, ...] = ()
        self._take_colours()
        self._tables_since: int | None = None
        self._tables: list[QTextTable] = []
        """Markdown tables (recoloured when the look changes)."""
        self._code_frames: list[QTextFrame] = []
        """Each code block's frame (recoloured when the look changes)."""
        self._ends_with_code = False
        self.code_frame: QTextFrame | None = None
        """The frame of the last code block rendered."""
        self.horizontalScrollBar().valueChanged.connect(self._keep_left)
        self.document().documentLayout().documentSizeChanged.connect(self._find_wide)

    def _indent_lists(self) -> None:
        indent = list_indent_px(self.fontMetrics())
        if indent != self.document().indentWidth():  # a change lays the document out again
            self.document().setIndentWidth(indent)

    def _take_colours(self) -> bool:
        """Colour code blocks from the palette (the look in force); False if unchanged."""
        palette, role = self.palette(), QPalette.ColorRole
        colours = tuple(
            palette.color(name).name()
            for name in (role.AlternateBase, role.Mid, role.PlaceholderText, role.Link)
        )
        if colours == self._colours:
            return False
        self._colours = colours
        background, rule, muted, link = (QColor(colour) for colour in colours)
        self._frame_format.setBackground(background)
        self._frame_format.setBorderBrush(rule)
        self.code_headers.take_colours(rule, muted, link)
        self.quotes.take_colours(muted, rule)
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.sideways.boxes:
            self.sideways.paint(self, event, super().paintEvent)
        else:
            super().paintEvent(event)
        if not (self.quotes.any or self.task_boxes.any):  # as most paints of an answer
            return
        origin = QPointF(0, -self.verticalScrollBar().value())
        if self.quotes.any:
            self.quotes.paint_bars(self.viewport(), self.document(), event, origin)
        if self.task_boxes.any:
            self.task_boxes.paint(self.viewport(), self.document(), event, origin)

    def _find_wide(self, size: QSizeF | None = None) -> None:
        """After each layout (every frame of a streaming answer): most find nothing wide."""
        width = (size or self.document().size()).width()
        if self.sideways.boxes or width > self.document().textWidth() + 0.5:
            self.sideways.find(self, QColor(self._colours[1]), width)

    def _keep_left(self, value: int) -> None:
        """The view never scrolls sideways as a whole (selecting past its edge would)."""
        if value:
            self.horizontalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._find_wide()  # the page's edge moved, maybe not the document's size

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._mouse(super().mousePressEvent, event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._mouse(super().mouseMoveEvent, event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._mouse(super().mouseReleaseEvent, event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._mouse(super().mouseDoubleClickEvent, event)

    def _mouse(self, handle: Callable[[QMouseEvent], None], event: QMouseEvent) -> None:
        """Over a scrolled block, the mouse points at the text drawn there."""
        moved = self.sideways.moved(event)
        handle(moved)
        event.setAccepted(moved.isAccepted())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.sideways.wheel(event):
            super().wheelEvent(event)

    def code_frames(self) -> list[QTextFrame]:
        """The code blocks' frames, top to bottom."""
        return list(self._code_frames)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves through the links while the view has the focus (QTextBrowser's own);
        from a wide block's bar it goes on to the next bar, or on out of the answer, not
        back to the links."""
        if self.hasFocus():
            return super().focusNextPrevChild(next)
        return QAbstractScrollArea.focusNextPrevChild(self, next)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._take_colours():
            self._recolour()
            self.formulas.refresh()
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self.formulas.refresh()
        if event.type() == QEvent.Type.FontChange:
            self._indent_lists()
        if event.type() == QEvent.Type.LanguageChange:
            self.code_headers.retranslate()
            self.sideways.retranslate()

    def _recolour(self) -> None:
        """The look changed (light and dark): code drawn before takes its colours."""
        with self.editing():
            for frame in self._code_frames:
                frame.setFrameFormat(self._frame_format)
            self.code_headers.recolour()
            for table in self._tables:
                style_table(table, QColor(self._colours[1]), QColor(self._colours[0]))
            self.quotes.recolour()
        self.highlighter.set_dark(_dark(self))
        self._find_wide()  # the code blocks' edges in the new colour

    def add(self, block: Block, *, copyable: bool) -> None:
        """Append ``block`` (a code block gets a Copy link when ``copyable``; a finished
        ```math block is a display formula, as on GitHub)."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if block.kind is BlockKind.CODE and block.closed and block.language.lower() == "math":
            block = Block(BlockKind.PROSE, f"$${block.code}$$")
        if block.kind is BlockKind.CODE:
            self._add_code(cursor, block, copyable=copyable)  # a frame starts its own line
            return
        start = cursor.block()
        if start.text():  # else the document is empty or ends after a frame
            opening = opening_format(
                block.source, self._line_px(), after_list=start.textList() is not None
            )
            cursor.insertBlock(opening, QTextCharFormat())
        prose = prepare_prose(block.source.lstrip("\n"))  # leading blank lines mean nothing
        at = cursor.position()
        cursor.insertMarkdown(prose.markdown)
        if "|" not in prose.markdown:
            space_prose(self.document(), at, self._line_px())
        elif self._tables_since is None:
            self._tables_since = at  # after the edit: frames (tables) show up only then
        self.quotes.colour_new(self.document(), prose.markdown, at)
        self.task_boxes.take_new(self.document(), prose.markdown, at)
        vary_bullets(self.document(), at, prose.markdown)
        if prose.formulas:
            self.formulas.place(at, prose.formulas)
        if not start.text() and start.next().isValid():
            start.setVisible(False)  # a list or heading after code left an empty line

    def _add_code(self, cursor: QTextCursor, block: Block, *, copyable: bool) -> None:
        """A frame holding the header row (language, Copy) and then the code lines."""
        # What follows stands as far below as below a paragraph (Qt's 8 px read as tight).
        self._frame_format.setBottomMargin(round(self._line_px() * PARAGRAPH_GAP_LINES) + 4)
        before = cursor.block()
        if not before.text():  # the line a document keeps before a frame: after code, or
            before.setVisible(False)  # first, it set the block a line further down
        self.code_frame = cursor.insertFrame(self._frame_format)
        self._code_frames.append(self.code_frame)
        self.code_headers.add(cursor, block.language, block.code, copyable=copyable)
        cursor = self.code_frame.lastCursorPosition()  # the line after the header
        lines = block.code.split("\n")
        long = copyable and len(lines) > CODE_STEP_LINES
        line = QTextBlockFormat()
        line.setProperty(LANGUAGE, "" if long else block.language)  # long: Pygments' only
        line.setNonBreakableLines(True)  # long lines scroll sideways
        cursor.setBlockFormat(line)
        cursor.setBlockCharFormat(self._code_format)
        first_line = QTextCursor(self.document())
        code_start = cursor.position()
        cursor.insertText("\n".join(lines[:CODE_STEP_LINES]), self._code_format)
        first_line.setPosition(code_start)  # set now: a cursor at an insertion point moves
        if long:
            steps = range(CODE_STEP_LINES, len(lines), CODE_STEP_LINES)
            rest = ["\n" + "\n".join(lines[at : at + CODE_STEP_LINES]) for at in steps]
            self._code_rest.append((self.code_frame, rest))
            self._code_clock.start()
        if copyable:
            self.code_colours.colour(first_line, block.code, block.language)

    def _draw_code_step(self) -> None:
        """The next lines of a long code block (plain: Pygments colours them next)."""
        if not self._code_rest:
            return
        frame, rest = self._code_rest[0]
        cursor = frame.lastCursorPosition()
        cursor.insertText(rest.pop(0), self._code_format)
        if not rest:
            self._code_rest.pop(0)
        if self._code_rest:
            self._code_clock.start()

    def _line_px(self) -> int:
        return self.fontMetrics().lineSpacing()

    def style_new_tables(self) -> None:
        """Style the tables the markdown made since the last call (table_style), and
        space the prose around them (prose_spacing: their cells keep their margins)."""
        since, self._tables_since = self._tables_since, None
        if since is None:
            return
        with self.editing():  # one layout pass, not one per paragraph spaced
            space_prose(self.document(), since, self._line_px(), tables=True)
            for table in tables_since(self.document(), since):
                style_table(table, QColor(self._colours[1]), QColor(self._colours[0]))
                self._tables.append(table)

    def add_blocks(self, blocks: list[Block]) -> None:
        """Append ``blocks`` (their Copy links included) with one layout pass."""
        self._show_last_line(True)
        with self.editing():
            for block in blocks:
                if block.kind is BlockKind.CODE or block.source.strip():
                    self.add(block, copyable=True)
                    self._ends_with_code = block.kind is BlockKind.CODE
        self.style_new_tables()
        self._show_last_line(not self._ends_with_code)  # outside: it would undo the colours

    def _show_last_line(self, visible: bool) -> None:
        """A document always has a line after its last frame. After code it is hidden,
        so that what comes next (the growing block, another page) is not pushed down."""
        last = self.document().lastBlock()
        if last.isVisible() != visible and not last.text():
            last.setVisible(visible)
            self.document().markContentsDirty(last.position(), last.length())

    @contextmanager
    def editing(self) -> Iterator[None]:
        """Changes made inside are laid out (and coloured) once, at the end."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            yield
        finally:
            cursor.endEditBlock()

    def append_code(self, text: str) -> None:
        """More code at the end of the last code block (a growing tail)."""
        if self.code_frame is None:
            return
        cursor = self.code_frame.lastCursorPosition()
        cursor.insertText(text, self._code_format)

    def source_text(self) -> str:
        """The text as drawn, formulas as their LaTeX source."""
        return source_text(self.document())

    def createMimeDataFromSelection(self) -> QMimeData:
        """Selected formulas copy as their source (the rich text keeps the images)."""
        rich = super().createMimeDataFromSelection()  # its text is made from the document
        cursor = self.textCursor()
        data = QMimeData()
        data.setHtml(rich.html())
        data.setText(source_text(self.document(), cursor.selectionStart(), cursor.selectionEnd()))
        hand_clipboard_back_at_exit()
        return data

    def reset(self) -> None:
        self.sideways.reset()
        self.clear()
        self.formulas.reset()
        self.code_colours.reset()
        self._code_rest.clear()
        self._code_clock.stop()
        self._tables.clear()
        self.quotes.reset()
        self.task_boxes.reset()
        self._tables_since = None
        self.code_frame = None
        self._code_frames.clear()
        self.code_headers.reset()
        self._ends_with_code = False

    def _follow(self, url: QUrl) -> None:
        if not self.code_headers.follow(url):
            QDesktopServices.openUrl(url)
