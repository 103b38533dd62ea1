"""A stretch of an answer's finished blocks: drawn, or held out of sight until needed.

A local server can send text many times faster than a document can lay it out. While the
conversation follows such an answer, most of its text scrolls past between two frames
without ever being on screen. Those blocks are *held*: the page only takes the height
they are expected to need, which costs nothing to lay out or paint. A held page that is
painted says so (``seen``): the answer renderer draws it in its next frame if it is still
in view (in one go; PAGE_CHARS keeps that to a frame's work), and every held page is drawn
shortly after the answer ends.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.markdown_blocks import Block, BlockKind
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.grow_in_place import paint_growth_only
from desktop.ui.render.prose_spacing import HEADING_GAP_LINES, PARAGRAPH_GAP_LINES

PAGE_CHARS = 2000
"""A held page takes at most this much text, so drawing it stays near 4 ms."""
WIDEST_PX = 16_777_215  # QWIDGETSIZE_MAX
# How tall held blocks are guessed to be: with these and prose_spacing's gaps, estimates
# land within ~5 % of drawn heights, erring tall.
CODE_CHROME_LINES = 6.0
"""A code frame's header row, padding, border and margins, in code lines."""
HEADING_SCALE = 1.5
LIST_ITEM_GAP_LINES = 0.3
LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def first_run(blocks: list[Block], chars: int) -> int:
    """How many of the first ``blocks`` to draw in one step: at least one, then up to
    about ``chars`` characters."""
    count, taken = 0, 0
    while count < len(blocks) and (count == 0 or taken < chars):
        taken += len(blocks[count].source)
        count += 1
    return count


class HeightEstimate:
    """Roughly how tall blocks will be when drawn ``width`` pixels wide (line counts
    from character widths; a wrong guess only moves the scroll bar a little)."""

    def __init__(self, font: QFont, width: int) -> None:
        self.font, self.width = QFont(font), width
        prose = QFontMetricsF(font)
        code = QFontMetricsF(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._prose = (prose.averageCharWidth(), prose.lineSpacing())
        self._code = (code.averageCharWidth(), code.lineSpacing())
        self._width = max(width, 200)

    def __call__(self, block: Block) -> int:
        if block.kind is BlockKind.CODE:
            char_width, line = self._code
            lines = self._lines(block.code.split("\n"), char_width, self._width - 12)
            return math.ceil((lines + CODE_CHROME_LINES) * line)
        char_width, line = self._prose
        height = 0.0
        for text in block.source.strip("\n").split("\n"):
            heading = text.startswith("#")
            scale = HEADING_SCALE if heading else 1.0
            height += self._lines([text], char_width * scale, self._width) * line * scale
            if heading:
                height += line * HEADING_GAP_LINES
            if LIST_ITEM.match(text):
                height += line * LIST_ITEM_GAP_LINES
        return math.ceil(height + line * PARAGRAPH_GAP_LINES)

    @staticmethod
    def _lines(texts: list[str], char_width: float, width: float) -> int:
        per_line = max(1, int(width / char_width))
        return sum(max(1, math.ceil(len(text) / per_line)) for text in texts)


class BlockPage(QWidget):
    seen = Signal()
    """A held page was painted (it is in view, at least for this frame)."""

    def __init__(self, *, held: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        paint_growth_only(self)
        self.blocks: list[Block] = []
        self.chars = 0
        self.view: BlockDocumentView | None = None
        self._heights: list[int] = []  # of the held blocks
        self.after_break = False
        """The first page below a break (a tool round): never merged with the one before."""
        if not held:
            self.draw()

    @property
    def held(self) -> bool:
        return self.view is None

    def add(self, blocks: list[Block]) -> None:
        """Append finished blocks to a drawn page, drawing them."""
        if self.view is None:
            raise RuntimeError("a held page takes blocks through hold()")
        self._take(blocks)
        self.view.add_blocks(blocks)

    def hold(self, blocks: list[Block], estimate: HeightEstimate) -> None:
        """Append finished blocks to a held page, only measuring them."""
        if not blocks:
            return
        self._take(blocks)
        self._heights += [estimate(block) for block in blocks]
        self.setFixedHeight(sum(self._heights))

    def _take(self, blocks: list[Block]) -> None:
        self.blocks += blocks
        self.chars += sum(len(block.source) for block in blocks)

    def last_height(self) -> int:
        """The estimated height of the last held block."""
        return self._heights[-1]

    def take_last(self) -> Block:
        """Remove the last block of a held page, to be drawn elsewhere."""
        block = self.blocks.pop()
        self.chars -= len(block.source)
        self._heights.pop()
        self.setFixedHeight(sum(self._heights))
        return block

    def take_first(self, chars: int) -> list[Block]:
        """Remove blocks from the start of a held page (at least one, then up to about
        ``chars`` characters), to be drawn on the page before it."""
        count = first_run(self.blocks, chars)
        blocks, self.blocks = self.blocks[:count], self.blocks[count:]
        del self._heights[:count]
        self.chars -= sum(len(block.source) for block in blocks)
        self.setFixedHeight(sum(self._heights))
        return blocks

    def lay_out_at(self, width: int) -> None:
        """Take ``width`` while hidden (a hidden widget learns its size only when shown;
        text drawn before that would be laid out twice)."""
        self.resize(width, self.height())
        if self.view is not None:
            self.view.lay_out_at(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.view is not None:
            self.view.setAccessibleName(self.tr("Message text"))

    def draw(self) -> None:
        """Lay the blocks out for real (a drawn page stays drawn)."""
        if self.view is not None:
            return
        self.view = BlockDocumentView()
        self.view.setObjectName("markdownView")
        self.view.setAccessibleName(self.tr("Message text"))  # again on LanguageChange
        self._heights.clear()
        self.setMinimumHeight(0)
        self.setMaximumHeight(WIDEST_PX)
        self._layout.addWidget(self.view)
        self.view.show()  # takes its height now, not a turn later
        self.view.add_blocks(self.blocks)

    def reset(self) -> None:
        """Empty again (a drawn page stays drawn)."""
        self.blocks.clear()
        self.chars = 0
        if self.view is not None:
            self.view.reset()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.view is None:
            self.seen.emit()
        super().paintEvent(event)
