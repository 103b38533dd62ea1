"""The views of an answer's growing block: the one shown, and a spare that a frame drawn
out of sight draws into before the two swap (markdown_view). Both stay last in the
answer's layout: pages held while the growing block was not redrawn went below them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QVBoxLayout

from desktop.core.markdown_blocks import Block, BlockKind
from desktop.ui.render.block_outlines import paragraphs
from desktop.ui.render.block_page import BlockPage
from desktop.ui.render.growing_block_view import GrowingBlockView


def visible(tail: Block) -> Block | None:
    """The growing block, unless it has nothing to show yet."""
    return None if tail.kind is BlockKind.PROSE and not tail.source.strip() else tail


@dataclass(frozen=True)
class Scrolled:
    """How far the growing block's wide part was scrolled sideways: its code frame
    (``text`` None) or its paragraph of ``text`` (a long formula)."""

    text: str | None
    offset: int


def keep_offset(page: BlockPage, block: Block, scrolled: Scrolled) -> bool:
    """``block``, the growing block now finished on ``page``, stays scrolled sideways as
    far as the person took it; False while the page is held (not drawn yet)."""
    view = page.view
    if view is None:
        return False
    at = next(index for index, taken in enumerate(page.blocks) if taken is block)
    if scrolled.text is None:  # its frame: as many code blocks came before it
        frames = view.code_frames()
        index = sum(1 for taken in page.blocks[:at] if taken.kind is BlockKind.CODE)
        if index < len(frames):
            view.sideways.scroll_to(frames[index], scrolled.offset)
        return True
    same = [found for found in paragraphs(view.document()) if found.text() == scrolled.text]
    if same:
        view.sideways.scroll_to(same[-1].position(), scrolled.offset)
    return True


class TailViews:
    def __init__(self, layout: QVBoxLayout) -> None:
        self._layout = layout  # no reference to the view itself: no cycle for the GC
        self.shown: GrowingBlockView | None = None  # built when a stream first needs it
        self._spare: GrowingBlockView | None = None
        self._carried: tuple[Block, Scrolled] | None = None
        """The block that was growing while scrolled sideways, until it is drawn."""

    def carry(self, blocks: list[Block]) -> None:
        """The growing block is finished as ``blocks[0]``: how far it was scrolled
        sideways is kept until :meth:`land` finds it drawn on a page."""
        scrolled = self._scrolled()
        if scrolled is not None and (blocks[0].kind is BlockKind.CODE) == (scrolled.text is None):
            self._carried = (blocks[0], scrolled)

    def land(self, pages: list[BlockPage]) -> None:
        """Scroll the block that was growing as far as it was, once it is drawn."""
        if self._carried is None:
            return
        block, scrolled = self._carried
        page = next((page for page in pages if any(b is block for b in page.blocks)), None)
        if page is not None and keep_offset(page, block, scrolled):
            self._carried = None

    def drop_carried(self) -> None:
        self._carried = None

    def _scrolled(self) -> Scrolled | None:
        """How far the growing block is scrolled sideways (None: not, or it fits)."""
        view = self.shown
        if view is None or view.block is None:
            return None
        for box in view.sideways.boxes:
            if not box.offset:
                continue
            if box.frame is None and isinstance(box.key, int):
                return Scrolled(view.document().findBlock(box.key).text(), box.offset)
            if box.frame is not None and box.frame is view.code_frame:
                return Scrolled(None, box.offset)
        return None

    def show(self, tail: Block | None) -> None:
        """Draw ``tail`` in the shown view (None, or nothing to show yet: hide it)."""
        tail = None if tail is None else visible(tail)
        view = self.shown
        if tail is None:
            if view is not None and view.block is not None:
                view.draw(None)
                view.hide()
            return
        view = self._view()
        self._keep_last(view)
        view.draw(tail)
        if view.isHidden():
            view.show()

    def swap(self, spare: GrowingBlockView) -> None:
        """Show ``spare``, drawn out of sight, instead of the shown view."""
        shown = self.shown
        self._keep_last(spare)
        spare.show()
        if shown is not None:
            shown.hide()
        self.shown, self._spare = spare, shown

    def _keep_last(self, view: GrowingBlockView) -> None:
        if self._layout.indexOf(view) != self._layout.count() - 1:
            self._layout.removeWidget(view)
            self._layout.addWidget(view)

    def prepare(self) -> None:
        """Build the (hidden) view before an answer streams in."""
        self._view().hide()

    def _view(self) -> GrowingBlockView:
        if self.shown is None:
            self.shown = self._new()
        return self.shown

    def build_spare(self) -> bool:
        """Build the second view now, if it is not there yet (True: it was built)."""
        if self._spare is not None:
            return False
        self._spare = self._new()
        return True

    def spare(self) -> GrowingBlockView:
        """The second view, for frames drawn out of sight."""
        if self._spare is None:
            self._spare = self._new()
        self._spare.lay_out_at(self._width())
        return self._spare

    def _width(self) -> int:
        view = self._layout.parentWidget()
        return view.width() if view is not None else 0

    def _new(self) -> GrowingBlockView:
        view = GrowingBlockView()
        view.hide()
        view.lay_out_at(self._width())
        self._layout.addWidget(view)
        return view
