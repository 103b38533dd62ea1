"""Reports startup milestones to the file named by ``PARLEY_READY_FILE``.

A launcher, a test or the startup benchmark sets the variable and watches the file:
``shown <unix time>`` is appended when the main window first paints, ``ready <unix
time>`` when it paints with its Chats page built (the window may show its frame first),
``raised <unix time>`` each time a second launch brings the window forward. Without the
variable nothing is written.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

READY_FILE_ENV = "PARLEY_READY_FILE"

log = logging.getLogger(__name__)


class ReadinessReport(QObject):
    recorded = Signal(str)
    """A milestone was reached (whether or not a file is written)."""

    def __init__(self, path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._watched: QWidget | None = None
        self._milestone = "shown"
        self._reached: set[str] = set()

    @classmethod
    def from_environment(cls, parent: QObject | None = None) -> ReadinessReport:
        value = os.environ.get(READY_FILE_ENV, "")
        return cls(Path(value) if value else None, parent)

    def watch(self, window: QWidget, milestone: str = "shown") -> None:
        """Record ``milestone`` on the window's next paint."""
        self._watched = window
        self._milestone = milestone
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._watched = None
            self.record(self._milestone)
        return False

    def reached(self, milestone: str) -> bool:
        return milestone in self._reached

    def record(self, milestone: str) -> None:
        log.info("startup milestone: %s", milestone)
        self._reached.add(milestone)
        self.recorded.emit(milestone)
        if self._path is None:
            return
        try:
            with self._path.open("a", encoding="utf-8") as file:
                file.write(f"{milestone} {time.time():.6f}\n")
        except OSError as error:
            log.warning("cannot write %s: %s", self._path, error)
