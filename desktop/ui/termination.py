"""SIGTERM and SIGINT close Parley the way the close button does.

A logout, ``kill`` or Ctrl+C in a terminal then saves the window state and ends live
streams (their partial answers are kept) instead of killing the process mid-write.
Python only runs signal handlers between bytecodes, and the Qt event loop may idle in
C++ for a long time, so the signal is forwarded through a socket pair that a
QSocketNotifier watches.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class TerminationSignals(QObject):
    def __init__(self, on_signal: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, _ignore) for number in _SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def close(self) -> None:
        """Give the signals back to their previous handlers."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()

    def _drain(self) -> None:
        try:
            received = self._reader.recv(64)
        except BlockingIOError:
            return
        if any(number in received for number in _SIGNALS):
            self._on_signal()


def _ignore(number: int, frame: object) -> None:
    """The real work happens in ``_drain`` once Qt sees the wakeup byte."""
