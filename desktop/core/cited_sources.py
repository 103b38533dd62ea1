"""Which document passages an answer was sent, kept with the answer so its citations
([1], [2]) can be shown and opened after a restart; and what the chat needs from
whoever finds those passages (a Protocol: core never imports documents' storage).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CitedSource:
    """One numbered source: which document, where in it, and what it cost."""

    number: int
    document_id: int | None
    document: str
    page: int | None
    section: str
    start: int
    end: int
    tokens: int

    @property
    def label(self) -> str:
        """ "report.pdf, p. 3 — Outlook": what the prompt marks and the citation shows (names
        and numbers, not words to translate)."""
        where = f"{self.document}, p. {self.page}" if self.page else self.document
        return f"{where} — {self.section}" if self.section else where


@dataclass(frozen=True)
class SentSources:
    """The sources sent with one answer; ``mode`` is "whole" or "retrieved"."""

    mode: str
    sources: tuple[CitedSource, ...]
    tokens: int

    def by_number(self, number: int) -> CitedSource | None:
        return next((source for source in self.sources if source.number == number), None)

    def to_json(self) -> str:
        return json.dumps(
            {
                "mode": self.mode,
                "tokens": self.tokens,
                "sources": [source.__dict__ for source in self.sources],
            }
        )

    @classmethod
    def from_json(cls, data: str) -> SentSources | None:
        """The stored record, or None when it is not one (damaged, from elsewhere)."""
        try:
            value = json.loads(data)
            sources = tuple(CitedSource(**item) for item in value["sources"])
            return cls(str(value["mode"]), sources, int(value["tokens"]))
        except (ValueError, TypeError, KeyError):
            return None


@dataclass(frozen=True)
class DocumentsContext:
    """What goes into a request: the block of numbered sources, and the record of them."""

    text: str
    sent: SentSources


class ReplyDocuments(Protocol):
    """The documents an answer may draw on (desktop.ui.chat.documents implements it)."""

    async def context_for(
        self, question: str, window: int | None, history_tokens: int
    ) -> DocumentsContext | None:
        """The sources for ``question`` (None: no documents), found off the UI thread."""
        ...

    def record(self, answer_id: int, context: DocumentsContext) -> None:
        """``context`` went with answer ``answer_id``: keep it with the answer."""
        ...
