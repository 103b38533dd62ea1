"""Splits a growing markdown text into blocks that never change once complete.

A streaming answer is rendered block by block: finished blocks are rendered once, and
only the last, still growing block is redrawn. Blocks are fenced code (rendered with
highlighting and a copy button) and runs of prose, cut at blank lines once they grow
past ``PROSE_CHUNK`` characters so redrawing the tail stays cheap however long the
answer gets. Joining every block's ``source`` and the tail gives back the exact text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

PROSE_CHUNK = 2400
"""Prose longer than this is cut at the next blank line."""
HARD_CHUNK = 6000
"""Prose with no blank line is cut at a line end past this many characters."""

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")


class BlockKind(StrEnum):
    PROSE = "prose"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    source: str
    """The exact text of this block, fences included."""
    language: str = ""
    closed: bool = True

    @property
    def code(self) -> str:
        """For code blocks: the text between the fences."""
        if self.kind is not BlockKind.CODE:
            return self.source
        _, _, body = self.source.partition("\n")
        if self.closed:  # drop the closing fence line
            body = body[: body.rstrip("\n").rfind("\n") + 1]
        return body.removesuffix("\n")


def _opening(line: str) -> re.Match[str] | None:
    match = _FENCE.match(line)
    if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
        return None
    return match


class BlockSplitter:
    """Feed text with :meth:`feed`; complete blocks come out, the tail stays open."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._tail = ""
        self._scanned = 0  # offset in the tail up to which whole lines were examined
        self._fence = ""  # the open fence while inside a code block
        self._language = ""
        self._last_blank = -1  # offset just after the last blank line in a prose tail

    @property
    def tail(self) -> Block:
        """The unfinished last block (maybe empty prose)."""
        if self._fence:
            return Block(BlockKind.CODE, self._tail, self._language, closed=False)
        return Block(BlockKind.PROSE, self._tail)

    def feed(self, text: str) -> list[Block]:
        """Adds text; returns the blocks this completed, in order."""
        self._tail += text
        done: list[Block] = []
        while (end := self._tail.find("\n", self._scanned)) >= 0:
            line = self._tail[self._scanned : end]
            start, self._scanned = self._scanned, end + 1
            if self._fence:
                stripped = line.strip()
                closes = set(stripped) == {self._fence[0]} and len(stripped) >= len(self._fence)
                if closes:
                    done.append(self._cut(self._scanned, BlockKind.CODE))
                continue
            opening = _opening(line)
            if opening is not None:
                if start > 0:
                    done.append(self._cut(start, BlockKind.PROSE))
                self._fence = opening["fence"]
                self._language = opening["info"].strip().split(" ")[0]
                continue
            if not line.strip():
                self._last_blank = self._scanned
            if self._last_blank > 0 and self._scanned >= PROSE_CHUNK:
                done.append(self._cut(self._last_blank, BlockKind.PROSE))
            elif self._scanned >= HARD_CHUNK:
                done.append(self._cut(self._scanned, BlockKind.PROSE))
        return done

    def finish(self) -> list[Block]:
        """Ends the text: the tail becomes a final block (a code block may stay unclosed)."""
        if not self._tail:
            return []
        block = self.tail
        self._reset()
        return [block]

    def _cut(self, at: int, kind: BlockKind) -> Block:
        block = Block(kind, self._tail[:at], self._language if kind is BlockKind.CODE else "")
        self._tail = self._tail[at:]
        self._scanned -= at
        self._last_blank = -1
        if kind is BlockKind.CODE:
            self._fence = ""
            self._language = ""
        return block


def split_blocks(text: str) -> list[Block]:
    """All blocks of a complete text."""
    splitter = BlockSplitter()
    return splitter.feed(text) + splitter.finish()
