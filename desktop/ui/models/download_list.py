"""The downloads: one row per queued pull with its bar, figures, phase and buttons.

Rows follow the :class:`PullManager` through its callbacks (already throttled per item);
a one-second timer keeps retry countdowns and the fading speed of a stalled row current.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.pull_manager import PullChange, PullItem, PullManager, PullState, full_name
from desktop.ui.fitting_label import ElidingLabel, WrappingLabel
from desktop.ui.models.pull_texts import figures_words, status_words
from desktop.ui.strings import translated
from desktop.ui.theme import QUIET, set_kind

BAR_STEPS = 1000
MAX_HEIGHT = 240
ORDER = {
    PullState.ACTIVE: 0,
    PullState.RETRY_WAIT: 1,
    PullState.QUEUED: 2,
    PullState.FAILED: 3,
    PullState.CANCELLED: 4,
    PullState.DONE: 5,
}
"""Cards that need watching or a decision come first; finished ones sink."""
MIN_HEIGHT = 40
MIN_CARD = 90


class DownloadRow(QFrame):
    def __init__(self, item: PullItem, manager: PullManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setObjectName("downloadRow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(3)
        top = QHBoxLayout()
        self.name_label = ElidingLabel(item.name)
        self.name_label.setObjectName("downloadName")
        top.addWidget(self.name_label, 1)
        self.status_label = ElidingLabel()
        self.status_label.setObjectName("downloadStatus")
        # Its whole width while there is room; the name gives way first.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.status_label)
        layout.addLayout(top)
        middle = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Progress of {name}").format(name=item.name))
        middle.addWidget(self.bar, 1)
        self.percent_label = QLabel()
        self.percent_label.setObjectName("downloadPercent")
        self.percent_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.percent_label.setMinimumWidth(
            self.percent_label.fontMetrics().horizontalAdvance("100.0%")
        )
        middle.addWidget(self.percent_label)
        layout.addLayout(middle)
        bottom = QHBoxLayout()
        self.figures_label = WrappingLabel()
        self.figures_label.setObjectName("downloadFigures")
        bottom.addWidget(self.figures_label, 1)
        self.cancel_button = QPushButton()
        self.cancel_button.setAccessibleName(
            self.tr("Cancel the download of {name}").format(name=item.name)
        )
        self.retry_button = QPushButton()
        self.retry_button.setAccessibleName(
            self.tr("Retry the download of {name}").format(name=item.name)
        )
        self.dismiss_button = QPushButton()
        self.dismiss_button.setAccessibleName(
            self.tr("Clear the card of {name} from the downloads").format(name=item.name)
        )
        set_kind(self.cancel_button, QUIET)
        set_kind(self.dismiss_button, QUIET)
        for button in (self.cancel_button, self.retry_button, self.dismiss_button):
            bottom.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bottom)
        self.error_label = WrappingLabel()
        self.error_label.setObjectName("downloadError")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.error_label)
        self.cancel_button.clicked.connect(lambda: manager.cancel(self.item))
        self.retry_button.clicked.connect(lambda: manager.retry(self.item))
        self.dismiss_button.clicked.connect(lambda: manager.remove(self.item))
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Retry"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(
            self.tr("Clear this card from the list. The model is not deleted.")
        )
        self.dismiss_button.setAccessibleDescription(self.tr("The model is not deleted."))
        self.update_from_item()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def update_from_item(self) -> None:
        item, state = self.item, self.item.state
        figures = item.figures
        active = state is PullState.ACTIVE
        value = round(figures.fraction * BAR_STEPS)
        if self.bar.value() != value:
            self.bar.setValue(value)
        started = figures.fraction > 0 or state not in (PullState.FAILED, PullState.QUEUED)
        self.bar.setVisible(started)
        self.percent_label.setVisible(started)
        percent = f"{figures.fraction * 100:.1f}%"
        if self.percent_label.text() != percent:
            self.percent_label.setText(percent)
        status = status_words(item, time.monotonic())
        if self.status_label.full_text() != status:
            self.status_label.setText(status)
        words = figures_words(figures, active)
        if state is PullState.CANCELLED:
            kept = self.tr("the downloaded part is kept; Retry resumes it")
            words = f"{words} · {kept}" if words else kept
        if self.figures_label.text() != words:
            self.figures_label.setText(words)
        failed = state in (PullState.FAILED, PullState.RETRY_WAIT)
        error = translated(item.error_text or item.error) if failed else ""
        if error and item.error_detail and item.error_detail not in error:
            error = self.tr("{message}\nOllama said: {detail}").format(
                message=error, detail=item.error_detail
            )
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        running = not state.finished
        self.cancel_button.setVisible(running)
        self.retry_button.setVisible(state in (PullState.CANCELLED, PullState.FAILED))
        self.dismiss_button.setVisible(not running)


class DownloadList(QScrollArea):
    pullFinished = Signal(str)
    itemsChanged = Signal()
    """A download was added, removed or changed state (the page's summary follows it)."""

    def __init__(self, manager: PullManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        self._rows: dict[int, DownloadRow] = {}
        self._states: dict[int, PullState] = {}
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = self._body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.empty_label = WrappingLabel()
        self.empty_label.setObjectName("hint")
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        self.retranslate()
        self.setWidget(body)
        for item in manager.items:
            self._add(item)
        unsubscribe = manager.subscribe(self._changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._update_empty()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Downloads"))
        self.empty_label.setText(self.tr("No downloads. Type a model name above and press Pull."))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def row(self, name: str) -> DownloadRow | None:
        name = full_name(name)
        return next((row for row in self._rows.values() if row.item.name == name), None)

    def rows(self) -> list[DownloadRow]:
        """In the order shown."""
        return sorted(self._rows.values(), key=lambda row: (ORDER[row.item.state], row.item.id))

    def summary(self) -> str:
        """'1 downloading · 2 waiting · 1 failed': what the folded panel says."""
        states = [row.item.state for row in self._rows.values()]
        counts = (
            (self.tr("{n} downloading"), (PullState.ACTIVE,)),
            (self.tr("{n} waiting"), (PullState.QUEUED, PullState.RETRY_WAIT)),
            (self.tr("{n} failed"), (PullState.FAILED,)),
            (self.tr("{n} cancelled"), (PullState.CANCELLED,)),
            (self.tr("{n} done"), (PullState.DONE,)),
        )
        parts = []
        for words, kinds in counts:
            count = sum(1 for state in states if state in kinds)
            if count:
                parts.append(words.format(n=count))
        return " · ".join(parts)

    def sizeHint(self) -> QSize:
        """As tall as the cards, up to MAX_HEIGHT (then it scrolls)."""
        body = self._body.sizeHint()
        return QSize(body.width(), min(body.height() + 2, MAX_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        """Room for the first card (or the empty line), up to MIN_CARD: a failed card's
        long error scrolls."""
        rows = self.rows()
        height = min(rows[0].sizeHint().height() + 2, MIN_CARD) if rows else MIN_HEIGHT
        return QSize(120, min(self.sizeHint().height(), height))

    def _changed(self, item: PullItem, change: PullChange) -> None:
        if change is PullChange.ADDED:
            self._add(item)
        elif change is PullChange.REMOVED:
            row = self._rows.pop(item.id, None)
            self._states.pop(item.id, None)
            if row is not None:
                row.deleteLater()
                row.hide()
        else:
            row = self._rows.get(item.id)
            if row is not None:
                row.update_from_item()
            if item.state is PullState.DONE:
                self.pullFinished.emit(item.name)
        self._update_empty()
        if change is not PullChange.UPDATED or item.state is not self._states.get(item.id):
            self._states[item.id] = item.state
            self._sort()
            self.updateGeometry()
            self.itemsChanged.emit()

    def _add(self, item: PullItem) -> None:
        row = DownloadRow(item, self._manager)
        self._rows[item.id] = row
        self._layout.insertWidget(self._layout.count() - 1, row)

    def _sort(self) -> None:
        for position, row in enumerate(self.rows(), start=1):  # after the empty line
            if self._layout.indexOf(row) != position:
                self._layout.removeWidget(row)
                self._layout.insertWidget(position, row)

    def _tick(self) -> None:
        if not self.isVisible():
            return
        for row in self._rows.values():
            if not row.item.state.finished:
                row.update_from_item()

    def _update_empty(self) -> None:
        self.empty_label.setVisible(not self._rows)
