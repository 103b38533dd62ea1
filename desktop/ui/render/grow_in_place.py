"""Widgets that grow downwards repaint only what their growth changed.

A streaming answer resizes its document, its bubble and the conversation's column several
times a frame. By default each resize repaints the whole visible part of each of them
(about 3 ms for a full window), though the text already shown has not moved: growth
happens at the bottom. Marked static, a widget is repainted only where a resize exposes
something new; a widget that draws a frame also repaints the band its edge moved through.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget


def paint_growth_only(*widgets: QWidget) -> None:
    """Resizes of these widgets repaint only the newly exposed parts (their content is
    anchored top-left, and they repaint themselves whenever it changes)."""
    for widget in widgets:
        widget.setAttribute(Qt.WidgetAttribute.WA_StaticContents)


def repaint_moved_edge(widget: QWidget, event: QResizeEvent, edge_px: int) -> None:
    """For a static widget with a frame ``edge_px`` deep: repaint everything when its width
    changed (the frame and what is anchored right moved), else the band between the old
    and the new bottom edge, including the frame's old and new corners."""
    old, new = event.oldSize(), event.size()
    if old.width() != new.width() or old.height() < 0:
        widget.update()
        return
    top = max(0, min(old.height(), new.height()) - edge_px)
    widget.update(0, top, new.width(), max(old.height(), new.height()) - top)
