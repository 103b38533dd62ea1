"""The downloads: one row per queued pull with its bar, figures, phase and buttons.

Rows follow the :class:`PullManager` through its callbacks (already throttled per item);
a one-second timer keeps retry countdowns and the fading speed of a stalled row current.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
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
from desktop.ui.models.pull_texts import figures_words, status_words

BAR_STEPS = 1000


class DownloadRow(QFrame):
    def __init__(self, item: PullItem, manager: PullManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setObjectName("downloadRow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        top = QHBoxLayout()
        self.name_label = QLabel(item.name)
        self.name_label.setObjectName("downloadName")
        top.addWidget(self.name_label, 3)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        top.addWidget(self.status_label, 2)
        layout.addLayout(top)
        middle = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(self.tr("Progress of {name}").format(name=item.name))
        middle.addWidget(self.bar, 1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(
            self.tr("Cancel the download of {name}").format(name=item.name)
        )
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setAccessibleName(
            self.tr("Retry the download of {name}").format(name=item.name)
        )
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(
            self.tr("Remove {name} from the downloads").format(name=item.name)
        )
        for button in (self.cancel_button, self.retry_button, self.remove_button):
            middle.addWidget(button)
        layout.addLayout(middle)
        self.figures_label = QLabel()
        self.figures_label.setObjectName("hint")
        layout.addWidget(self.figures_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("downloadError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.name_label, self.status_label, self.figures_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.error_label)
        self.cancel_button.clicked.connect(lambda: manager.cancel(self.item))
        self.retry_button.clicked.connect(lambda: manager.retry(self.item))
        self.remove_button.clicked.connect(lambda: manager.remove(self.item))
        self.update_from_item()

    def update_from_item(self) -> None:
        item, state = self.item, self.item.state
        figures = item.figures
        active = state is PullState.ACTIVE
        value = round(figures.fraction * BAR_STEPS)
        if self.bar.value() != value:
            self.bar.setValue(value)
        self.bar.setFormat(f"{figures.fraction * 100:.1f}%")
        self.status_label.setText(status_words(item, time.monotonic()))
        self.figures_label.setText(figures_words(figures, active))
        error = item.error if state in (PullState.FAILED, PullState.RETRY_WAIT) else ""
        if error and item.error_detail and item.error_detail not in error:
            error = self.tr("{message}\nOllama said: {detail}").format(
                message=error, detail=item.error_detail
            )
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        running = not state.finished
        self.cancel_button.setVisible(running)
        self.retry_button.setVisible(state in (PullState.CANCELLED, PullState.FAILED))
        self.remove_button.setVisible(not running)


class DownloadList(QScrollArea):
    pullFinished = Signal(str)

    def __init__(self, manager: PullManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        self._rows: dict[int, DownloadRow] = {}
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Downloads"))
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.empty_label = QLabel(self.tr("No downloads. Type a model name above and press Pull."))
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
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

    def row(self, name: str) -> DownloadRow | None:
        name = full_name(name)
        return next((row for row in self._rows.values() if row.item.name == name), None)

    def rows(self) -> list[DownloadRow]:
        return list(self._rows.values())

    def _changed(self, item: PullItem, change: PullChange) -> None:
        if change is PullChange.ADDED:
            self._add(item)
        elif change is PullChange.REMOVED:
            row = self._rows.pop(item.id, None)
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

    def _add(self, item: PullItem) -> None:
        row = DownloadRow(item, self._manager)
        self._rows[item.id] = row
        self._layout.insertWidget(self._layout.count() - 1, row)

    def _tick(self) -> None:
        for row in self._rows.values():
            if not row.item.state.finished:
                row.update_from_item()

    def _update_empty(self) -> None:
        self.empty_label.setVisible(not self._rows)
