"""History backups for the window: Back up now, Restore, and the daily backup's timer.

Created once by the app (desktop/app.py) so the daily backup runs whether or not the
Settings page was opened; the "History and backups" section shows it. Copies run in a
worker thread (``asyncio.to_thread``); the worker only writes two integers of progress,
which the section reads on a 10 Hz timer while something runs. The daily backup has one
single-shot timer set to when the next one is due, never a polling timer.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop import __version__
from desktop.storage.backup import (
    BackupCancelled,
    BackupInfo,
    BackupKind,
    BackupProblem,
    read_backup,
    write_backup,
)
from desktop.storage.backup_restore import RestoreResult, remove_leftovers, restore_backup
from desktop.storage.backup_schedule import (
    DAILY_EVERY,
    backup_folder,
    daily_due_in,
    kept_backups,
    prune_daily,
    remove_partials,
)
from desktop.storage.history import HistoryStore
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner

T = TypeVar("T")
START_DELAY_MS = 120_000
"""A daily backup due at start waits this long: startup and the first question come first."""
MAX_TIMER_MS = 2**31 - 1
RETRY_MS = 60 * 60 * 1000
"""A daily backup that failed is tried again an hour later."""


def _tidy_and_list(history: Path, folder: Path) -> list[BackupInfo]:
    """The kept backups, after removing what a backup or restore killed half way left
    (called only while nothing is being written: see ``HistoryBackups._work``)."""
    remove_leftovers(history)
    remove_partials(folder)
    return kept_backups(folder)


class HistoryBackups(QObject):
    changed = Signal()
    """The kept backups, what is running or the last outcome changed."""
    historyReplaced = Signal()
    """A restore put another history in place: conversation lists must be read again."""

    def __init__(
        self,
        history: HistoryStore,
        settings: Settings,
        settings_store: SettingsStore,
        tasks: TaskOwner,
        *,
        clock: Callable[[], datetime] | None = None,
        start_delay_ms: int = START_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.settings = settings
        self._settings_store = settings_store
        self._tasks = tasks
        self._clock = clock or (lambda: datetime.now(UTC))
        self._start_delay_ms = start_delay_ms
        self.kept: list[BackupInfo] = []
        self.running = ""
        """"" when idle, else the BackupKind value or "restore" of what runs now."""
        self.outcome = ""
        """What the last action did or why it failed, in the person's language."""
        self.failed = False
        self.last_result: BackupInfo | RestoreResult | None = None
        self.done = 0
        self.total = 0
        self._cancel = threading.Event()
        self._pending: set[asyncio.Task[Any]] = set()
        self._work = asyncio.Lock()
        """Held by each backup, restore and folder reading: one at a time."""
        self._started = False
        self._daily = QTimer(self)
        self._daily.setSingleShot(True)
        self._daily.setTimerType(Qt.TimerType.VeryCoarseTimer)  # a second either way is fine
        self._daily.timeout.connect(self._daily_due)
        unsubscribe = settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    # -- what the section shows -------------------------------------------------
    @property
    def folder(self) -> Path:
        return backup_folder(self.settings.backup_folder)

    @property
    def next_daily_at(self) -> datetime | None:
        """When the next daily backup is due, None when it is off."""
        due = self.next_daily_in_ms
        return None if due is None else datetime.now(UTC) + timedelta(milliseconds=due)

    @property
    def next_daily_in_ms(self) -> int | None:
        """When the daily timer fires, None when it is off."""
        return self._daily.remainingTime() if self._daily.isActive() else None

    def set_daily(self, on: bool) -> None:
        self.settings.backup_daily = on
        self._settings_store.save(self.settings)

    def set_folder(self, folder: str) -> None:
        self.settings.backup_folder = folder
        self._settings_store.save(self.settings)

    # -- actions -----------------------------------------------------------------
    def start(self) -> None:
        """Read the folder and set the daily timer (at app start)."""
        self._started = True
        self.run(self._refresh())

    def back_up_now(self) -> asyncio.Task[Any] | None:
        return self.run(self._back_up(BackupKind.MANUAL)) if not self.running else None

    def restore(self, path: Path) -> asyncio.Task[Any] | None:
        return self.run(self._restore(path)) if not self.running else None

    def cancel(self) -> None:
        self._cancel.set()

    async def preview(self, path: Path) -> BackupInfo:
        """The facts of the backup at ``path``; raises BackupProblem for a bad file."""
        return await asyncio.to_thread(read_backup, path)

    async def idle(self) -> None:
        """Wait until every action started here has finished (tests, quitting)."""
        while self._pending:
            await asyncio.wait(set(self._pending))

    # -- the work ----------------------------------------------------------------
    def run(self, coro: Any) -> asyncio.Task[Any]:
        task = self._tasks.spawn(coro, name="history backups")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return task

    def _progress(self, done: int, total: int) -> None:
        """Called from the worker thread: two plain integers, read by the section's timer."""
        self.done, self.total = done, total

    async def _in_thread(self, work: Callable[[], T]) -> T:
        try:
            async with self._work:
                return await asyncio.to_thread(work)
        except asyncio.CancelledError:
            self._cancel.set()  # the worker stops at its next step and leaves no file
            raise

    def _begin(self, what: str) -> None:
        self._cancel.clear()
        self.running, self.done, self.total = what, 0, 0
        self.changed.emit()

    def _finish(self, outcome: str, *, failed: bool = False) -> None:
        self.running = ""
        self.say(outcome, failed=failed)

    def say(self, outcome: str, *, failed: bool = False) -> None:
        """Show ``outcome`` as the last thing that happened (a preview's problem too)."""
        self.outcome, self.failed = outcome, failed
        self.changed.emit()

    async def _back_up(self, kind: BackupKind) -> None:
        self._begin(kind.value)
        folder, history = self.folder, self.history.path
        try:
            info = await self._in_thread(
                lambda: write_backup(
                    history,
                    folder,
                    kind,
                    app_version=__version__,
                    progress=self._progress,
                    cancelled=self._cancel,
                    now=self._clock(),
                )
            )
        except BackupCancelled:
            self._finish(self.tr("The backup was cancelled; no file was written."))
        except BackupProblem as problem:
            self._finish(translated(problem), failed=True)
        else:
            self.last_result = info
            self._finish(self.tr("Backed up to {file}.").format(file=info.path.name))
        await self._refresh()

    async def _restore(self, path: Path) -> None:
        self._begin("restore")
        folder = self.folder
        try:
            result = await self._in_thread(
                lambda: restore_backup(
                    self.history,
                    path,
                    folder,
                    app_version=__version__,
                    progress=self._progress,
                    cancelled=self._cancel,
                )
            )
        except BackupCancelled:
            self._finish(self.tr("The restore was cancelled; the history is as it was."))
        except BackupProblem as problem:
            self._finish(translated(problem), failed=True)
        else:
            self.last_result = result
            self._finish(
                self.tr(
                    "Restored {file}. The history as it was is kept as {before}: restore it "
                    "to undo."
                ).format(file=path.name, before=result.before.path.name)
            )
            self.historyReplaced.emit()
        await self._refresh()

    async def _refresh(self) -> None:
        """Read the folder again, remove what was killed half way, set the daily timer."""
        folder, history = self.folder, self.history.path
        self.kept = await self._in_thread(lambda: _tidy_and_list(history, folder))
        self._schedule()
        self.changed.emit()

    def _schedule(self) -> None:
        if not (self._started and self.settings.backup_daily):
            self._daily.stop()
            return
        delay_ms = int(daily_due_in(self.kept, self._clock()).total_seconds() * 1000)
        if delay_ms <= 0:
            if self._daily.isActive():  # already set to run soon (or to try again later)
                return
            delay_ms = self._start_delay_ms
        self._daily.start(min(delay_ms, MAX_TIMER_MS))

    def _daily_due(self) -> None:
        if self.running:  # after the running action, _refresh sets the timer again
            return
        if not self.history.conversation_summaries(newest=1):  # nothing to lose yet
            self._daily.start(min(int(DAILY_EVERY.total_seconds() * 1000), MAX_TIMER_MS))
            return
        self.run(self._back_up_daily())

    async def _back_up_daily(self) -> None:
        await self._back_up(BackupKind.DAILY)
        if self.failed:  # a folder that cannot be written is not tried every minute
            self._daily.start(RETRY_MS)
            return
        folder = self.folder
        await self._in_thread(lambda: prune_daily(kept_backups(folder)))
        await self._refresh()

    def _setting_changed(self, name: str) -> None:
        if name == "backup_daily":
            self._schedule()
            self.changed.emit()
        elif name == "backup_folder" and self._started:
            self.run(self._refresh())
