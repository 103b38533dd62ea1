"""Models loaded in memory right now (/api/ps), each with Unload, and the keep-alive choice.

/api/ps is asked every second only while the Models page is on screen: the page calls
:meth:`RunningModelsView.set_active` when it is shown or hidden (another page, a
minimised window), and nothing is asked in between. A tick that finds the previous
request still in flight is skipped, so a slow server never piles requests up.

The line beside the keep-alive choice says what went wrong the last time; the next answer
clears it, whatever that answer holds (an empty list too), and while no server answers it
only says that the list waits for Ollama: the page's notice explains, once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ConnectionFailed, ProviderError
from desktop.core.model_records import RunningModel
from desktop.providers.ollama import OllamaProvider
from desktop.ui.fitting_label import ElidingLabel, WrappingLabel
from desktop.ui.formatting import format_bytes
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import QUIET, set_kind

REFRESH_MS = 1000


def _NONE() -> str:
    return ""


def _loaded(model: RunningModel) -> tuple[str, int, int, int | None]:
    return model.name, model.size, model.size_vram, model.context_length


def _words_of(error: ProviderError) -> Callable[[], str]:
    """The error in the language in use whenever it is shown."""
    return lambda: translated(error)


class LoadedRow(QFrame):
    """One loaded model: its name, then memory, GPU share, context and the countdown."""

    unloadRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadedRow")
        self.name = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        texts = QVBoxLayout()
        texts.setSpacing(1)
        self.name_label = ElidingLabel()
        self.name_label.setObjectName("loadedName")
        texts.addWidget(self.name_label)
        self.figures_label = ElidingLabel()
        self.figures_label.setObjectName("loadedFigures")
        texts.addWidget(self.figures_label)
        layout.addLayout(texts, 1)
        self.unload_button = QPushButton()
        set_kind(self.unload_button, QUIET)
        self.unload_button.clicked.connect(lambda: self.unloadRequested.emit(self.name))
        layout.addWidget(self.unload_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.unload_button.setText(self.tr("Unload"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_model(self, name: str, figures: str) -> None:
        if name != self.name:
            self.name = name
            self.name_label.setText(name)
            self.unload_button.setAccessibleName(
                self.tr("Free the memory of {name}").format(name=name)
            )
        if self.figures_label.full_text() != figures:
            self.figures_label.setText(figures)


class RunningModelsView(QWidget):
    keepAliveChosen = Signal(object)  # str | int | None, for ChatOptions.keep_alive
    runningChanged = Signal()
    reachableChanged = Signal(bool)
    """Whether /api/ps answered, each time that changes (the first answer included)."""
    connectionFailed = Signal(object)
    """/api/ps found no server (the ConnectionFailed error), each time it stops answering."""

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
        self._message: Callable[[], str] = _NONE
        """What to say instead of the list, in the language in use when asked."""
        self._reachable: bool | None = None
        self.refreshes = 0
        self.skipped = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(4)
        layout.addLayout(self._rows_box)
        self.rows: list[LoadedRow] = []

        keep = QHBoxLayout()
        keep.setContentsMargins(0, 0, 0, 0)
        self.status = WrappingLabel()
        self.status.setObjectName("hint")
        keep.addWidget(self.status, 1)
        keep_label = self.keep_label = QLabel()
        keep_label.setObjectName("sectionCount")
        keep.addWidget(keep_label)
        self.keep_alive_combo = QComboBox()
        for _label, value in self._keep_alive_choices():
            self.keep_alive_combo.addItem("", value)  # its text: retranslate
        keep_label.setBuddy(self.keep_alive_combo)
        self.keep_alive_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.keep_alive_combo.setMinimumContentsLength(14)
        self.keep_alive_combo.currentIndexChanged.connect(
            lambda _: self.keepAliveChosen.emit(self.keep_alive_combo.currentData())
        )
        keep.addWidget(self.keep_alive_combo)
        layout.addLayout(keep)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Models loaded in memory"))
        self.keep_alive_combo.setAccessibleName(
            self.tr("How long Ollama keeps a model in memory after an answer")
        )
        self.keep_label.setText(self.tr("Keep loaded"))
        for index, (label, _value) in enumerate(self._keep_alive_choices()):
            self.keep_alive_combo.setItemText(index, label)
        self._render()

    def _keep_alive_choices(self) -> list[tuple[str, str | int | None]]:
        return [
            (self.tr("5 minutes (default)"), None),
            (self.tr("30 minutes"), "30m"),
            (self.tr("1 hour"), "1h"),
            (self.tr("Until Ollama stops"), -1),
            (self.tr("Unload after each answer"), 0),
        ]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def running(self) -> list[RunningModel]:
        return list(self._running)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_active(self, active: bool) -> None:
        """Ask /api/ps now and every second (the page is seen), or stop asking."""
        if active == self._timer.isActive():
            return
        if active:
            self._timer.start()
            self.refresh()
        else:
            self._timer.stop()
            self._reachable = None  # the next answer, when seen again, is news

    def row(self, name: str) -> LoadedRow | None:
        return next((row for row in self.rows if row.name == name and row.isVisible()), None)

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
            unreachable = isinstance(error, ConnectionFailed)
            if unreachable:
                self._message = lambda: self.tr("Loaded models show here once Ollama answers.")
                changed = bool(self._running)
                self._running = []  # not known any more: a stopped Ollama holds nothing
            else:
                self._message, changed = _words_of(error), False
            self._render()
            if changed:
                self.runningChanged.emit()
            if unreachable and self._reachable is not False:
                self.connectionFailed.emit(error)
            self._set_reachable(not unreachable)
            return
        finally:
            self._in_flight = False
            self.refreshes += 1
        # a model loaded again (another context) is news too: the measured fit learns from it
        changed = [_loaded(m) for m in running] != [_loaded(m) for m in self._running]
        self._message = _NONE
        self._running = running
        self._render()
        self._set_reachable(True)
        if changed:
            self.runningChanged.emit()

    def _set_reachable(self, reachable: bool) -> None:
        if reachable != self._reachable:
            self._reachable = reachable
            self.reachableChanged.emit(reachable)

    def unload(self, name: str) -> None:
        self._tasks.spawn(self._unload(name), name="ollama-unload")

    async def _unload(self, name: str) -> None:
        try:
            await self._provider().unload(name)
        except ProviderError as error:
            self._message = _words_of(error)
        else:
            self._message = lambda: self.tr("{name} was unloaded.").format(name=name)
        self._render()
        self.refresh()

    def _render(self) -> None:
        now = datetime.now().astimezone()
        while len(self.rows) < len(self._running):
            row = LoadedRow()
            row.unloadRequested.connect(self.unload)
            self._rows_box.addWidget(row)
            self.rows.append(row)
        for index, row in enumerate(self.rows):
            if index < len(self._running):
                model = self._running[index]
                row.show_model(model.name, self._figures(model, now))
                row.show()
            else:
                row.hide()
        empty = "" if self._running else self.tr("No model is loaded in memory.")
        text = self._message() or empty
        if self.status.text() != text:
            self.status.setText(text)

    def _figures(self, model: RunningModel, now: datetime) -> str:
        share = model.size_vram / model.size if model.size else 0.0
        context = f"{model.context_length:,}" if model.context_length else "?"
        return self.tr("{left} · {memory} · {percent:.0f}% on GPU · {context} context").format(
            memory=format_bytes(model.size),
            percent=share * 100,
            context=context,
            left=self._countdown(model.expires_at, now),
        )

    def _countdown(self, expires_at: datetime | None, now: datetime) -> str:
        if expires_at is None:
            return self.tr("unload time unknown")
        seconds = int((expires_at - now).total_seconds())
        if seconds > 365 * 24 * 3600:
            return self.tr("stays loaded")
        if seconds <= 0:
            return self.tr("unloading now")
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return self.tr("unloads in {h} h {m} min").format(h=hours, m=minutes)
        return self.tr("unloads in {m} min {s} s").format(m=minutes, s=seconds)
