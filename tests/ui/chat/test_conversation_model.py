"""The conversation list's model: headings between conversations, untitled ones named,
renaming in place saved, and headings that cannot be picked or renamed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from desktop.core.conversation_groups import ConversationSummary, DateGroup
from desktop.ui.chat.conversation_model import ID_ROLE, TITLE_ROLE, ConversationListModel

TODAY = date(2026, 3, 14)
NOON = datetime(2026, 3, 14, 12, 0).astimezone()


def model_with(
    summaries: list[ConversationSummary], renamed: list[tuple[int, str]]
) -> ConversationListModel:
    model = ConversationListModel(
        heading_text=lambda group: f"[{group.period.name}]",
        untitled=lambda: "New chat",
        rename=lambda conversation_id, title: renamed.append((conversation_id, title)),
    )
    model.set_summaries(summaries, TODAY)
    return model


SUMMARIES = [
    ConversationSummary(4, "Pinned plan", "qwen3:4b", NOON - timedelta(days=40), pinned=True),
    ConversationSummary(3, "", "qwen3:4b", NOON),
    ConversationSummary(2, "Sourdough", "llama3.2", NOON - timedelta(hours=1)),
    ConversationSummary(1, "Old trip", "llama3.2", NOON - timedelta(days=1)),
]


def shown(model: ConversationListModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_rows_read_as_headings_and_titles_with_pinned_first(qtbot: object) -> None:
    model = model_with(SUMMARIES, [])
    assert shown(model) == [
        "[PINNED]",
        "Pinned plan",
        "[TODAY]",
        "New chat",
        "Sourdough",
        "[YESTERDAY]",
        "Old trip",
    ]
    assert model.row_of(2) == 4 and model.index(4, 0).data(ID_ROLE) == 2
    assert model.index(3, 0).data(TITLE_ROLE) == "", "untitled is only how it reads"
    tip = model.index(4, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Sourdough\nllama3.2 · 2026-03-14")


def test_headings_cannot_be_selected_or_renamed(qtbot: object) -> None:
    renamed: list[tuple[int, str]] = []
    model = model_with(SUMMARIES, renamed)
    heading = model.index(0, 0)
    assert model.flags(heading) == Qt.ItemFlag.NoItemFlags
    assert not model.setData(heading, "Renamed heading")
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable
    assert renamed == []


def test_a_title_typed_in_the_list_is_saved_and_an_empty_one_refused(qtbot: object) -> None:
    renamed: list[tuple[int, str]] = []
    model = model_with(SUMMARIES, renamed)
    row = model.row_of(2)
    assert row is not None
    index = model.index(row, 0)

    assert not model.setData(index, "   "), "an empty title is refused"
    assert not model.setData(index, "Sourdough"), "unchanged: nothing to save"
    assert model.setData(index, "  Rye sourdough ")
    assert renamed == [(2, "Rye sourdough")]
    assert index.data() == "Rye sourdough"
    assert [s.title for s in model.summaries if s.id == 2] == ["Rye sourdough"]


def test_a_date_group_heading_comes_from_the_given_words(qtbot: object) -> None:
    seen: list[DateGroup] = []
    model = ConversationListModel(
        heading_text=lambda group: seen.append(group) or "今天",
        untitled=lambda: "新对话",
        rename=lambda *_: None,
    )
    model.set_summaries([ConversationSummary(1, "", "m", NOON)], TODAY)
    assert shown(model) == ["今天", "新对话"] and len(seen) == 1
