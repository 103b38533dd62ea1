"""Pygments' colours for the finished code blocks of one document, off the frame path.

A finished block is first drawn with the regex highlighter's colours (microseconds a
line; a long block is drawn plain, a step at a time, see BlockDocumentView). Its code is
lexed in the render worker process (core.code_tokens, ui/render/background.py); the
tokens come back to the UI thread and are put on the lines ``LINES_PER_STEP`` at a time,
each turn of the event loop taking at most ``APPLY_BUDGET_S``. The formats go straight
onto the lines' layouts and the step's lines are laid out once together: re-highlighting
line by line would lay the code frame out again for every line (measured: 2 ms a line
in a 2,000-line block).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from desktop.core.code_tokens import LexedCode, Span
from desktop.ui.render.background import render_worker
from desktop.ui.render.code_highlighter import CodeHighlighter, apply_lexed

APPLY_BUDGET_S = 0.004
"""Time a turn of the event loop spends colouring lines."""
LINES_PER_STEP = 24
"""Lines coloured, then laid out together (~2 ms)."""
LEXED_KEPT = 512
"""Blocks whose tokens are kept: an answer's pages drawn again as one document after it
streamed (page_merge) colour their code without asking the worker again."""
_lexed_blocks: OrderedDict[tuple[str, str], LexedCode] = OrderedDict()
"""(code, language) → its tokens: a cache of a pure function, shared like the formulas'."""


def _remember(key: tuple[str, str], lexed: LexedCode | None) -> None:
    if lexed is not None:
        _lexed_blocks[key] = lexed
        if len(_lexed_blocks) > LEXED_KEPT:
            _lexed_blocks.popitem(last=False)


@dataclass(slots=True)
class _Colouring:
    first_line: QTextCursor
    lines: list[list[Span]]
    done: int = 0
    next_block: QTextBlock | None = None


class CodeColours(QObject):
    """``ready``: whether the document holds all of its code yet (long blocks are drawn
    a step at a time); colours wait for it. ``named`` is told the language of each block
    (its index among the finished blocks, and the short name: guessed ones show it)."""

    def __init__(
        self,
        document: QTextDocument,
        highlighter: CodeHighlighter,
        ready: Callable[[], bool],
        named: Callable[[int, str], None],
    ) -> None:
        super().__init__(document)
        self._named = named
        self._document = document
        self._highlighter = highlighter
        self._ready = ready
        self._asked: dict[int, QTextCursor] = {}  # job → the block's first code line
        self._next_job = 0
        self._todo: deque[_Colouring] = deque()
        self._languages: dict[int, str] = {}
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._apply_some)

    @property
    def busy(self) -> bool:
        """Code waits to be drawn, lexed or coloured."""
        return bool(self._asked or self._todo) or not self._ready()

    def language(self, index: int) -> str:
        """Pygments' name for the language of finished block ``index`` ("" until known)."""
        return self._languages.get(index, "")

    def colour(self, first_line: QTextCursor, code: str, language: str) -> None:
        """Colour the code that starts at ``first_line`` with Pygments' tokens, soon."""
        job = self._next_job
        self._next_job += 1
        self._asked[job] = QTextCursor(first_line)
        key = (code, language)
        known = _lexed_blocks.get(key)
        if known is not None:
            _lexed_blocks.move_to_end(key)  # told on the next turn, as from the worker
            QTimer.singleShot(0, self, lambda: self._lexed(job, known))
            return
        render_worker().run("lex", key, self._lexed_new, (job, key))

    def _lexed_new(self, asked: tuple[int, tuple[str, str]], lexed: LexedCode | None) -> None:
        _remember(asked[1], lexed)
        self._lexed(asked[0], lexed)

    def _lexed(self, job: int, lexed: LexedCode | None) -> None:
        if not shiboken6.isValid(self):  # its document went away meanwhile
            return
        cursor = self._asked.pop(job, None)
        if cursor is None or lexed is None or not lexed.lines:
            return
        self._languages[job] = lexed.language
        self._named(job, lexed.alias)
        self._todo.append(_Colouring(cursor, lexed.lines))
        if not self._clock.isActive():
            self._clock.start(0)

    def _apply_some(self) -> None:
        if not self._ready():
            self._clock.start(5)  # the code is still being drawn
            return
        ends = time.perf_counter() + APPLY_BUDGET_S
        dark = self._highlighter.dark
        while self._todo and time.perf_counter() < ends:
            item = self._todo[0]
            block = item.next_block or item.first_line.block()
            start, last = block.position(), None
            for spans in item.lines[item.done : item.done + LINES_PER_STEP]:
                if not block.isValid():
                    break
                apply_lexed(block, spans, dark=dark)
                last, block = block, block.next()
                item.done += 1
            item.next_block = block
            if last is not None:
                self._document.markContentsDirty(start, last.position() + last.length() - start)
            if last is None or item.done >= len(item.lines):
                self._todo.popleft()
        if self._todo:
            self._clock.start(0)

    def reset(self) -> None:
        self._asked.clear()
        self._todo.clear()
        self._languages.clear()
        self._clock.stop()
