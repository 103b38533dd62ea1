"""Pressing keys the way a person does: in the active window, on the focused widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def press(
    qtbot: object, widget: QWidget, key: Qt.Key, modifier: object = Qt.KeyboardModifier.NoModifier
) -> None:
    widget.window().activateWindow()
    QApplication.setActiveWindow(widget.window())  # type: ignore[attr-defined]
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)  # type: ignore[attr-defined]
