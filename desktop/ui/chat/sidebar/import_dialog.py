"""Importing conversations from another app's export: read → preview → import → report.

    ┌ Import conversations ─────────────────────────────────────┐
    │ ChatGPT export · chatgpt-export.zip · 48 MB                │
    │ ┌ 1,204 ─────────┐ ┌ 38,112 ───────┐ ┌ 212 ──────┐          │
    │ │ conversations  │ │ messages      │ │ images    │          │
    │ From 14/11/2023 to 05/12/2026                               │
    │ 3 conversations already in your history will be skipped.  │
    │ 12 parts Parley cannot show will be kept as notes …        │
    │ [ list: title — what ]                                      │
    │                                  [Cancel] [Import]          │
    └─────────────────────────────────────────────────────────────┘

Reading and writing run in a worker process (desktop/importers/worker.py: in a thread they
held the interpreter lock the window needs), driven from a thread; a timer shows how far
they got. Cancel (or closing the dialog) stops either; an import that stops or fails
takes back everything it wrote, so the history is exactly as before.
"""

from __future__ import annotations

import asyncio
import sqlite3
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.conversation_export import ImportProblem
from desktop.importers import run, worker
from desktop.importers.model import APP_NAMES, ImportCancelled, Preview, Report, SourceApp
from desktop.ui.chat.sidebar.import_summary import ImportSummary
from desktop.ui.design import Space
from desktop.ui.strings import counted, number, translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import PRIMARY, set_kind

POLL_MS = 100
STEPS = 1000


class Stage(Enum):
    READING = "reading"
    PREVIEW = "preview"
    WRITING = "writing"
    DONE = "done"
    FAILED = "failed"


class ImportConversationsDialog(QDialog):
    importStarted = Signal()
    imported = Signal(int)
    """How many conversations were added (sent when an import finished)."""

    def __init__(
        self, export: Path, history: Path, tasks: TaskOwner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importConversationsDialog")
        self.setMinimumSize(560, 460)
        self.export = export
        self._history = history
        self._tasks = tasks
        self._progress = run.Progress()
        self._task: asyncio.Task[None] | None = None
        self.stage = Stage.READING
        self.preview: Preview | None = None
        self.report: Report | None = None
        self.problem = ""
        self._closing = False

        column = QVBoxLayout(self)
        column.setContentsMargins(Space.XL, Space.L, Space.XL, Space.L)
        column.setSpacing(Space.M)
        self.heading = QLabel()
        self.heading.setObjectName("importHeading")
        self.source = QLabel()
        self.source.setObjectName("importSource")
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.summary = ImportSummary()
        self.summary.hide()
        self.failure = QLabel()
        self.failure.setObjectName("dialogProblem")
        self.failure.setWordWrap(True)
        self.failure.hide()
        for widget in (self.heading, self.source, self.failure, self.status, self.bar):
            column.addWidget(widget)
        column.addWidget(self.summary, 1)
        column.addStretch(0)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton()
        set_kind(self.import_button, PRIMARY)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton()
        set_kind(self.close_button, PRIMARY)
        self.close_button.clicked.connect(self.accept)
        for button in (self.cancel_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        column.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_progress)
        self.retranslate()

    # -- texts ---------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import conversations"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        self._show_stage()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _source_text(self) -> str:
        size = QLocale().formattedDataSize(
            self.export.stat().st_size if self.export.exists() else 0
        )
        parts = [self.export.name, size]
        if self.preview is not None:
            app = APP_NAMES[self.preview.app]
            if self.preview.app in (SourceApp.CHATBOX, SourceApp.CHERRY_STUDIO):
                parts.insert(0, self.tr("{app} backup").format(app=app))
            else:
                parts.insert(0, self.tr("{app} export").format(app=app))
        return " · ".join(parts)

    def _show_stage(self) -> None:
        """Every text and what is visible, from the stage and what is known."""
        stage = self.stage
        self.source.setText(self._source_text())
        busy = stage in (Stage.READING, Stage.WRITING)
        self.bar.setVisible(busy)
        self.summary.setVisible(stage in (Stage.PREVIEW, Stage.DONE))
        self.failure.setVisible(stage is Stage.FAILED)
        self.import_button.setVisible(stage is Stage.PREVIEW)
        self.cancel_button.setVisible(stage is not Stage.DONE and stage is not Stage.FAILED)
        self.close_button.setVisible(stage in (Stage.DONE, Stage.FAILED))
        self.cancel_button.setEnabled(not self._progress.cancelled)
        if stage is Stage.READING:
            self.heading.setText(self.tr("Reading the export…"))
            self.status.setText(self.tr("Nothing is written to your history yet."))
        elif stage is Stage.PREVIEW and self.preview is not None:
            self.heading.setText(self.tr("Import these conversations?"))
            self.summary.show_preview(self.preview)
            new = max(self.preview.conversations - self.preview.present, 0)
            self.status.setText("")
            self.import_button.setText(
                counted(
                    new, self.tr("Import 1 conversation"), self.tr("Import {count} conversations")
                )
            )
            self.import_button.setEnabled(new > 0)
        elif stage is Stage.WRITING:
            self.heading.setText(self.tr("Importing…"))
            self.status.setText(
                self.tr("Cancel takes back what was written: your history stays as it was.")
            )
        elif stage is Stage.DONE and self.report is not None:
            self.heading.setText(
                counted(
                    self.report.added,
                    self.tr("Imported 1 conversation"),
                    self.tr("Imported {count} conversations"),
                )
                if self.report.added
                else self.tr("Nothing new to import")
            )
            self.status.setText("")
            self.summary.show_report(self.report)
        elif stage is Stage.FAILED:
            self.heading.setText(self.tr("Could not import"))
            self.status.setText(self.tr("Your history is unchanged."))
            self.failure.setText(self.problem)
        if self._progress.cancelled and busy:
            self.status.setText(self.tr("Cancelling…"))
        self.status.setVisible(bool(self.status.text()))

    # -- work ----------------------------------------------------------------
    def start(self) -> None:
        """Read the export for the preview (call once, after the dialog is shown)."""
        self._run(self._read())

    def start_import(self) -> None:
        if self.stage is not Stage.PREVIEW:
            return
        self.importStarted.emit()
        self._progress = run.Progress()
        self.stage = Stage.WRITING
        self._show_stage()
        self._run(self._write())

    def _run(self, work: object) -> None:
        self.bar.setValue(0)
        self._timer.start()
        self._task = self._tasks.spawn(work, name="import conversations")  # type: ignore[arg-type]

    async def _read(self) -> None:
        try:
            self.preview = await asyncio.to_thread(
                worker.preview, self.export, self._history, self._progress
            )
        except asyncio.CancelledError:
            self._quit()
            raise
        except ImportCancelled:
            self._finish(None)
            return
        except ImportProblem as problem:
            self._fail(translated(problem))
            return
        except (OSError, sqlite3.Error) as error:
            self._fail(self.tr("The export could not be read: {error}").format(error=error))
            return
        if self.preview.conversations == 0 and self.preview.problems:
            self._fail(translated(self.preview.problems[0][1]))  # one file, one reason
            return
        self._finish(Stage.PREVIEW)

    async def _write(self) -> None:
        try:
            self.report = await asyncio.to_thread(
                worker.import_export, self.export, self._history, self._progress
            )
        except asyncio.CancelledError:
            self._quit()
            raise
        except ImportCancelled:
            self._fail(self.tr("The import was cancelled; nothing was added."))
            return
        except ImportProblem as problem:
            self._fail(translated(problem))
            return
        except (OSError, sqlite3.Error) as error:
            self._fail(self.tr("The import failed: {error}").format(error=error))
            return
        self._finish(Stage.DONE)
        self.imported.emit(self.report.added)

    def _quit(self) -> None:
        """The app is closing (its tasks are cancelled): the worker thread must stop too,
        or quitting would wait for the whole import."""
        self._progress.quitting = True
        self._progress.cancelled = True
        self._timer.stop()
        self._task = None

    def _fail(self, words: str) -> None:
        self.problem = words
        self._finish(Stage.FAILED)

    def _finish(self, stage: Stage | None) -> None:
        self._timer.stop()
        self._task = None
        if stage is None or self._closing:
            super().reject()
            return
        self.stage = stage
        self._show_stage()
        if stage is Stage.PREVIEW:
            self.import_button.setFocus()
        else:
            self.close_button.setFocus()

    def _show_progress(self) -> None:
        self.bar.setValue(round(self._progress.done * STEPS))

    @property
    def busy(self) -> bool:
        return self._task is not None

    def reject(self) -> None:
        """Cancel, Esc or the close box: stop what runs (it takes back what it wrote) and
        close when it has."""
        if self.busy:
            self._progress.cancelled = True
            self._closing = self.stage is Stage.READING
            self._show_stage()
            return
        super().reject()

    def counts_text(self) -> str:
        """The figures as one line (for a test or a screen reader)."""
        if self.preview is None:
            return ""
        return ", ".join(
            number(value)
            for value in (self.preview.conversations, self.preview.messages, self.preview.images)
        )
