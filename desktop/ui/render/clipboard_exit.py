"""A copy made in the app outlives Python on the clipboard, safely.

The clipboard owns what it holds and deletes it in Qt's exit clean-up, after Python has
ended: a QMimeData made in Python then took the process down with a segmentation fault
when the app quit after a copy. So at exit, while Python still runs, such a copy is put
on the clipboard again as Qt's own text.
"""

from __future__ import annotations

import atexit
import functools

import shiboken6
from PySide6.QtGui import QGuiApplication


@functools.cache
def hand_clipboard_back_at_exit() -> None:
    """Once, after the first copy: arrange the hand-back at exit."""
    atexit.register(_clipboard_as_qt_text)


def _clipboard_as_qt_text() -> None:
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and shiboken6.createdByPython(data):
        clipboard.setText(data.text())
