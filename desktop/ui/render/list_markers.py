"""Bullets that change with depth, as reading views draw them: a disc, then a circle, then
a square. Qt's markdown import picks the bullet by the character the author typed ("-" a
disc, "*" a circle, "+" a square) at every depth, so a nested list of dashes read as more
items of the one above it, and one answer's lists changed shape with the model's habits."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument, QTextListFormat

UNLIKE_A_DISC = re.compile(r"(?:^|\n)(?:[ \t]*>)*(?:[ \t]+[-*+]|[ \t]*[*+])[ \t]")
"""A bulleted item Qt would not draw with a top level's disc: nested, or a "*" or "+"
(after a quote's marks, if any)."""
BY_DEPTH = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)


def vary_bullets(document: QTextDocument, start: int, markdown: str) -> None:
    """Give the bulleted lists from ``start`` on (just made from ``markdown``) their
    depth's bullet. Does nothing, cheaply, when every bullet is a top level's dash."""
    if not UNLIKE_A_DISC.search(markdown):
        return
    done: set[int] = set()
    block = document.findBlock(start)
    while block.isValid():
        listed = block.textList()
        if listed is not None and listed.objectIndex() not in done:
            done.add(listed.objectIndex())
            shape = listed.format()
            if shape.style() in BY_DEPTH:
                depth = min(max(shape.indent(), 1), len(BY_DEPTH))
                shape.setStyle(BY_DEPTH[depth - 1])
                listed.setFormat(shape)
        block = block.next()
