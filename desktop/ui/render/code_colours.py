"""Pygments' colours for the finished code blocks of one document, off the frame path.

A finished block is first drawn with the regex highlighter's colours (at once, microseconds
a line). Its code is lexed in the renderer's worker thread (core.code_tokens); the tokens
come back to the UI thread and are put on the lines a few at a time, each turn of the event
loop taking at most ``APPLY_BUDGET_S``, so that colouring a 2,000-line block never holds
the UI up (each line re-coloured is laid out again: ~20 µs).
"""

from __future__ import annotations

import time
from functools import partial

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from desktop.core.code_tokens import LexedCode, lex
from desktop.ui.render.background import Background
from desktop.ui.render.code_highlighter import CodeHighlighter, LexedLine

APPLY_BUDGET_S = 0.006
"""Time a turn of the event loop spends colouring lines."""

_lexer_thread: Background | None = None


def lexer_thread() -> Background:
    """The one worker of the application that lexes code (shared like a cache)."""
    global _lexer_thread
    if _lexer_thread is None:
        _lexer_thread = Background("code-colours")
    return _lexer_thread


class CodeColours(QObject):
    def __init__(self, document: QTextDocument, highlighter: CodeHighlighter) -> None:
        super().__init__(document)
        self._document = document
        self._highlighter = highlighter
        self._asked: dict[int, QTextCursor] = {}  # job id → the block's first code line
        self._next_id = 0
        self._todo: list[tuple[QTextBlock, list[tuple[int, int, str]]]] = []
        self._languages: dict[int, str] = {}
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.setInterval(0)
        self._clock.timeout.connect(self._apply_some)

    @property
    def busy(self) -> bool:
        """Blocks wait for their tokens, or tokens for their lines."""
        return bool(self._asked or self._todo)

    def language(self, index: int) -> str:
        """Pygments' name for the language of finished block ``index`` ("" until known)."""
        return self._languages.get(index, "")

    def colour(self, first_line: QTextCursor, code: str, language: str) -> None:
        """Colour the code that starts at ``first_line`` with Pygments' tokens, soon."""
        job = self._next_id
        self._next_id += 1
        self._asked[job] = QTextCursor(first_line)
        lexer_thread().run(partial(lex, code, language), self._lexed, job)

    def _lexed(self, job: int, lexed: LexedCode | None) -> None:
        if not shiboken6.isValid(self):  # its document went away meanwhile
            return
        cursor = self._asked.pop(job, None)
        if cursor is None or lexed is None or not lexed.lines:
            return
        self._languages[job] = lexed.language
        block = cursor.block()
        for spans in lexed.lines:
            if not block.isValid():
                break
            self._todo.append((block, spans))
            block = block.next()
        self._clock.start()

    def _apply_some(self) -> None:
        ends = time.perf_counter() + APPLY_BUDGET_S
        done = 0
        for block, spans in self._todo:
            if block.isValid():
                block.setUserData(LexedLine(spans))
                self._highlighter.rehighlightBlock(block)
            done += 1
            if done % 16 == 0 and time.perf_counter() > ends:
                break
        del self._todo[:done]
        if self._todo:
            self._clock.start()

    def reset(self) -> None:
        self._asked.clear()
        self._todo.clear()
        self._languages.clear()
        self._clock.stop()
