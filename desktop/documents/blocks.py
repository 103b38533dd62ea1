"""A document's text as one string and its structure as blocks over it.

Every extractor produces a :class:`DocumentText`: ``text`` is what was read (what the
chunks are slices of, and what a citation opens), ``blocks`` the headings, paragraphs
and code blocks in order, each with its character span, page and section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class BlockKind(Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CODE = "code"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    """1-based page number (PDF); None for formats without pages."""
    section: str = ""
    """The headings above this block, joined with " › " (the heading itself for a heading)."""
    level: int = 0
    """A heading's level (1 for the top), 0 for other blocks."""


@dataclass
class DocumentText:
    """Built block by block with :meth:`add`; blocks are separated by a blank line."""

    kind: str
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    pages: int = 0
    _headings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def section(self) -> str:
        return " › ".join(title for _, title in self._headings)

    def add(
        self,
        kind: BlockKind,
        content: str,
        *,
        page: int | None = None,
        level: int = 0,
        title: str | None = None,
    ) -> None:
        """Append a block; a heading (``title``: its words without markup) opens a section."""
        content = content.strip("\n") if kind is BlockKind.CODE else content.strip()
        if not content.strip():
            return
        if kind is BlockKind.HEADING:
            self.open_section(title if title is not None else content, level)
        if self.text:
            self.text += "\n\n"
        start = len(self.text)
        self.text += content
        self.blocks.append(Block(kind, start, len(self.text), page, self.section, level))

    def open_section(self, title: str, level: int) -> None:
        """The blocks from here on are under ``title`` (replacing headings of its level)."""
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        self._headings.append((level, " ".join(title.split())))
