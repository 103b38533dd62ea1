"""The prompt's documents block: whole when it fits, else numbered retrieved sources."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.documents.context import (
    ANSWER_RESERVE,
    Mode,
    estimate_tokens,
    fits_whole,
    retrieved_context,
    whole_context,
)


@dataclass(frozen=True)
class FoundPassage:
    document: str
    page: int | None
    section: str
    start: int
    end: int
    text: str


def test_a_small_document_fits_whole_with_room_to_answer() -> None:
    assert fits_whole(3 * (4096 - ANSWER_RESERVE), 4096)
    assert not fits_whole(3 * (4096 - ANSWER_RESERVE) + 3, 4096)
    assert not fits_whole(3000, 4096, conversation_tokens=2500)  # the chat so far counts


def test_whole_documents_are_numbered_sources() -> None:
    context = whole_context([("notes.md", "# Notes\n\nAll of it."), ("todo.txt", "Buy milk.")])
    assert context.mode is Mode.WHOLE
    assert "[1] notes.md\n# Notes\n\nAll of it." in context.text
    assert "[2] todo.txt\nBuy milk." in context.text
    assert [source.label for source in context.sources] == ["notes.md", "todo.txt"]
    assert context.tokens == estimate_tokens(context.text)


def test_retrieved_passages_carry_page_and_section() -> None:
    passages = [
        FoundPassage("report.pdf", 3, "", 100, 140, "Revenue grew by 12 percent."),
        FoundPassage("guide.md", None, "Guide › Install", 0, 20, "Run the installer."),
    ]
    context = retrieved_context(passages)
    assert context.mode is Mode.RETRIEVED
    assert "[1] report.pdf, p. 3\nRevenue grew by 12 percent." in context.text
    assert "[2] guide.md — Guide › Install\nRun the installer." in context.text
    assert context.text.startswith("Answer from the numbered sources")
    assert [(s.start, s.end) for s in context.sources] == [(100, 140), (0, 20)]
    assert retrieved_context([]).text == ""
