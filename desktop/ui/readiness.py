"""Reports startup milestones to the file named by ``PARLEY_READY_FILE``.

A launcher, a test or the startup benchmark sets the variable and watches the file:
``shown <unix time>`` is appended when the main window first paints, ``raised <unix
time>`` each time a second launch brings the window forward. Without the variable
nothing is written.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

READY_FILE_ENV = "PARLEY_READY_FILE"

log = logging.getLogger(__name__)


class ReadinessReport(QObject):
    def __init__(self, path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._watched: QWidget | None = None

    @classmethod
    def from_environment(cls, parent: QObject | None = None) -> ReadinessReport:
        value = os.environ.get(READY_FILE_ENV, "")
        return cls(Path(value) if value else None, parent)

    def watch(self, window: QWidget) -> None:
        """Record ``shown`` on the window's first paint."""
        self._watched = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._watched = None
            self.record("shown")
        return False

    def record(self, milestone: str) -> None:
        log.info("startup milestone: %s", milestone)
        if self._path is None:
            return
        try:
            with self._path.open("a", encoding="utf-8") as file:
                file.write(f"{milestone} {time.time():.6f}\n")
        except OSError as error:
            log.warning("cannot write %s: %s", self._path, error)
