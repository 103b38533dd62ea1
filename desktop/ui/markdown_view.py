"""A message body rendered as markdown in one document (blocks: core.markdown_blocks).

Finished blocks are appended to a single document once and never touched again: prose
as rich text, fenced code in a tinted frame with syntax colours, its language and a Copy
link. While an answer streams, the block still growing lives in a second, small view
below and is redrawn on its own (code that only grew gets just the new text appended),
so a redraw costs the same at the first token and the twenty-thousandth. One document
instead of a widget per block keeps a long answer cheap to build, lay out and paint.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.markdown_blocks import Block, BlockKind, BlockSplitter, split_blocks
from desktop.ui.auto_height_browser import AutoHeightBrowser
from desktop.ui.code_highlighter import LANGUAGE, CodeHighlighter

COPIED_FEEDBACK_MS = 1500
COPY_SCHEME = "copy"
CODE_TINT = QColor(127, 127, 127, 26)


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class BlockDocumentView(AutoHeightBrowser):
    """One document of rendered blocks; links open in the browser, Copy links copy code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.highlighter = CodeHighlighter(self.document(), dark=_dark(self))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self._label_format = QTextCharFormat()
        self._label_format.setForeground(muted)
        self._link_format = QTextCharFormat(self._label_format)
        self._link_format.setAnchor(True)
        self._link_format.setForeground(self.palette().color(QPalette.ColorRole.Link))
        self._code_format = QTextCharFormat()
        self._code_format.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._frame_format = QTextFrameFormat()
        self._frame_format.setBackground(CODE_TINT)
        self._frame_format.setPadding(6)
        self._frame_format.setTopMargin(4)
        self._frame_format.setBottomMargin(6)
        self._frame_format.setBorder(0)
        self.copy_links: list[QTextCursor] = []
        """For each finished code block: a cursor selecting its Copy link."""
        self._codes: list[str] = []
        self.code_frame: QTextFrame | None = None
        """The frame of the last code block rendered."""

    def add(self, block: Block, *, copyable: bool) -> None:
        """Append ``block`` (a code block gets a Copy link when ``copyable``)."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if block.kind is BlockKind.CODE:
            self._add_code(cursor, block, copyable=copyable)  # a frame starts its own line
            return
        if cursor.block().text():  # else the document is empty or ends after a frame
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertMarkdown(block.source.lstrip("\n"))  # leading blank lines mean nothing

    def _add_code(self, cursor: QTextCursor, block: Block, *, copyable: bool) -> None:
        self.code_frame = cursor.insertFrame(self._frame_format)
        cursor.insertText(block.language or self.tr("code"), self._label_format)
        link_start = link_end = 0
        if copyable:
            cursor.insertText("    ", self._label_format)
            link = QTextCharFormat(self._link_format)
            link.setAnchorHref(f"{COPY_SCHEME}:{len(self._codes)}")
            link_start = cursor.position()
            cursor.insertText(self.tr("Copy"), link)
            link_end = cursor.position()
            self._codes.append(block.code)
        line = QTextBlockFormat()
        line.setProperty(LANGUAGE, block.language)
        cursor.insertBlock(line, self._code_format)
        cursor.insertText(block.code, self._code_format)
        if copyable:  # selected only now: a cursor at the insertion point would grow
            selection = QTextCursor(self.document())
            selection.setPosition(link_start)
            selection.setPosition(link_end, QTextCursor.MoveMode.KeepAnchor)
            self.copy_links.append(selection)

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

    def reset(self) -> None:
        self.clear()
        self.code_frame = None
        self.copy_links.clear()
        self._codes.clear()

    def copy_code(self, index: int) -> None:
        """Put code block ``index`` on the clipboard; its link says Copied for a moment."""
        if not 0 <= index < len(self._codes):
            return
        QGuiApplication.clipboard().setText(self._codes[index])
        self._relabel(index, self.tr("Copied"))
        QTimer.singleShot(COPIED_FEEDBACK_MS, self, lambda: self._relabel(index, self.tr("Copy")))

    def link_text(self, index: int) -> str:
        return self.copy_links[index].selectedText()

    def _relabel(self, index: int, label: str) -> None:
        link = self.copy_links[index]
        link_format = link.charFormat()
        start = link.selectionStart()
        link.insertText(label, link_format)
        link.setPosition(start)
        link.setPosition(start + _utf16_length(label), QTextCursor.MoveMode.KeepAnchor)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == COPY_SCHEME:
            index = url.path()
            if index.isdigit():
                self.copy_code(int(index))
        else:
            QDesktopServices.openUrl(url)


class MarkdownView(QWidget):
    """The finished blocks in ``document_view``; the growing one in ``tail_view``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.document_view = BlockDocumentView()
        self.document_view.setObjectName("markdownView")
        self.document_view.setAccessibleName(self.tr("Message text"))
        self._layout.addWidget(self.document_view)
        self.tail_view: BlockDocumentView | None = None  # built when a stream first needs it
        self._splitter = BlockSplitter()
        self._blocks: list[Block] = []
        self._shown_tail: Block | None = None  # the tail as tail_view shows it
        self._tail_stale = False  # appends went on without redrawing the tail

    # -- content -------------------------------------------------------------
    def source(self) -> str:
        """The exact markdown shown, finished blocks and the growing one together."""
        return "".join(block.source for block in self._blocks) + self._splitter.tail.source

    def blocks(self) -> list[Block]:
        """The finished blocks, in order."""
        return list(self._blocks)

    def plain_text(self) -> str:
        text = self.document_view.toPlainText()
        if self._shown_tail is not None and self.tail_view is not None:
            text += "\n" + self.tail_view.toPlainText()
        return text

    def code_blocks(self) -> list[Block]:
        """The finished code blocks (the ones with a Copy link), in order."""
        return [block for block in self._blocks if block.kind is BlockKind.CODE]

    def set_text(self, text: str) -> None:
        """Show a complete text (replaces what was shown)."""
        self.clear()
        self._add_finished(split_blocks(text))

    def append(self, chunk: str, *, redraw_tail: bool = True) -> None:
        """Add streamed text; only the block still growing is redrawn.

        Without ``redraw_tail`` (it is out of sight for now) the growing block is only
        hidden once finished blocks take its text, and drawn again by :meth:`redraw_tail`.
        """
        self._add_finished(self._splitter.feed(chunk))
        self._tail_stale = not redraw_tail
        if redraw_tail:
            self._show_tail(self._splitter.tail)

    def redraw_tail(self) -> None:
        """Show the growing block as it is now, if appends left it behind."""
        if self._tail_stale:
            self._tail_stale = False
            self._show_tail(self._splitter.tail)

    def finish(self) -> None:
        """The stream ended: the growing block becomes a finished one."""
        self._add_finished(self._splitter.finish())
        self._tail_stale = False
        self._show_tail(None)

    def clear(self) -> None:
        self.document_view.reset()
        self._blocks.clear()
        self._splitter = BlockSplitter()
        self._tail_stale = False
        self._show_tail(None)

    # -- rendering -----------------------------------------------------------
    def _add_finished(self, blocks: list[Block]) -> None:
        if not blocks:
            return
        self._blocks += blocks
        with self.document_view.editing():  # one layout pass for all of them
            for block in blocks:
                if block.kind is BlockKind.CODE or block.source.strip():
                    self.document_view.add(block, copyable=True)
        if self._shown_tail is not None:
            self._show_tail(None)

    def _show_tail(self, tail: Block | None) -> None:
        if tail is not None and tail.kind is BlockKind.PROSE and not tail.source.strip():
            tail = None
        shown, self._shown_tail = self._shown_tail, tail
        if tail is None:
            if shown is not None and self.tail_view is not None:
                self.tail_view.reset()
                self.tail_view.hide()
            return
        view = self._tail()
        if (
            shown is not None
            and tail.kind is BlockKind.CODE
            and shown.kind is BlockKind.CODE
            and tail.source.startswith(shown.source)
            and tail.code.startswith(shown.code)
        ):
            view.append_code(tail.code[len(shown.code) :])  # code that only grew
            return
        with view.editing():
            view.reset()
            view.add(tail, copyable=False)
        view.show()

    def prepare_tail(self) -> None:
        """Build the (hidden) view of the growing block before an answer streams in."""
        self._tail().hide()

    def _tail(self) -> BlockDocumentView:
        if self.tail_view is None:
            self.tail_view = BlockDocumentView()
            self.tail_view.setObjectName("markdownTail")
            self.tail_view.setAccessibleName(self.tr("Text still arriving"))
            self._layout.addWidget(self.tail_view)
        return self.tail_view
