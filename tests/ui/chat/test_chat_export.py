"""The Export button: the file it suggests, what each format holds, and a failed write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.core.conversation import Role
from desktop.storage.history import HistoryStore
from desktop.ui.chat.chat_export import ExportButton


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db")
    yield opened
    opened.close()


def conversation_with_two_answers(store: HistoryStore, title: str) -> int:
    """A question answered twice: the second answer is the one shown."""
    conversation = store.create_conversation(title, "tiny:latest")
    question = store.add_message(conversation.id, Role.USER, "Name a colour")
    store.add_message(conversation.id, Role.ASSISTANT, "Vermilion", parent_id=question.id)
    store.add_message(conversation.id, Role.ASSISTANT, "Cerulean 蔚蓝", parent_id=question.id)
    return conversation.id


def test_markdown_holds_what_is_shown_and_json_every_version(
    qtbot: object, store: HistoryStore, tmp_path: Path
) -> None:
    conversation_id = conversation_with_two_answers(store, "Colours")
    button = ExportButton(store, lambda: conversation_id)
    qtbot.addWidget(button)  # type: ignore[attr-defined]

    assert button.export_to(tmp_path / "colours.md", "md")
    markdown = (tmp_path / "colours.md").read_text(encoding="utf-8")
    assert "Name a colour" in markdown and "Cerulean 蔚蓝" in markdown
    assert "Vermilion" not in markdown, "Markdown is the conversation as it reads"

    assert button.export_to(tmp_path / "colours.json", "json")
    data = json.loads((tmp_path / "colours.json").read_text(encoding="utf-8"))
    texts = [message["content"] for message in data["messages"]]
    assert {"Name a colour", "Vermilion", "Cerulean 蔚蓝"} <= set(texts), "JSON keeps both"


def test_a_failed_write_is_said_in_words_and_leaves_no_file(
    qtbot: object, store: HistoryStore, tmp_path: Path
) -> None:
    conversation_id = conversation_with_two_answers(store, "Colours")
    button = ExportButton(store, lambda: conversation_id)
    qtbot.addWidget(button)  # type: ignore[attr-defined]
    said: list[str] = []
    button.failed.connect(said.append)
    target = tmp_path / "no such folder" / "colours.md"

    assert not button.export_to(target, "md")
    assert len(said) == 1 and str(target) in said[0]
    assert not target.exists()


def test_the_save_dialog_suggests_the_title_as_a_safe_file_name(
    qtbot: object, store: HistoryStore
) -> None:
    conversation_id = conversation_with_two_answers(store, "Plans: Q3/Q4?")
    button = ExportButton(store, lambda: conversation_id)
    qtbot.addWidget(button)  # type: ignore[attr-defined]

    button.choose("md")
    dialog = button.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    try:
        assert dialog.acceptMode() is QFileDialog.AcceptMode.AcceptSave
        assert dialog.defaultSuffix() == "md"
        chosen = Path(dialog.selectedFiles()[0]).name
        assert chosen == "Plans_ Q3_Q4_.md"
    finally:
        dialog.reject()


def test_without_an_open_conversation_nothing_is_offered(
    qtbot: object, store: HistoryStore, tmp_path: Path
) -> None:
    button = ExportButton(store, lambda: None)
    qtbot.addWidget(button)  # type: ignore[attr-defined]
    assert not button.isEnabled(), "the pane enables it once a conversation is open"
    button.choose("md")
    assert button.dialog is None
    assert not button.export_to(tmp_path / "nothing.md", "md")
    assert not (tmp_path / "nothing.md").exists()
