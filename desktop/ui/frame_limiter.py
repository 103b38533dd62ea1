"""Paints a widget at most once per frame however often its content changes.

Catching up with a fast stream changes the conversation every few milliseconds, and each
repaint of it costs about as much as the change itself. Between frames the widget's
updates are switched off (its content still changes, it just is not painted), and at the
next frame it is painted once with everything that changed. ``before_paint`` runs just
before: work only the painted picture needs can wait for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget


class FrameLimiter(QObject):
    def __init__(
        self,
        widget: QWidget,
        interval_ms: int = 30,
        *,
        before_paint: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._before_paint = before_paint
        self._interval = interval_ms / 1000
        self._painted = float("-inf")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)

    @property
    def holding(self) -> bool:
        """True while changes wait for the next frame."""
        return self._timer.isActive()

    def changed(self) -> None:
        """The widget's content changed: it is painted now or at the next frame."""
        if self._timer.isActive():
            return
        now = time.monotonic()
        wait = self._painted + self._interval - now
        if wait <= 0:
            self._painted = now
            return
        self._widget.setUpdatesEnabled(False)
        self._timer.start(max(1, round(wait * 1000)))

    def release(self) -> None:
        """Paint what changed now (the frame came, or the changes ended)."""
        if self._timer.isActive():
            self._timer.stop()
        self._before_paint()
        if not self._widget.updatesEnabled():
            self._widget.setUpdatesEnabled(True)
            self._painted = time.monotonic()
