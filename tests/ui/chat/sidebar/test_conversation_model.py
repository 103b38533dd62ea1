"""The conversation list's model: headings between conversations, untitled ones named,
renaming in place saved, and headings that cannot be picked or renamed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from desktop.core.conversation_groups import ConversationSummary, DateGroup
from desktop.core.folders import Folder
from desktop.ui.chat.sidebar.conversation_model import (
    CONTAINER_ROLE,
    CONVERSATION_MIME,
    COUNT_ROLE,
    DEPTH_ROLE,
    EXPANDED_ROLE,
    FOLDER_ROLE,
    ID_ROLE,
    TITLE_ROLE,
    ConversationListModel,
)

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


def test_folders_come_first_and_an_open_one_shows_its_conversations(qtbot: object) -> None:
    work, clients, home = (
        Folder(10, "Work"),
        Folder(11, "Clients", parent_id=10),
        Folder(12, "Home"),
    )
    in_folders = [
        SUMMARIES[1]._replace(folder_id=10),
        SUMMARIES[2]._replace(folder_id=11),
        SUMMARIES[3]._replace(folder_id=99),  # its folder was deleted meanwhile: dated
        SUMMARIES[0],
    ]
    model = model_with([], [])
    folders = [work, clients, home]
    model.set_summaries(in_folders, TODAY, folders, {10: 1, 11: 1}, (), "Folders")
    assert shown(model) == [
        "Folders",
        "Work",
        "Home",
        "[PINNED]",
        "Pinned plan",
        "[YESTERDAY]",
        "Old trip",
    ]
    assert model.index(1, 0).data(COUNT_ROLE) == 1 and model.index(2, 0).data(COUNT_ROLE) == 0

    model.set_summaries(in_folders, TODAY, folders, {10: 1, 11: 1}, {10, 11}, "Folders")
    assert shown(model)[:6] == ["Folders", "Work", "Clients", "Sourdough", "New chat", "Home"]
    depths = [model.index(row, 0).data(DEPTH_ROLE) for row in range(6)]
    assert depths == [0, 0, 1, 2, 1, 0]
    assert model.index(1, 0).data(FOLDER_ROLE) == 10 and model.index(1, 0).data(EXPANDED_ROLE)
    assert model.row_of(3) == 4 and model.index(4, 0).data(CONTAINER_ROLE) == 10
    assert model.flags(model.index(4, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert bytes(model.mimeData([model.index(4, 0)]).data(CONVERSATION_MIME).data()) == b"3"
