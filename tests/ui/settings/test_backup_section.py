"""Settings → History and backups in the real window: Back up now writes a file with the
history's counts; Restore previews a backup, replaces the history and the sidebar shows
the restored conversations; the daily backup runs when due and keeps seven."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.storage.backup import BackupKind, write_backup
from desktop.storage.backup_schedule import default_backup_folder, kept_backups
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.settings import SettingsStore, default_settings_path
from desktop.ui.settings.backup_section import BackupSection
from desktop.ui.settings.history_backups import HistoryBackups
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.tasks import TaskOwner
from tests.storage.backup_history import counts, fill
from tests.ui.conftest import wait_until

DAY = timedelta(days=1)


def section_of(window: MainWindow) -> BackupSection:
    page = window.open_settings()
    page.show_section("backups")
    assert page.backups is not None
    return page.backups


async def test_back_up_now_then_restore_with_a_preview(
    open_window: Callable[[], MainWindow],
) -> None:
    with HistoryStore.open(default_history_path()) as history:
        fill(history, 3, 4, label="kept ")
    window = open_window()
    await wait_until(lambda: len(window.conversations.titles()) == 3)
    section = section_of(window)
    backups = section.backups

    section.back_up.click()
    await wait_until(lambda: not backups.running and backups.kept)
    made = backups.kept[0]
    assert made.path.parent == default_backup_folder() and made.path.exists()
    assert counts(made.path) == (3, 12, 3)
    assert made.path.name in section.status.text()
    assert section.kept.count() == 1 and "3 conversations" in section.kept.item(0).text()
    assert section.last_backup.text() != "None yet"

    fill(backups.history, 2, 2, label="later ")
    window.conversation_sidebar.reload(None)
    await wait_until(lambda: len(window.conversations.titles()) == 5)

    section.preview_file(str(made.path))
    await wait_until(lambda: section.preview.isVisible())
    assert section.preview.conversations.text() == "3"
    assert section.preview.messages.text() == "12"
    assert section.preview.images.text() == "3"
    assert made.path.name in section.preview.title.text()

    section.preview.restore.click()
    await wait_until(lambda: not backups.running and "Restored" in section.status.text())
    await wait_until(
        lambda: sorted(window.conversations.titles()) == [f"kept chat {n}" for n in range(3)]
    )
    assert window.chat_pane.conversation_id is None
    await backups.idle()
    kinds = sorted(info.kind.value for info in backups.kept)
    assert kinds == ["before-restore", "manual"]  # the old history, to undo with


async def test_a_file_that_is_not_a_backup_is_said_and_nothing_changes(
    open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    with HistoryStore.open(default_history_path()) as history:
        fill(history, 2, 2)
    window = open_window()
    section = section_of(window)
    noise = tmp_path / "photo.parley-backup"
    noise.write_bytes(b"\x89PNG not a backup at all" * 100)
    section.restore_file.click()  # Restore… asks for a file, without a nested loop
    dialog = section.file_dialog
    assert dialog is not None and dialog.isVisible()
    assert "*.parley-backup" in dialog.nameFilters()[0]
    dialog.fileSelected.emit(str(noise))
    dialog.reject()
    await wait_until(lambda: "is not a Parley backup" in section.status.text())
    assert section.status.isVisible() and not section.preview.isVisible()
    assert section.status.property("state") == "error"
    assert len(section.backups.history.list_conversations()) == 2


@pytest.fixture
async def daily(qtbot: object) -> AsyncIterator[Callable[..., HistoryBackups]]:
    made: list[tuple[HistoryBackups, TaskOwner, HistoryStore]] = []

    def factory(now: datetime, chats: int = 1, **kwargs: object) -> HistoryBackups:
        history = HistoryStore.open(default_history_path())
        fill(history, chats, 2)
        store = SettingsStore(default_settings_path())
        tasks = TaskOwner()
        backups = HistoryBackups(
            history,
            store.load(),
            store,
            tasks,
            clock=lambda: now,
            start_delay_ms=0,
            **kwargs,  # type: ignore[arg-type]
        )
        made.append((backups, tasks, history))
        return backups

    yield factory
    for backups, tasks, history in made:
        await tasks.cancel_all()
        history.close()
        backups.deleteLater()


def old_backups(history: Path, now: datetime, days: range, kind: BackupKind) -> None:
    for day in days:
        write_backup(history, default_backup_folder(), kind, app_version="0", now=now - day * DAY)


async def test_the_daily_backup_runs_when_due_and_keeps_seven(
    daily: Callable[..., HistoryBackups],
) -> None:
    now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    backups = daily(now)
    old_backups(backups.history.path, now, range(2, 10), BackupKind.DAILY)  # 8, the last 2 days ago
    old_backups(backups.history.path, now, range(30, 31), BackupKind.MANUAL)
    backups.start()
    await wait_until(lambda: any(b.created_at == now for b in backups.kept))
    await wait_until(lambda: len(backups.kept) == 8)
    daily_ones = [b for b in backups.kept if b.kind is BackupKind.DAILY]
    assert len(daily_ones) == 7
    assert min(b.created_at for b in daily_ones) == now - 7 * DAY  # the oldest went
    assert [b.kind for b in backups.kept].count(BackupKind.MANUAL) == 1  # never pruned
    assert len(kept_backups(default_backup_folder())) == 8
    due = backups.next_daily_in_ms
    assert due is not None and due > 23 * 3600 * 1000  # one timer, for tomorrow


async def test_no_daily_backup_before_a_day_has_passed_and_none_when_off(
    daily: Callable[..., HistoryBackups],
) -> None:
    now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    backups = daily(now)
    write_backup(
        backups.history.path,
        default_backup_folder(),
        BackupKind.DAILY,
        app_version="0",
        now=now - timedelta(hours=2),
    )
    backups.start()
    await wait_until(lambda: backups.kept)
    await backups.idle()
    assert len(backups.kept) == 1
    due = backups.next_daily_in_ms
    assert due is not None and abs(due - 22 * 3600 * 1000) < 2000
    backups.set_daily(False)
    assert backups.next_daily_in_ms is None
    backups.set_daily(True)
    assert backups.next_daily_in_ms is not None


async def test_an_empty_history_gets_no_daily_backup(
    daily: Callable[..., HistoryBackups],
) -> None:
    backups = daily(datetime(2026, 12, 6, 9, 0, tzinfo=UTC), chats=0)
    backups.start()
    await wait_until(lambda: (backups.next_daily_in_ms or 0) > 23 * 3600 * 1000)
    await backups.idle()
    assert backups.kept == [] and not default_backup_folder().exists()


async def test_the_window_keeps_answering_while_a_big_history_is_backed_up(
    open_window: Callable[[], MainWindow],
) -> None:
    """The copy runs in a worker: the event loop's longest stall stays under 50 ms."""
    with HistoryStore.open(default_history_path()) as history:
        fill(history, 40, 10, label="z" * 12_000)  # ~5 MB: some twenty 1 MB steps
    window = open_window()
    section = section_of(window)
    await asyncio.sleep(0.5)  # the window's own start-up work is not measured
    stalls: list[float] = []
    section.back_up.click()
    last = time.perf_counter()
    while section.backups.running or not section.backups.kept:
        await asyncio.sleep(0.005)
        now = time.perf_counter()
        stalls.append(now - last)
        last = now
    assert section.backups.kept[0].size > 4_000_000
    assert max(stalls) < 0.05, sorted(stalls)[-5:]


async def test_cancel_a_backup_and_a_folder_that_cannot_be_written(
    open_window: Callable[[], MainWindow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.storage import backup

    with HistoryStore.open(default_history_path()) as history:
        fill(history, 20, 10, label="c" * 2000)
    window = open_window()
    section = section_of(window)
    backups = section.backups
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    # The copy waits after its first step until Cancel is clicked: on a quick machine it
    # could otherwise finish between the first step and the click (CI saw "Backed up").
    mid_way = threading.Event()
    copy = backup.copy_database

    def held_copy(*args: Any, progress: backup.Progress | None = None, **kwargs: Any) -> None:
        def step(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total)
            mid_way.wait(10)

        copy(*args, progress=step, **kwargs)

    monkeypatch.setattr(backup, "copy_database", held_copy)
    section.back_up.click()
    await wait_until(lambda: backups.done > 0)
    assert section.progress.isVisible() and section.cancel.isVisible()
    assert not section.back_up.isEnabled()
    section.cancel.click()
    mid_way.set()
    await wait_until(lambda: not backups.running)
    assert "cancelled" in section.status.text()
    await backups.idle()
    assert list(default_backup_folder().iterdir()) == []
    assert not section.progress.isVisible()

    in_the_way = tmp_path / "a file"
    in_the_way.write_text("not a folder")
    backups.set_folder(str(in_the_way))
    await wait_until(lambda: section.folder.text() == str(in_the_way))
    section.back_up.click()
    await wait_until(lambda: not backups.running and backups.failed)
    assert "The backup could not be written to" in section.status.text()
    assert section.status.property("state") == "error"
    saved = SettingsStore(default_settings_path()).load()
    assert saved.backup_folder == str(in_the_way)

    assert "Next one around" in section.daily_note.text()
    section.daily.click()  # off: saved, and no timer waits any more
    assert SettingsStore(default_settings_path()).load().backup_daily is False
    assert backups.next_daily_in_ms is None
    assert "Next one around" not in section.daily_note.text()
