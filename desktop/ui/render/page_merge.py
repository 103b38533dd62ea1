"""One stretch of an answer drawn again as one document, after it streamed on pages.

A fast answer ends on several pages (block_page): separate documents, so a selection
stops at their edges. Once the answer is drawn, the pages of each stretch of text (the
text between two tool rounds) are drawn again, out of sight, on one new page, a step a
frame (the answer renderer's clock); the new page then takes their place in one layout
pass. Its height is the pages' sum to a pixel or two, so nothing in view moves.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from desktop.core.markdown_blocks import Block
from desktop.ui.render.block_outlines import paragraphs
from desktop.ui.render.block_page import BlockPage, first_run


def runs_to_merge(pages: list[BlockPage]) -> list[list[BlockPage]]:
    """Runs of two or more drawn pages not parted by a break (held pages wait)."""
    runs: list[list[BlockPage]] = []
    run: list[BlockPage] = []
    for page in pages:
        if page.held or page.after_break:
            if len(run) > 1:
                runs.append(run)
            run = [] if page.held else [page]
        else:
            run.append(page)
    if len(run) > 1:
        runs.append(run)
    return runs


def discard(layout: QVBoxLayout, page: BlockPage) -> None:
    """Take ``page`` out and delete it later. Not by setParent(None): as a window of its
    own for a moment its documents take the new palette and style, ~10 ms a page."""
    layout.removeWidget(page)
    page.hide()
    page.deleteLater()


def keep_offsets(run: list[BlockPage], into: BlockPage) -> None:
    """The blocks scrolled sideways on the run's pages stay scrolled on the page drawn
    again: a code block or table is the frame in the same place among the frames (the
    same blocks, so the same frames in the same order); a paragraph with a long formula
    is the next paragraph of the same text."""
    if into.view is None:
        return
    document = into.view.document()
    merged = document.rootFrame().childFrames()
    merged_paragraphs = paragraphs(document)
    texts = [block.text() for block in merged_paragraphs]
    after = 0  # the merged paragraphs before this one were matched already
    place = 0
    for page in run:
        if page.view is None:
            continue
        boxes = page.view.sideways
        frames = page.view.document().rootFrame().childFrames()
        for at, frame in enumerate(frames, start=place):
            offset = boxes.offset_of(frame)
            if offset and at < len(merged):
                into.view.sideways.scroll_to(merged[at], offset)
        place += len(frames)
        for paragraph in paragraphs(page.view.document()):
            offset = boxes.offset_of(paragraph.position())
            if not offset or paragraph.text() not in texts[after:]:
                continue
            after = texts.index(paragraph.text(), after) + 1
            into.view.sideways.scroll_to(merged_paragraphs[after - 1].position(), offset)


class PageMerger:
    """Merges the runs of ``pages`` (the view's own list, changed in place) in
    ``layout``, a step at a time."""

    def __init__(self, layout: QVBoxLayout, pages: list[BlockPage]) -> None:
        self._layout = layout
        self._pages = pages
        self._run: list[BlockPage] = []
        self._into: BlockPage | None = None
        self._undrawn: list[Block] = []
        self._dead: list[BlockPage] = []

    def step(self, chars: int, width: int) -> bool:
        """Draw about ``chars`` more characters of the next run (or put a drawn run in
        place, or delete a page it replaced); False when there is nothing to merge."""
        if self._dead:
            self._dead.pop().deleteLater()
            return True
        if self._into is None:
            runs = runs_to_merge(self._pages)
            if not runs:
                return False
            self._run = runs[0]
            self._undrawn = [block for page in self._run for block in page.blocks]
            self._into = BlockPage(held=False)
            self._into.hide()
            self._into.lay_out_at(width)
            self._layout.insertWidget(self._layout.indexOf(self._run[-1]) + 1, self._into)
            return True  # a step of its own: the page alone costs about what a step draws
        if self._undrawn:
            count = first_run(self._undrawn, chars)
            self._into.add(self._undrawn[:count])
            del self._undrawn[:count]
            return True
        self._swap(self._into)
        return True

    def _swap(self, into: BlockPage) -> None:
        """The drawn page takes the run's place (shown and hidden in one layout pass)."""
        self._into = None
        into.after_break = self._run[0].after_break
        keep_offsets(self._run, into)
        index = self._pages.index(self._run[0])
        self._layout.setEnabled(False)
        try:
            into.show()
            for page in self._run:
                self._pages.remove(page)
                self._layout.removeWidget(page)
                page.hide()
            self._dead += self._run  # deleted one a step: ~2 ms a page
            self._pages.insert(index, into)
        finally:
            self._layout.setEnabled(True)
        self._layout.invalidate()
        self._run = []

    def cancel(self) -> None:
        """Forget a merge under way (the text changes, or another answer begins)."""
        for page in self._dead:
            page.deleteLater()
        self._dead.clear()
        into, self._into = self._into, None
        self._run, self._undrawn = [], []
        if into is not None:
            discard(self._layout, into)
