"""A message body rendered as markdown (blocks: core.markdown_blocks).

Finished blocks are appended to pages (block_page) once and never touched again. While
an answer streams, the block still growing lives in a small view below them and is
redrawn on its own (code that only grew gets just the new text appended), so a redraw
costs the same at the first token and the twenty-thousandth. Text that a fast stream
sends past the visible part is held on pages that are drawn once needed, so showing an
answer costs about what is seen, not what is sent.

The view has no clock: the answer renderer calls its drawing steps. A frame with much
to draw takes a few turns: :meth:`build_ahead` holds the text fed since the last frame
and builds the views the frame takes, :meth:`prepare_frame` and :meth:`draw_frame` draw
what comes into view on a hidden page, a step a turn, and :meth:`show_frame` shows it (a
paint in between still shows the last frame whole). Held pages are drawn a step a frame
once the answer ended (:meth:`draw_held_step`), or when one is seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.markdown_blocks import Block, BlockKind, BlockSplitter, split_blocks
from desktop.ui.render.answer_pages import AnswerPages
from desktop.ui.render.answer_renderer import DRAW_APART_CHARS
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.render.block_page import BlockPage, first_run
from desktop.ui.render.grow_in_place import paint_growth_only
from desktop.ui.render.growing_block_view import GrowingBlockView
from desktop.ui.render.page_merge import PageMerger
from desktop.ui.render.tail_views import TailViews, visible

DRAW_STEP_CHARS = 1200
"""Text drawn in one turn (~3 ms): a step of a frame drawn out of sight, or of the held
text after the answer (appended to the drawn page before it: no widget is built)."""


@dataclass(slots=True)
class _Frame:
    tail: GrowingBlockView | None
    """The growing block as it was when the frame was prepared, drawn out of sight
    (None: nothing to show)."""
    last: BlockPage
    """The last page to show (pages held after it came later)."""
    near: list[Block]
    """Blocks to draw at the end of ``last`` (then a drawn page) as the frame is shown:
    a few; many are drawn on a page of their own while the frame is prepared."""
    undrawn: list[Block]
    """Of those many, the ones still to draw (a step a turn: :meth:`draw_frame`)."""


class MarkdownView(QWidget):
    """The finished blocks on ``pages`` (the first in ``document_view``); the growing
    one in ``tail_view`` (and, for frames drawn out of sight, in a second view that
    takes its place)."""

    heldPageSeen = Signal()
    """A page held out of sight was painted: it is in view and waits to be drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        paint_growth_only(self)
        self._paging = AnswerPages(self._layout)
        self._paging.seen.connect(self.heldPageSeen)
        self._pages = self._paging.pages  # the same list, changed in place
        self._paging.new(held=False).show()
        self._tails = TailViews(self._layout)
        self._splitter = BlockSplitter()
        self._blocks: list[Block] = []
        self._unheld: list[Block] = []
        """The last finished blocks, not on a page yet (:meth:`_hold_unheld`): holding
        text as it arrives would make the turn that takes it long."""
        self._tail_stale = False  # appends went on without redrawing the tail
        self._in_view_px: int | None = None  # how much of the end the view shows
        self._frame: _Frame | None = None  # prepared, not shown yet
        self._breaks: list[tuple[int, QWidget]] = []
        """(where in the text, widget): what stands between two stretches of text (a
        tool round's cards), in order."""
        self._merger = PageMerger(self._layout, self._pages)

    @property
    def document_view(self) -> BlockDocumentView:
        """The first page's document (the first page is always drawn)."""
        view = self._pages[0].view
        assert view is not None
        return view

    # -- content -------------------------------------------------------------
    def text(self) -> str:
        """The exact text of the message (MessageBody)."""
        return self.source()

    def source(self) -> str:
        """The exact markdown shown, finished blocks and the growing one together."""
        return "".join(block.source for block in self._blocks) + self._splitter.tail.source

    def blocks(self) -> list[Block]:
        """The finished blocks, in order."""
        return list(self._blocks)

    def pages(self) -> list[BlockPage]:
        return list(self._pages)

    @property
    def held_pages(self) -> int:
        """How many pages of text are not drawn yet (text not on a page yet counts as
        one)."""
        return self._paging.held + bool(self._unheld)

    def plain_text(self) -> str:
        """The text as drawn (the end is settled and held pages drawn first)."""
        self._catch_up()
        texts = []
        for page in self._pages:
            page.draw()
            if page.blocks and page.view is not None:
                texts.append(page.view.source_text())
        if self.tail_view is not None and self.tail_view.block is not None:
            texts.append(self.tail_view.source_text())
        return "\n".join(texts)

    def code_blocks(self) -> list[Block]:
        """The finished code blocks (the ones with a Copy link), in order."""
        return [block for block in self._blocks if block.kind is BlockKind.CODE]

    def breaks(self) -> list[tuple[int, QWidget]]:
        """What stands between stretches of the text, and where: (offset, widget)."""
        return list(self._breaks)

    def set_text(self, text: str, breaks: Sequence[tuple[int, QWidget]] = ()) -> None:
        """Show a complete text (replaces what was shown), with ``breaks``' widgets at
        their offsets in it (a saved answer's tool rounds where the model called them)."""
        self.clear()
        start = 0
        for offset, widget in sorted(breaks, key=lambda item: item[0]):
            end = max(start, min(offset, len(text)))
            self._add_finished(split_blocks(text[start:end]), in_sight=True)
            self._break(widget, end)
            start = end
        self._add_finished(split_blocks(text[start:]), in_sight=True)

    def insert_break(self, widget: QWidget) -> None:
        """End the text so far: ``widget`` follows it, and text appended later goes
        below ``widget`` (the model said this, then called tools, then went on). What
        was held is drawn first, so each stretch of text is drawn in one place."""
        self._catch_up()
        self._add_finished(self._splitter.finish(), in_sight=True)
        while self.draw_held_step():
            pass
        self._tails.show(None)
        self._splitter = BlockSplitter()
        self._break(widget, sum(len(block.source) for block in self._blocks))

    def _break(self, widget: QWidget, offset: int) -> None:
        self._breaks.append((offset, widget))
        for page in self._pages:
            if not page.blocks:
                page.hide()  # no empty line above the cards (none was said before them)
        self._layout.addWidget(widget)  # after the pages (the growing block moves below)
        widget.show()
        self._paging.new(held=False).after_break = True  # shown with its first block

    def append(self, chunk: str, *, redraw_tail: bool = True) -> None:
        """Add streamed text; only the block still growing is redrawn.

        Without ``redraw_tail`` (the view shows the end only once per frame) nothing in
        view changes: finished blocks are held out of sight (on hidden pages), and the
        growing block keeps showing what it showed, until a frame settles both
        (:meth:`prepare_frame`).
        """
        self.cancel_merge()
        if redraw_tail:
            self._catch_up()
        self._add_finished(self._splitter.feed(chunk), in_sight=redraw_tail)
        self._tail_stale = not redraw_tail
        if redraw_tail:
            self._tails.show(self._splitter.tail)

    def _catch_up(self) -> None:
        """Show at once what appends left for a frame (the view stopped following the
        end, or the text is read)."""
        if self._tail_stale or self._frame is not None:
            self._tail_stale = False
            self._settle(self._in_view())
            self._tails.show(self._splitter.tail)

    def prepare_frame(self, in_view_px: int | None = None) -> bool:
        """The start of a frame, if appends left the end behind (else False): the
        blocks about to come into view are taken off their held pages (and, when they
        are many, drawn on a hidden page a step a turn by :meth:`draw_frame`),
        and the growing block is drawn out of sight as it is now. Nothing in view
        changes until :meth:`show_frame`. ``in_view_px``: how much of the end is about
        to be in view (else: up to the window's height)."""
        if not self._tail_stale:
            return False
        self.show_frame()  # a frame prepared before goes first
        self._hold_unheld()
        self._tail_stale = False
        if in_view_px is not None:
            self._in_view_px = in_view_px
        tail = visible(self._splitter.tail)
        tail_view = None
        if tail is not None:
            tail_view = self._tails.spare()
            tail_view.draw(tail)
        tail_px = tail_view.height() if tail_view is not None else 0
        near = self._paging.take_near(max(0, self._in_view() - tail_px))  # the tail is in view too
        undrawn: list[Block] = []
        if sum(len(block.source) for block in near) > DRAW_APART_CHARS:
            self._paging.new(held=False)
            near, undrawn = [], near
        elif near and self._paging.open().isHidden():  # text held meanwhile goes after it
            near, undrawn = [], near  # a new page: drawn out of sight too
        self._frame = _Frame(tail_view, self._pages[-1], near, undrawn)
        return True  # the steps in the next turns (:meth:`draw_frame`)

    def draw_frame(self) -> bool:
        """Draw the next step of the frame being prepared; False when none was left
        (then it is shown in a turn of its own: :meth:`show_frame`)."""
        frame = self._frame
        if frame is None or not frame.undrawn:
            return False
        count = first_run(frame.undrawn, DRAW_STEP_CHARS)
        frame.last.add(frame.undrawn[:count])
        del frame.undrawn[:count]
        return True

    def build_ahead(self) -> bool:
        """Do one of the things the next frame drawn out of sight needs done first (the
        pages that hold the text fed since the last one, the growing block's spare view,
        a drawn page if the text ends on a held one), in a turn of its own rather than in
        the frame's; False when all are done (:meth:`release_ahead` lets the page go)."""
        if self._unheld:
            self._hold_unheld()
            return True
        if self._tails.build_spare():
            return True
        return self._paging.build_ahead()

    def release_ahead(self) -> None:
        """Let a drawn page built ahead go (nothing is pending: no frame takes it)."""
        self._paging.release_ahead()

    def show_frame(self) -> None:
        """The end of a frame: show what :meth:`prepare_frame` took (drawing what is
        left of it), the pages held before it at their estimated heights, and the
        growing block as it was then (what arrived since waits for the next frame)."""
        frame, self._frame = self._frame, None
        if frame is None:
            return
        if frame.near or frame.undrawn:
            frame.last.add(frame.undrawn + frame.near)
        self._tails.land(self._pages)
        self._show_hidden(frame.last, frame.tail)
        if frame.tail is None:
            self._tails.show(None)

    def finish(self, *, in_frame: bool = False) -> None:
        """The stream ended: the growing block becomes a finished one, and held text
        is left to :meth:`draw_held_step`. With ``in_frame`` (the view follows the end) the end
        is left to a last frame, drawn out of sight first like the ones before it
        (:meth:`prepare_frame`); else it is shown at once."""
        if in_frame:
            self._add_finished(self._splitter.finish(), in_sight=False)
            self._tail_stale = True
        else:
            self._settle(self._in_view())  # even when no last block is left to finish
            self._add_finished(self._splitter.finish(), in_sight=True)
            self._tail_stale = False
            self._tails.show(None)

    def clear(self) -> None:
        self._frame = None
        self._tails.drop_carried()
        self.cancel_merge()
        for _, widget in self._breaks:  # the tool steps own them: only taken out
            self._layout.removeWidget(widget)
            widget.hide()
        self._breaks.clear()
        while len(self._pages) > 1:
            self._paging.remove()
        self._pages[0].reset()
        self._pages[0].show()
        self._blocks.clear()
        self._unheld.clear()
        self._splitter = BlockSplitter()
        self._tail_stale = False
        self._tails.show(None)

    # -- pages -----------------------------------------------------------------
    def _add_finished(self, blocks: list[Block], *, in_sight: bool) -> None:
        if not blocks:
            return
        self._blocks += blocks
        self._tails.carry(blocks)  # the person may have scrolled it as it grew
        if not in_sight:
            self._unheld += blocks
            return
        self._settle(self._in_view())
        self._paging.open().add(blocks)
        self._tails.land(self._pages)
        self._show_hidden()
        self._tails.show(None)  # the finished blocks took its text

    def _in_view(self) -> int:
        """How much of the end the view showed last (at most the window's height)."""
        return self._in_view_px if self._in_view_px is not None else self.window().height()

    def _hold_unheld(self) -> None:
        """Put the finished blocks not on a page yet on held pages."""
        if self._unheld:
            blocks, self._unheld = self._unheld, []
            self._paging.hold(blocks)

    def _settle(self, in_view_px: int) -> None:
        """Draw the held blocks near the end, where the person is about to look; the
        pages held before them take their place, at their estimated heights."""
        self.show_frame()  # a frame prepared before goes first
        self._hold_unheld()
        self._place(self._paging.take_near(in_view_px))

    def _place(self, near: list[Block]) -> None:
        """Show the pages held before ``near`` (at their estimated heights), and draw
        ``near`` after them."""
        if near:
            self._paging.open().add(near)
        self._show_hidden()

    def _show_hidden(
        self, through: BlockPage | None = None, tail: GrowingBlockView | None = None
    ) -> None:
        """Show the hidden pages up to ``through`` (else the last page), and ``tail`` in
        place of the growing block's view, all laid out together afterwards: showing a
        widget lays its parents out at once."""
        index = self._pages.index(through) if through is not None else len(self._pages) - 1
        if not self._pages[index].isHidden() and tail is None:
            return  # nothing to show: no layout pass (this runs on every finished block)
        self._layout.setEnabled(False)
        try:
            while index >= 0 and self._pages[index].isHidden():
                self._pages[index].show()
                if self._pages[index].after_break:
                    break  # the pages before a break are shown already (or empty)
                index -= 1
            if tail is not None:
                self._tails.swap(tail)
        finally:
            self._layout.setEnabled(True)
        self._layout.invalidate()

    def draw_held_step(self) -> bool:
        """Draw the start of the first held page on the drawn page before it; True
        while held pages remain (the next step is for the next frame, so that the
        conversation can settle its scroll position between two steps)."""
        self.show_frame()  # the last one, if it waits
        self._hold_unheld()
        index = next((i for i, page in enumerate(self._pages) if page.held), None)
        if index is None:
            return False
        page = self._pages[index]
        self._pages[index - 1].add(page.take_first(DRAW_STEP_CHARS))
        self._tails.land(self._pages)
        if not page.blocks:
            self._paging.remove(index)
        return self.held_pages > 0

    def merge_step(self) -> bool:
        """Draw the next step of the pages of one stretch of text again as one document
        (page_merge): a selection then crosses what were page edges. False when there
        is nothing (more) to merge: a step a frame, after the held pages."""
        return self._merger.step(DRAW_STEP_CHARS, self.width())

    def cancel_merge(self) -> None:
        self._merger.cancel()

    def draw_seen(self) -> None:
        """Draw the held pages that are in view (a person scrolled to them)."""
        for page in self._pages:
            if page.held and not page.visibleRegion().isEmpty():
                page.draw()

    # -- the growing block -------------------------------------------------------
    @property
    def tail_view(self) -> GrowingBlockView | None:
        """The view of the growing block shown now (None before a stream needs it)."""
        return self._tails.shown

    def prepare_tail(self) -> None:
        """Build the (hidden) view of the growing block before an answer streams in."""
        self._tails.prepare()
