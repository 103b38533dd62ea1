"""Importing another app's export from the sidebar: preview, import, report; a bad file
is explained and adds nothing; Cancel while writing leaves the history as it was."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from desktop.importers import run
from desktop.storage.history import HistoryStore
from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
from desktop.ui.chat.sidebar.import_dialog import Stage
from desktop.ui.tasks import TaskOwner
from tests.importers import samples
from tests.importers.helpers import snapshot
from tests.ui.conftest import wait_until


@pytest.fixture
def sidebar(qtbot: object, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    store.create_conversation("Already here", "m")
    tasks = TaskOwner()
    widget = ConversationSidebar(store, tasks)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(272, 600)
    widget.reload(None)
    widget.show()
    yield widget
    store.close()


async def test_preview_then_import_then_report(
    sidebar: ConversationSidebar, tmp_path: Path
) -> None:
    await wait_until(lambda: sidebar.list.painted)
    dialog = sidebar.preview_import(str(samples.chatgpt_export(tmp_path)))
    assert dialog.isVisible() and dialog.stage is Stage.READING
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    assert dialog.source.text().startswith("ChatGPT export · chatgpt-export.zip")
    figures = dialog.summary
    assert (figures.conversations.value.text(), figures.messages.value.text()) == ("2", "8")
    assert figures.images.value.text() == "2"
    assert dialog.summary.range.text().startswith("From ")
    assert "4 parts" in dialog.summary.notes_label.text()
    assert "1 conversation cannot be read" in dialog.summary.problems_label.text()
    rows = dialog.summary.detail_rows()
    assert rows[0].startswith("Broken one — “mapping” is missing")
    assert rows[1].startswith("Branches and code — image not in the export")
    assert (
        dialog.import_button.isVisible() and dialog.import_button.text() == "Import 2 conversations"
    )
    assert sidebar.list.titles() == ["Already here"]  # nothing written by the preview

    dialog.import_button.click()
    await wait_until(lambda: dialog.stage is Stage.DONE)
    assert dialog.heading.text() == "Imported 2 conversations"
    assert figures.conversations.value.text() == "2" and figures.messages.value.text() == "8"
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    await wait_until(lambda: len(sidebar.list.titles()) == 3)
    assert set(sidebar.list.titles()) == {"Already here", "Branches and code", "Plain one"}

    dialog.close_button.click()
    again = sidebar.preview_import(str(samples.chatgpt_export(tmp_path)))
    await wait_until(lambda: again.stage is Stage.PREVIEW)
    assert again.summary.present.text() == (
        "2 conversations already in your history will be skipped."
    )
    assert not again.import_button.isEnabled()
    again.reject()


async def test_a_chatbox_backup_previews_and_reports(
    sidebar: ConversationSidebar, tmp_path: Path
) -> None:
    from tests.importers import samples_backups

    await wait_until(lambda: sidebar.list.painted)
    dialog = sidebar.preview_import(str(samples_backups.chatbox_export(tmp_path)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    assert dialog.source.text().startswith("Chatbox backup · chatbox-exported-data-2023-11-15")
    figures = dialog.summary
    assert (figures.conversations.value.text(), figures.messages.value.text()) == ("2", "7")
    assert figures.images.value.text() == "2"
    assert "1 conversation cannot be read" in figures.problems_label.text()
    assert any(row.startswith("Broken — “messages” is missing") for row in figures.detail_rows())
    assert dialog.import_button.text() == "Import 2 conversations"
    dialog.import_button.click()
    await wait_until(lambda: dialog.stage is Stage.DONE)
    assert dialog.heading.text() == "Imported 2 conversations"
    await wait_until(lambda: len(sidebar.list.titles()) == 3)
    assert "猫 and code — Old thread" in sidebar.list.titles()
    dialog.close_button.click()

    metadata = '{"version": 7, "appName": "Cherry Studio"}'
    folders = samples.write_zip(tmp_path / "cherry.zip", {"metadata.json": metadata})
    failed = sidebar.preview_import(str(folders))
    await wait_until(lambda: failed.stage is Stage.FAILED)
    assert "Cherry Studio backup has format version 7" in failed.failure.text()
    assert failed.status.text() == "Your history is unchanged."
    failed.close_button.click()


async def test_a_bad_file_is_explained_and_adds_nothing(
    sidebar: ConversationSidebar, tmp_path: Path
) -> None:
    before = snapshot(sidebar._store.path)
    whole = samples.claude_export(tmp_path).read_bytes()
    cut = tmp_path / "claude-export.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    dialog = sidebar.preview_import(str(cut))
    await wait_until(lambda: dialog.stage is Stage.FAILED)
    assert dialog.heading.text() == "Could not import"
    assert "damaged or incomplete" in dialog.failure.text()
    assert dialog.status.text() == "Your history is unchanged."
    assert not dialog.import_button.isVisible() and dialog.close_button.isVisible()
    dialog.close_button.click()

    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "parley.conversation", "version": 99, "messages": []}')
    dialog = sidebar.preview_import(str(newer))
    await wait_until(lambda: dialog.stage is Stage.FAILED)
    assert "newer Parley (format version 99)" in dialog.failure.text()
    assert snapshot(sidebar._store.path) == before


async def test_cancel_while_importing_takes_everything_back(
    sidebar: ConversationSidebar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(sidebar._store.path)
    monkeypatch.setattr(run, "BATCH_MESSAGES", 5)
    template = samples.chatgpt_conversations()[1]
    many = [{**template, "conversation_id": f"c{n}", "title": f"Chat {n}"} for n in range(400)]
    dialog = sidebar.preview_import(str(samples.chatgpt_export(tmp_path, many)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    real_write = run.BulkImport.write
    written: list[int] = []

    def write(self: run.BulkImport, batch: list[object]) -> list[str]:
        written.append(len(batch))
        if len(written) == 5:
            dialog.cancel_button.click()  # as a person would, mid-import
        return real_write(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(run.BulkImport, "write", write)
    dialog.import_button.click()
    await wait_until(lambda: dialog.stage is Stage.FAILED)
    assert "cancelled; nothing was added" in dialog.failure.text()
    assert 5 <= len(written) < 100
    assert snapshot(sidebar._store.path) == before
    assert sidebar.list.titles() == ["Already here"]


async def test_quitting_during_an_import_stops_its_thread_at_once(
    sidebar: ConversationSidebar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the app cancels its tasks; the import's thread must stop too (Python waits
    for it at exit), and what it wrote stays hidden until the next start's purge."""
    shown = sidebar._store.list_conversations()
    monkeypatch.setattr(run, "BATCH_MESSAGES", 5)
    template = samples.chatgpt_conversations()[1]
    many = [{**template, "conversation_id": f"c{n}", "title": f"Chat {n}"} for n in range(400)]
    dialog = sidebar.preview_import(str(samples.chatgpt_export(tmp_path, many)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    real_write = run.BulkImport.write
    written: list[int] = []
    ended = threading.Event()

    def write(self: run.BulkImport, batch: list[object]) -> list[str]:
        written.append(len(batch))
        if len(written) == 5:
            asyncio.run_coroutine_threadsafe(sidebar._tasks.cancel_all(), loop)
        time.sleep(0.01)
        return real_write(self, batch)  # type: ignore[arg-type]

    real_import = run.import_export

    def import_export(*args: object) -> object:
        try:
            return real_import(*args)  # type: ignore[arg-type]
        finally:
            ended.set()

    monkeypatch.setattr(run.BulkImport, "write", write)
    monkeypatch.setattr(run, "import_export", import_export)
    loop = asyncio.get_running_loop()
    dialog.import_button.click()
    await wait_until(ended.is_set)
    assert 5 <= len(written) < 20, "the thread went on after the app's tasks were cancelled"
    assert sidebar._store.list_conversations() == shown
    sidebar._store.purge_trash()  # the next start
    assert sidebar._store.list_conversations() == shown


async def test_imported_conversations_are_listed_from_rows_built_off_the_ui_thread(
    sidebar: ConversationSidebar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Grouping thousands of conversations under date headings and naming their rows
    took the UI thread ~25 ms per 10,000 after an import (twice that on a busy CPU): a
    stall while the list filled. Now a worker builds the rows; the UI shows them."""
    from desktop.ui.chat.sidebar import conversation_groups

    await wait_until(lambda: sidebar.list.painted and sidebar._complete)
    real_grouped = conversation_groups.grouped
    on_ui_thread: list[bool] = []

    def grouped(*args: object) -> object:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real_grouped(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(conversation_groups, "grouped", grouped)
    template = samples.chatgpt_conversations()[1]
    day = 86_400
    many = [
        {
            **template,
            "conversation_id": f"c{n}",
            "title": f"Chat {n}",
            "create_time": 1_600_000_000 + n * 40 * day,
            "update_time": 1_600_000_000 + n * 40 * day,
        }
        for n in range(30)
    ]
    dialog = sidebar.preview_import(str(samples.chatgpt_export(tmp_path, many)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    dialog.import_button.click()
    await wait_until(lambda: dialog.stage is Stage.DONE)
    await wait_until(lambda: len(sidebar.list.titles()) == 31)
    assert on_ui_thread and not any(on_ui_thread), "the rows were built on the UI thread"
    titles = sidebar.list.titles()
    assert titles[0] == "Already here" and titles[1:] == [f"Chat {n}" for n in range(29, -1, -1)]
    headings = sidebar.list.headings()
    assert headings[0] == "Today" and len(headings) > 20  # a month each, named in the UI
    assert all(heading for heading in headings)
