"""The block of an answer still growing, drawn again each frame from its last change on."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from desktop.core.markdown_blocks import Block, BlockKind
from desktop.ui.render.block_document_view import BlockDocumentView


class GrowingBlockView(BlockDocumentView):
    """The block of an answer still growing. Code that only grew gets just the new code
    appended; prose that only grew is drawn again from its last paragraph on (the ones
    before it, ended by a blank line, are drawn once: the block splitter cuts blocks at
    blank lines too). Anything else is drawn again as a whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownTail")
        self.retranslate()
        self.block: Block | None = None
        """The block as drawn (None: nothing)."""
        self._settled = 0
        """How much of a prose block's source is drawn for good (whole paragraphs)."""
        self._settled_at = 0
        """Where in the document the paragraphs drawn for good end."""

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Text still arriving"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def draw(self, block: Block | None) -> None:
        shown, self.block = self.block, block
        if block is None:
            self.reset()
        elif (
            shown is not None
            and block.kind is BlockKind.CODE
            and shown.kind is BlockKind.CODE
            and block.source.startswith(shown.source)
            and block.code.startswith(shown.code)
        ):
            self.append_code(block.code[len(shown.code) :])
        elif block.kind is BlockKind.PROSE and (
            shown is None
            or (shown.kind is BlockKind.PROSE and block.source.startswith(shown.source))
        ):
            self._grow_prose(block.source)
        else:
            with self.editing():
                self.reset()
                self.add(block, copyable=False)
        self.style_new_tables()

    def reset(self) -> None:
        super().reset()
        self._settled = self._settled_at = 0

    def _grow_prose(self, source: str) -> None:
        """Draw ``source`` from the last paragraph drawn for good on."""
        blank = source.rfind("\n\n", self._settled)
        ended = blank + 2 if blank >= 0 else self._settled  # after the last blank line
        with self.editing():
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._settled_at)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if ended > self._settled:
                self.add(Block(BlockKind.PROSE, source[self._settled : ended]), copyable=False)
                self._settled = ended
                self._settled_at = self.document().characterCount() - 1
            rest = source[self._settled :]
            if rest.strip():
                self.add(Block(BlockKind.PROSE, rest), copyable=False)
