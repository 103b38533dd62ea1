"""Importing another app's export from the sidebar: preview, import, report; a bad file
is explained and adds nothing; Cancel while writing leaves the history as it was."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from desktop.importers import worker
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


def hidden(history: Path) -> int:
    """Conversations an unfinished import has written (hidden until it finishes)."""
    with sqlite3.connect(history) as conn:
        found = conn.execute(
            "SELECT COUNT(*) FROM conversations WHERE deleted_at LIKE 'importing:%'"
        ).fetchone()
    return int(found[0])


def many_conversations(tmp_path: Path, count: int = 3000) -> Path:
    """An export whose import takes a few seconds (batches of 500 messages)."""
    template = samples.chatgpt_conversations()[1]
    many = [{**template, "conversation_id": f"c{n}", "title": f"Chat {n}"} for n in range(count)]
    return samples.chatgpt_export(tmp_path, many)


async def test_cancel_while_importing_takes_everything_back(
    sidebar: ConversationSidebar, tmp_path: Path
) -> None:
    before = snapshot(sidebar._store.path)
    dialog = sidebar.preview_import(str(many_conversations(tmp_path)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    dialog.import_button.click()
    await wait_until(lambda: hidden(sidebar._store.path) > 0, timeout=20)
    dialog.cancel_button.click()  # as a person would, mid-import
    await wait_until(lambda: dialog.stage is not Stage.WRITING, timeout=20)
    assert dialog.stage is Stage.FAILED
    assert "cancelled; nothing was added" in dialog.failure.text()
    assert snapshot(sidebar._store.path) == before
    assert sidebar.list.titles() == ["Already here"]


async def test_quitting_during_an_import_stops_its_worker_at_once(
    sidebar: ConversationSidebar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the app cancels its tasks; the import must stop too (Python waits for
    its thread at exit), and what it wrote stays hidden until the next start's purge."""
    shown = sidebar._store.list_conversations()
    dialog = sidebar.preview_import(str(many_conversations(tmp_path)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    ended = threading.Event()
    real_import = worker.import_export

    def import_export(*args: object) -> object:
        try:
            return real_import(*args)  # type: ignore[arg-type]
        finally:
            ended.set()

    monkeypatch.setattr(worker, "import_export", import_export)
    dialog.import_button.click()
    await wait_until(lambda: hidden(sidebar._store.path) > 0, timeout=20)
    began = time.monotonic()
    await sidebar._tasks.cancel_all()
    await wait_until(ended.is_set)
    assert time.monotonic() - began < 2, "the import went on after the app's tasks were cancelled"
    written = hidden(sidebar._store.path)
    await asyncio.sleep(0.3)
    assert hidden(sidebar._store.path) == written < 3000  # its worker is gone
    assert sidebar._store.list_conversations() == shown
    sidebar._store.purge_trash()  # the next start
    assert sidebar._store.list_conversations() == shown
    assert hidden(sidebar._store.path) == 0


async def test_the_export_is_read_and_written_outside_the_apps_process(
    sidebar: ConversationSidebar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading an export is minutes of pure Python for a big one: in a thread of the app
    it held the interpreter lock the window needs (stalls of 40-200 ms). Now a worker
    process reads and writes it; the app gets the same preview and report."""
    from desktop.importers import chatgpt

    read_here: list[str] = []
    real_read = chatgpt.read

    def read(item: dict[str, object], files: object) -> object:
        read_here.append(str(item.get("title")))
        return real_read(item, files)  # type: ignore[arg-type]

    monkeypatch.setattr(chatgpt, "read", read)
    dialog = sidebar.preview_import(str(samples.chatgpt_export(tmp_path)))
    await wait_until(lambda: dialog.stage is Stage.PREVIEW)
    assert dialog.counts_text() == "2, 8, 2"
    dialog.import_button.click()
    await wait_until(lambda: dialog.stage is Stage.DONE)
    assert dialog.report is not None and (dialog.report.added, dialog.report.messages) == (2, 8)
    assert len(dialog.report.problems) == 1 and len(dialog.report.notes) == 1
    assert read_here == [], "the export was read in the app's own process"
    await wait_until(lambda: len(sidebar.list.titles()) == 3)


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
