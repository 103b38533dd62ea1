"""Chunks along a document's structure, with overlap.

A chunk is a span of :attr:`DocumentText.text`: whole blocks while they fit in
``max_chars``; a heading starts a new chunk (a chunk never spans two sections) and so
does a new page (each chunk cites one page). A block longer than ``max_chars`` is cut
at line, then sentence, then word boundaries. Consecutive chunks of the same section and
page overlap by about ``overlap_chars``, starting at a word boundary, so a passage cut
in two is still found whole in one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.documents.blocks import Block, BlockKind, DocumentText

MAX_CHARS = 1200
OVERLAP_CHARS = 200
BREAKS = (re.compile(r"\n"), re.compile(r"(?<=[.!?;:])\s"), re.compile(r"\s"))


@dataclass(frozen=True)
class Chunk:
    ordinal: int
    start: int
    end: int
    page: int | None
    section: str
    text: str


def chunk_document(
    document: DocumentText, *, max_chars: int = MAX_CHARS, overlap_chars: int = OVERLAP_CHARS
) -> list[Chunk]:
    spans: list[tuple[int, int, Block]] = []  # (start, end, first block)
    current: tuple[int, int, Block] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            spans.append(current)
            current = None

    for block in document.blocks:
        block_end = block.end
        new_part = current is not None and (
            block.kind is BlockKind.HEADING
            or block.page != current[2].page
            or block.section != current[2].section
        )
        if new_part:
            close()
        if current is not None and block.end - current[0] <= max_chars:
            current = (current[0], block.end, current[2])
            continue
        cut_from = block.start
        if (
            current is not None
            and current[1] == current[2].end
            and current[2].kind is BlockKind.HEADING
        ):
            cut_from, block = current[0], current[2]  # a heading stays with its text
            current = None
        if current is not None:
            spans.append(current)
            start = _overlap_start(document.text, current[0], current[1], overlap_chars)
            current = None
            if block.end - start <= max_chars:
                current = (start, block.end, block)
                continue
        for piece_start, piece_end in _cut(
            document.text, cut_from, block_end, max_chars, overlap_chars
        ):
            if current is not None:
                spans.append(current)
            current = (piece_start, piece_end, block)
        # the last piece stays open: the next small block may join it
    close()
    chunks: list[Chunk] = []
    for start, end, first in spans:
        text = document.text[start:end].rstrip()
        if text:
            end = start + len(text)
            chunks.append(Chunk(len(chunks), start, end, first.page, first.section, text))
    return chunks


def _overlap_start(text: str, start: int, end: int, overlap: int) -> int:
    """Where the next chunk begins: ``overlap`` chars back from ``end``, at a word start."""
    if overlap <= 0:
        return end
    cut = max(start + 1, end - overlap)
    space = text.find(" ", cut, end)
    newline = text.find("\n", cut, end)
    found = [position for position in (space, newline) if position != -1]
    if not found:
        return end
    return min(found) + 1


def _cut(text: str, start: int, end: int, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in overlapping pieces of at most ``max_chars``, each cut at the
    best boundary in its second half."""
    overlap = min(overlap, max_chars // 4)
    pieces = []
    while end - start > max_chars:
        limit = start + max_chars
        cut = -1
        for pattern in BREAKS:
            found = [m.end() for m in pattern.finditer(text, start + max_chars // 2, limit)]
            if found:
                cut = found[-1]
                break
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = _overlap_start(text, start, cut, overlap)
        while start < end and text[start] in " \t\n":
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
