"""Pressing keys the way a person does: in the active window, on the focused widget."""

from __future__ import annotations

import warnings

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(window: QWidget) -> None:
    """Make ``window`` the active window now, as a click on it would."""
    window.activateWindow()
    # Qt 6 deprecates setActiveWindow, but activateWindow() alone is queued on the
    # offscreen platform: shortcuts would not see the window active until events ran.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", ".*setActiveWindow", DeprecationWarning)
        QApplication.setActiveWindow(window)


def press(
    qtbot: object, widget: QWidget, key: Qt.Key, modifier: object = Qt.KeyboardModifier.NoModifier
) -> None:
    activate(widget.window())
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)  # type: ignore[attr-defined]
