"""What goes into the prompt: whole documents when they fit, else the retrieved chunks,
numbered as sources the answer cites ([1], [2]) and the person can open.

Tokens are estimated at one per three characters (over, not under, for English and
code; the server's own count arrives with the answer): a document is sent whole only if
it fits the context with room for the conversation and the answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from desktop.core.cited_sources import CitedSource

CHARS_PER_TOKEN = 3
ANSWER_RESERVE = 1024
INSTRUCTION = (
    "Answer from the numbered sources below when they are relevant, and cite them by "
    "number, like [1]."
)


class Mode(Enum):
    WHOLE = "whole"
    RETRIEVED = "retrieved"


class Passage(Protocol):
    """A retrieved chunk (desktop.storage.chunk_retrieval.Hit has these)."""

    @property
    def document(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def section(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class DocumentContext:
    mode: Mode
    text: str
    """The block added to the prompt."""
    sources: list[CitedSource]
    tokens: int
    """Estimated tokens of ``text``: what the person is shown it costs."""


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def fits_whole(document_chars: int, context_length: int, conversation_tokens: int = 0) -> bool:
    """Whether documents of ``document_chars`` characters can be sent whole."""
    budget = context_length - conversation_tokens - ANSWER_RESERVE
    return math.ceil(document_chars / CHARS_PER_TOKEN) <= budget


def whole_context(documents: Sequence[tuple[str, str]]) -> DocumentContext:
    """``documents``: (name, full text) pairs, each one numbered source."""
    sources = [
        CitedSource(number, None, name, None, "", 0, len(text), estimate_tokens(text))
        for number, (name, text) in enumerate(documents, start=1)
    ]
    bodies = [text for _, text in documents]
    return _context(Mode.WHOLE, sources, bodies)


def retrieved_context(passages: Sequence[Passage]) -> DocumentContext:
    sources = [
        CitedSource(
            number, None, passage.document, passage.page, passage.section, passage.start,
            passage.end, estimate_tokens(passage.text),
        )
        for number, passage in enumerate(passages, start=1)
    ]  # fmt: skip
    return _context(Mode.RETRIEVED, sources, [passage.text for passage in passages])


def _context(mode: Mode, sources: list[CitedSource], bodies: list[str]) -> DocumentContext:
    if not sources:
        return DocumentContext(mode, "", [], 0)
    blocks = [
        f"[{source.number}] {source.label}\n{body}"
        for source, body in zip(sources, bodies, strict=True)
    ]
    text = INSTRUCTION + "\n\n" + "\n\n".join(blocks)
    return DocumentContext(mode, text, sources, estimate_tokens(text))
