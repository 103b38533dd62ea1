"""The pages of an answer's finished blocks (block_page), in its layout: making them
(a drawn page may be built ahead, in a turn of its own), holding text out of sight on
them at estimated heights, and taking held blocks back off the end to draw them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.markdown_blocks import Block
from desktop.ui.render.block_page import PAGE_CHARS, BlockPage, HeightEstimate
from desktop.ui.render.page_merge import discard

IN_VIEW_MARGIN = 1.1
"""Held blocks are drawn up to this many view heights from the end (estimates can be
short by a few per cent; a held page left in view is drawn a moment later)."""


class AnswerPages(QObject):
    """``pages``, top to bottom, in ``layout`` (of the answer's view)."""

    seen = Signal()
    """A held page was painted (it is in view and waits to be drawn)."""

    def __init__(self, layout: QVBoxLayout) -> None:
        super().__init__(layout)
        self._layout = layout  # not the view itself: no cycle for the GC
        self.pages: list[BlockPage] = []
        self._spare: BlockPage | None = None  # a drawn page built ahead
        self._estimate: HeightEstimate | None = None

    @property
    def held(self) -> int:
        return sum(page.held for page in self.pages)

    def new(self, *, held: bool) -> BlockPage:
        """A hidden page after the others (and after the growing block until that is
        shown again): nothing in view moves until it is shown. A drawn one is laid out
        as wide as it will be shown."""
        page = None if held else self._spare
        if page is None:
            page = BlockPage(held=held)
        else:
            self._spare = None
        page.seen.connect(self.seen)
        page.hide()
        page.lay_out_at(self._view().width())
        self._layout.addWidget(page)
        self.pages.append(page)
        return page

    def remove(self, index: int = -1) -> None:
        discard(self._layout, self.pages.pop(index))

    def open(self) -> BlockPage:
        """The drawn page at the end, taking blocks in sight."""
        last = self.pages[-1]
        return self.new(held=False) if last.held else last

    def build_ahead(self) -> bool:
        """Build the drawn page the next frame takes if the text ends on a held page
        (True: it was built now)."""
        if self._spare is not None or not self.pages[-1].held:
            return False
        self._spare = BlockPage(held=False, parent=self._view())
        self._spare.hide()
        self._spare.lay_out_at(self._view().width())
        return True

    def release_ahead(self) -> None:
        """Let a drawn page built ahead go (no frame takes it)."""
        page, self._spare = self._spare, None
        if page is not None:
            page.deleteLater()

    def hold(self, blocks: list[Block]) -> None:
        """Put ``blocks`` on held pages at the end, at their estimated heights."""
        estimate = self._height_estimate()
        page = self.pages[-1]
        run: list[Block] = []
        run_chars = 0
        for block in blocks:
            if not page.held or page.chars + run_chars >= PAGE_CHARS:
                if run:
                    page.hold(run, estimate)
                page, run, run_chars = self.new(held=True), [], 0
            run.append(block)
            run_chars += len(block.source)
        page.hold(run, estimate)

    def _height_estimate(self) -> HeightEstimate:
        """Built again only when the width or font changed: holding runs per slice."""
        estimate, view = self._estimate, self._view()
        if estimate is None or estimate.width != view.width() or estimate.font != view.font():
            estimate = self._estimate = HeightEstimate(view.font(), view.width())
        return estimate

    def _view(self) -> QWidget:
        view = self._layout.parentWidget()
        assert view is not None
        return view

    def take_near(self, in_view_px: int) -> list[Block]:
        """Take the held blocks that fill ``in_view_px`` above the end off their pages."""
        near: list[Block] = []
        room = in_view_px * IN_VIEW_MARGIN
        while self.pages[-1].held and room > 0:
            page = self.pages[-1]
            room -= page.last_height()
            near.insert(0, page.take_last())
            if not page.blocks:
                self.remove()
        return near
