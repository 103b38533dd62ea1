"""A draft that changes while Parley quits is not written into a closed history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit

from desktop.storage.history import HistoryStore
from desktop.ui.chat.composer.attachment_draft import AttachmentDraft
from desktop.ui.chat.composer.draft_keeper import DraftKeeper
from desktop.ui.tasks import TaskOwner


def test_a_late_change_after_the_history_closed_is_dropped_quietly(
    tmp_path: Path, qtbot: object
) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    text = QPlainTextEdit()
    keeper = DraftKeeper(store, text, AttachmentDraft(TaskOwner(), lambda: 2048))
    keeper.show(None)
    text.setPlainText("half a thought")
    keeper.changed()
    keeper.keep()
    assert saved_text(tmp_path) == "half a thought"

    text.setPlainText("typed as the window closed")
    keeper.changed()  # e.g. a picture finished preparing after the window closed
    store.close()
    keeper.keep()  # raised "Cannot operate on a closed database" from a timer before

    assert saved_text(tmp_path) == "half a thought"


def saved_text(folder: Path) -> str:
    with HistoryStore.open(folder / "history.sqlite3") as store:
        return store.drafts.of(None).text
