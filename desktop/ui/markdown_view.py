"""A message body rendered as markdown, one widget per block (see core.markdown_blocks).

Prose blocks are rich text; fenced code gets syntax colours, a language label and a
Copy button. While an answer streams, finished blocks are left alone and only the last
block is redrawn, so the cost of a redraw does not grow with the length of the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.markdown_blocks import Block, BlockKind, BlockSplitter, split_blocks
from desktop.ui.auto_height_browser import AutoHeightBrowser
from desktop.ui.code_highlighter import CodeHighlighter

COPIED_FEEDBACK_MS = 1500


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


class ProseView(AutoHeightBrowser):
    kind = BlockKind.PROSE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proseView")
        self.setAccessibleName(self.tr("Message text"))
        self._source = ""

    def show_block(self, block: Block) -> None:
        if block.source != self._source:
            self._source = block.source
            self.setMarkdown(block.source)


class CodeBlockView(QFrame):
    """A fenced code block: language, Copy button and the highlighted code."""

    kind = BlockKind.CODE

    def __init__(self, language: str, *, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeBlock")
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(8, 2, 4, 2)
        label = QLabel(language or self.tr("code"))
        label.setObjectName("codeLanguage")
        header.addWidget(label)
        header.addStretch(1)
        self.copy_button = QToolButton()
        self.copy_button.setObjectName("codeCopy")
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy this code"))
        self.copy_button.setAccessibleName(self.tr("Copy the code block"))
        self.copy_button.clicked.connect(self.copy)
        header.addWidget(self.copy_button)
        layout.addLayout(header)
        self.view = AutoHeightBrowser(wrap=False)
        self.view.setObjectName("codeView")
        self.view.setAccessibleName(self.tr("Code"))
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.document().setDocumentMargin(8)
        self.highlighter = CodeHighlighter(self.view.document(), language, dark=dark)
        layout.addWidget(self.view)
        self._code = ""

    def code(self) -> str:
        return self._code

    def show_block(self, block: Block) -> None:
        code = block.code
        if code == self._code:
            return
        if code.startswith(self._code):  # streaming: append only what is new
            cursor = QTextCursor(self.view.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(code[len(self._code) :])
        else:
            self.view.setPlainText(code)
        self._code = code

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._code)
        self.copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(
            COPIED_FEEDBACK_MS, self.copy_button, lambda: self.copy_button.setText(self.tr("Copy"))
        )


BlockView = ProseView | CodeBlockView


class MarkdownView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._splitter = BlockSplitter()
        self._blocks: list[Block] = []
        self._views: list[BlockView] = []
        self._tail_view: BlockView | None = None

    # -- content -------------------------------------------------------------
    def source(self) -> str:
        """The exact markdown shown, finished blocks and the growing one together."""
        return "".join(block.source for block in self._blocks) + self._splitter.tail.source

    def plain_text(self) -> str:
        views = [*self._views, *([self._tail_view] if self._tail_view else [])]
        return "\n".join(
            view.code() if isinstance(view, CodeBlockView) else view.toPlainText() for view in views
        )

    def code_blocks(self) -> list[CodeBlockView]:
        views = [*self._views, *([self._tail_view] if self._tail_view else [])]
        return [view for view in views if isinstance(view, CodeBlockView)]

    def set_text(self, text: str) -> None:
        """Show a complete text (replaces what was shown)."""
        self.clear()
        for block in split_blocks(text):
            self._add_finished(block)

    def append(self, chunk: str) -> None:
        """Add streamed text; only the block still growing is redrawn."""
        for block in self._splitter.feed(chunk):
            self._add_finished(block)
        tail = self._splitter.tail
        if self._tail_view is not None and self._tail_view.kind is not tail.kind:
            self._drop(self._tail_view)
            self._tail_view = None
        if tail.kind is BlockKind.PROSE and not tail.source.strip():
            return
        if self._tail_view is None:
            self._tail_view = self._new_view(tail)
        self._tail_view.show_block(tail)

    def finish(self) -> None:
        """The stream ended: the growing block becomes a finished one."""
        for block in self._splitter.finish():
            self._add_finished(block)

    def clear(self) -> None:
        for view in [*self._views, *([self._tail_view] if self._tail_view else [])]:
            self._drop(view)
        self._views.clear()
        self._blocks.clear()
        self._tail_view = None
        self._splitter = BlockSplitter()

    # -- views ---------------------------------------------------------------
    def _add_finished(self, block: Block) -> None:
        self._blocks.append(block)
        view, self._tail_view = self._tail_view, None
        if view is not None and view.kind is not block.kind:
            self._drop(view)
            view = None
        if view is None:
            if block.kind is BlockKind.PROSE and not block.source.strip():
                return
            view = self._new_view(block)
        view.show_block(block)
        self._views.append(view)

    def _new_view(self, block: Block) -> BlockView:
        view: BlockView
        if block.kind is BlockKind.CODE:
            view = CodeBlockView(block.language, dark=_dark(self))
        else:
            view = ProseView()
        self._layout.addWidget(view)
        return view

    def _drop(self, view: QWidget) -> None:
        self._layout.removeWidget(view)
        view.setParent(None)
        view.deleteLater()
