"""The views of an answer's growing block: the one shown, and a spare that a frame drawn
out of sight draws into before the two swap (markdown_view). Both stay last in the
answer's layout: pages held while the growing block was not redrawn went below them."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from desktop.core.markdown_blocks import Block, BlockKind
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.growing_block_view import GrowingBlockView


def visible(tail: Block) -> Block | None:
    """The growing block, unless it has nothing to show yet."""
    return None if tail.kind is BlockKind.PROSE and not tail.source.strip() else tail


def keep_offset(view: BlockDocumentView | None, blocks: list[Block], offset: int) -> None:
    """The growing code block, now finished and drawn in ``view`` (``blocks`` just added,
    it first and their only code), stays scrolled sideways as far as the person took it."""
    code = [block for block in blocks if block.kind is BlockKind.CODE]
    if offset and view is not None and view.code_frame is not None and code == blocks[:1]:
        view.sideways.scroll_to(view.code_frame, offset)


class TailViews:
    def __init__(self, layout: QVBoxLayout) -> None:
        self._layout = layout  # no reference to the view itself: no cycle for the GC
        self.shown: GrowingBlockView | None = None  # built when a stream first needs it
        self._spare: GrowingBlockView | None = None

    def code_offset(self) -> int:
        """How far the growing block is scrolled sideways (0: not, or it is not code)."""
        view = self.shown
        if view is None or view.block is None or view.block.kind is not BlockKind.CODE:
            return 0
        return 0 if view.code_frame is None else view.sideways.offset_of(view.code_frame)

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
