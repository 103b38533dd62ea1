"""Widths in a splitter: which pane holds a widget, the margins around it, sharing room.

The conversation sidebar folds to a strip and opens again at its former width; the
splitter it sits in (the Chats page's) is found by walking up from the sidebar.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QWidget


def splitter_pane(widget: QWidget) -> tuple[QSplitter | None, QWidget]:
    """The splitter ``widget`` sits in, and the pane of it that holds ``widget``."""
    pane: QWidget = widget
    while (parent := pane.parentWidget()) is not None:
        if isinstance(parent, QSplitter):
            return parent, pane
        pane = parent
    return None, widget


def margins_between(widget: QWidget, pane: QWidget) -> int:
    """The width the layouts between ``pane`` and ``widget`` keep for margins (also
    before the window is first shown, when widths mean nothing yet)."""
    extra = 0
    current: QWidget | None = widget.parentWidget()
    while current is not None:
        layout = current.layout()
        if layout is not None:
            margins = layout.contentsMargins()
            extra += margins.left() + margins.right()
        if current is pane:
            break
        current = current.parentWidget()
    return extra


def share(splitter: QSplitter, pane: QWidget, width: int) -> None:
    """Give ``pane`` ``width`` and the rest of the splitter to the other panes."""
    sizes = splitter.sizes()
    index = splitter.indexOf(pane)
    others = max(len(sizes) - 1, 1)
    rest = max(0, sum(sizes) - width)
    sizes = [rest // others] * len(sizes)
    sizes[index] = width
    splitter.setSizes(sizes)
