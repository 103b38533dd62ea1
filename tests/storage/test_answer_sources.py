"""An answer's document sources are kept with it, survive reopening, go with the answer."""

from __future__ import annotations

from pathlib import Path

from desktop.core.cited_sources import CitedSource, SentSources
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore

SENT = SentSources(
    "retrieved",
    (
        CitedSource(1, 7, "report.pdf", 3, "Outlook", 120, 480, 95),
        CitedSource(2, 7, "report.pdf", 5, "", 900, 1300, 110),
    ),
    230,
)


def test_sources_survive_a_restart_and_go_with_their_answer(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    conversation = store.create_conversation("Q", "m")
    question = store.add_message(conversation.id, Role.USER, "what is the outlook?")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "Good [1].")
    store.answer_sources.save(answer.id, SENT)
    store.close()

    store = HistoryStore.open(path)
    try:
        assert store.answer_sources.of(answer.id) == SENT
        assert store.answer_sources.of(question.id) is None
        assert store.answer_sources.of_many([question.id, answer.id]) == {answer.id: SENT}
        assert SENT.by_number(2) is not None and SENT.by_number(2).page == 5  # type: ignore[union-attr]
        store.delete_conversation(conversation.id)
        assert store.answer_sources.of(answer.id) is None
    finally:
        store.close()


def test_a_damaged_record_reads_as_none() -> None:
    assert SentSources.from_json("{not json") is None
    assert SentSources.from_json('{"mode": "whole"}') is None
