"""Models loaded in memory right now (/api/ps), with Unload and the keep-alive choice.

Refreshes every second while visible; a tick that finds the previous request still in
flight is skipped, so a slow server never piles requests up or stalls the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ProviderError
from desktop.core.model_records import RunningModel
from desktop.providers.ollama import OllamaProvider
from desktop.ui.formatting import format_bytes
from desktop.ui.i18n_core import core_text
from desktop.ui.tasks import TaskOwner

REFRESH_MS = 1000


class RunningModelsView(QWidget):
    keepAliveChosen = Signal(object)  # str | int | None, for ChatOptions.keep_alive
    runningChanged = Signal()

    def __init__(
        self,
        provider: Callable[[], OllamaProvider],
        tasks: TaskOwner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._provider = provider
        self._tasks = tasks
        self._running: list[RunningModel] = []
        self._in_flight = False
        self._message = ""
        self.refreshes = 0
        self.skipped = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Loaded model"),
                self.tr("Memory"),
                self.tr("On GPU"),
                self.tr("Context"),
                self.tr("Unloads in"),
            ]
        )
        self.table.setAccessibleName(self.tr("Models loaded in memory"))
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(96)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.table)

        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("hint")
        row.addWidget(self.status, 1)
        keep_label = QLabel(self.tr("Keep models loaded for"))
        row.addWidget(keep_label)
        self.keep_alive_combo = QComboBox()
        self.keep_alive_combo.setAccessibleName(
            self.tr("How long Ollama keeps a model in memory after an answer")
        )
        for label, value in (
            (self.tr("5 minutes (Ollama's default)"), None),
            (self.tr("30 minutes"), "30m"),
            (self.tr("1 hour"), "1h"),
            (self.tr("Until Ollama stops"), -1),
            (self.tr("Unload after each answer"), 0),
        ):
            self.keep_alive_combo.addItem(label, value)
        keep_label.setBuddy(self.keep_alive_combo)
        self.keep_alive_combo.currentIndexChanged.connect(
            lambda _: self.keepAliveChosen.emit(self.keep_alive_combo.currentData())
        )
        row.addWidget(self.keep_alive_combo)
        self.unload_button = QPushButton(self.tr("Unload now"))
        self.unload_button.setAccessibleName(self.tr("Free the memory of the selected model"))
        self.unload_button.clicked.connect(self.unload_selected)
        row.addWidget(self.unload_button)
        layout.addLayout(row)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._render()

    @property
    def running(self) -> list[RunningModel]:
        return list(self._running)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def refresh(self) -> None:
        if self._in_flight:
            self.skipped += 1
            return
        self._in_flight = True
        self._tasks.spawn(self._fetch(), name="ollama-ps")

    async def _fetch(self) -> None:
        try:
            running = await self._provider().running_models()
        except ProviderError as error:
            self._message = core_text(error.message)
            self._render()
            return
        finally:
            self._in_flight = False
            self.refreshes += 1
        changed = [m.name for m in running] != [m.name for m in self._running]
        if changed and running:
            self._message = ""
        self._running = running
        self._render()
        if changed:
            self.runningChanged.emit()

    def unload_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else (0 if len(self._running) == 1 else -1)
        if 0 <= row < len(self._running):
            self._tasks.spawn(self._unload(self._running[row].name), name="ollama-unload")

    async def _unload(self, name: str) -> None:
        try:
            await self._provider().unload(name)
        except ProviderError as error:
            self._message = core_text(error.message)
        else:
            self._message = self.tr("{name} was unloaded.").format(name=name)
        self._render()
        self.refresh()

    def _render(self) -> None:
        now = datetime.now().astimezone()
        self.table.setRowCount(len(self._running))
        for row, model in enumerate(self._running):
            share = model.size_vram / model.size if model.size else 0.0
            cells = (
                model.name,
                format_bytes(model.size),
                self.tr("{percent:.0f}%").format(percent=share * 100),
                f"{model.context_length:,}" if model.context_length else "?",
                self._countdown(model.expires_at, now),
            )
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    self.table.setItem(row, column, QTableWidgetItem(text))
                elif item.text() != text:
                    item.setText(text)
        self.unload_button.setEnabled(bool(self._running))
        empty = "" if self._running else self.tr("No model is loaded in memory.")
        self.status.setText(" ".join(part for part in (self._message, empty) if part))

    def _countdown(self, expires_at: datetime | None, now: datetime) -> str:
        if expires_at is None:
            return "?"
        seconds = int((expires_at - now).total_seconds())
        if seconds > 365 * 24 * 3600:
            return self.tr("never")
        if seconds <= 0:
            return self.tr("now")
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return self.tr("{h} h {m} min").format(h=hours, m=minutes)
        return self.tr("{m} min {s} s").format(m=minutes, s=seconds)
