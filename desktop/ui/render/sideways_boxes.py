"""Code blocks, tables and formulas wider than the answer scroll sideways on their own,
each with a scroll bar under it, as in a browser; the prose around them stays where it is.

Qt lays a code block with a long line (code never wraps), a table of unbroken cells or a
paragraph holding a long formula (an image) out wider than the page, and the view then
scrolled the whole answer under one bar below its last line. Now the view stays at its
left edge and each wide block is a :class:`Box`: the part of the page its content may
show (its inside) and how far it is scrolled. The view paints the page around the boxes
as before and each inside again, moved left by the box's offset
(:meth:`SidewaysBoxes.paint`); a mouse event inside a box is moved back by it
(:meth:`SidewaysBoxes.moved`), so selecting and copying find the characters drawn there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.ui.render.block_outlines import (
    frame_outline,
    page_right,
    paragraph_bottom,
    paragraphs,
    wide_lines,
)
from desktop.ui.render.box_bar import BoxBar, scroll_word
from desktop.ui.render.table_style import BELOW_TABLE_PX

BAR_PX = 10
"""The height of a horizontal scroll bar in the app's look (theme_rules). A code block's
bar stands in its bottom padding (CODE_PADDING_PX); a table's or a paragraph's in room
added below it (:data:`ROOM_PX`)."""
ROOM_PX = BAR_PX + 4
ROOM = QTextFormat.Property.UserProperty.value + 3
"""A paragraph's property: the room (px) added to its bottom margin for its bar."""
PAST_END_PX = 4
"""Scrolled to its end, a table's right border stands this far inside the page's edge (a
code block's meets the edge drawn there)."""
WHEEL_STEP_PX = 48
"""How far one notch of a sideways wheel (or Shift and the wheel) scrolls a box."""


@dataclass(eq=False)
class Box:
    """A block wider than the page: its frame, where its content shows, its scroll bar."""

    key: QTextFrame | int
    """What it is found by again after a layout: its frame, or a paragraph's position."""
    frame: QTextFrame | None
    """A code block's or table's frame; None for a paragraph (a long formula)."""
    inside: QRect
    """Where its content is drawn (moved left by :attr:`offset`), in the view's viewport."""
    cut: QRegion
    """What the page around it must not paint: the inside, and the block's overflow at
    the page's right edge."""
    edge: QRectF | None
    """A code block's right border, drawn at the page's edge (the frame's own is out of
    sight); a table has none of its own there."""
    bar: BoxBar
    text_right: float = 0.0
    """The right end of its text in the document: a point past it (in the frame's padding)
    would find the frame's end, and a selection to there would take the whole frame."""

    @property
    def offset(self) -> int:
        return self.bar.value()

    def document_x(self, x: float) -> float:
        """Where in the document a point at ``x`` over the box is (kept on its text)."""
        over = min(max(x, self.inside.left()), self.inside.right())
        return min(over + self.offset, self.text_right)

    def reaches(self, point: QPointF) -> bool:
        """Whether ``point`` is over the box's content or its bar."""
        at = point.toPoint()
        return self.inside.contains(at) or self.bar.geometry().contains(at)


class SidewaysBoxes:
    """The boxes of one view, found again after each layout and resize (:meth:`find`)."""

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self._finding = False
        self._edge = QColor()
        self._dragged: Box | None = None
        """The box a selection is being dragged from."""
        self._wanted: dict[QTextFrame | int, int] = {}
        """Offsets to take once their boxes are made, by key (:meth:`scroll_to`)."""

    def find(self, view: QTextEdit, edge: QColor, width: float) -> None:
        """Find the blocks wider than the page, in a document ``width`` wide as laid out
        (``edge``: the code frames' border colour). A wide table gets room for its bar
        below it; a block that fits again loses its box, and a box kept keeps its offset."""
        if self._finding:  # a table's new margin lays the document out again
            return
        self._edge = edge
        document = view.document()
        wide = width > document.textWidth() + 0.5
        if not (wide or self.boxes):
            return  # as with most answers: nothing is wider than the page
        self._finding = True
        try:
            found = self._wide_blocks(view) if wide else []
            if self._make_room(document, found) and wide:  # laid out again: places moved
                found = self._wide_blocks(view)
        finally:
            self._finding = False
        kept = {box.key: box for box in self.boxes}
        boxes = []
        for key, frame, outline in found:
            box = kept.pop(key, None)
            boxes.append(self._place(view, key, frame, outline, box))
        for box in kept.values():  # it fits now, or is gone
            box.bar.deleteLater()
            view.viewport().update(box.cut)
        if boxes != self.boxes:  # Tab goes from the answer to its wide blocks, top down
            previous: QWidget = view
            for box in boxes:
                QWidget.setTabOrder(previous, box.bar)
                previous = box.bar
        self.boxes = boxes

    def _wide_blocks(
        self, view: QTextEdit
    ) -> list[tuple[QTextFrame | int, QTextFrame | None, QRectF]]:
        """Each block wider than the page (a frame, or a paragraph outside any frame),
        with its outline (a frame's border box, a paragraph's lines)."""
        document = view.document()
        layout = document.documentLayout()
        right = page_right(view)
        found: list[tuple[QTextFrame | int, QTextFrame | None, QRectF]] = []
        for frame in document.rootFrame().childFrames():
            outline = frame_outline(layout, frame)
            if outline.right() > right + 0.5:
                found.append((frame, frame, outline))
        for block in paragraphs(document):
            lines = wide_lines(layout, block, right)
            if lines is not None:
                found.append((block.position(), None, lines))
        return found

    def _make_room(
        self,
        document: QTextDocument,
        found: list[tuple[QTextFrame | int, QTextFrame | None, QRectF]],
    ) -> bool:
        """Room below each wide table and paragraph for its bar; a table or paragraph that
        fits has its own margin again. True if a margin changed (the layout with it)."""
        wide = {key for key, _, _ in found}
        changed = False
        for table in document.rootFrame().childFrames():
            if isinstance(table, QTextTable):
                margin = BELOW_TABLE_PX + (ROOM_PX if table in wide else 0)
                table_format = table.format()
                if table_format.bottomMargin() != margin:
                    table_format.setBottomMargin(margin)
                    table.setFormat(table_format)
                    changed = True
        for block in paragraphs(document):
            block_format = block.blockFormat()
            added = block_format.intProperty(ROOM)
            room = ROOM_PX if block.position() in wide else 0
            if added != room:
                block_format.setBottomMargin(block_format.bottomMargin() - added + room)
                block_format.setProperty(ROOM, room)
                QTextCursor(block).setBlockFormat(block_format)
                changed = True
        return changed

    def _place(
        self,
        view: QTextEdit,
        key: QTextFrame | int,
        frame: QTextFrame | None,
        outline: QRectF,
        box: Box | None,
    ) -> Box:
        """The box of ``frame`` (None: a paragraph) drawn at ``outline``: its inside, cut
        and bar."""
        right = page_right(view)
        top, height = int(outline.top()), int(outline.height()) + 1
        if frame is None or isinstance(frame, QTextTable):  # a paragraph, a table and borders
            left = int(view.document().documentMargin())
            inside = QRect(left, top - 1, round(right) - left, height + 2)
            under = inside.bottom()
            if isinstance(key, int):  # a paragraph: below its last line, wide or not
                layout = view.document().documentLayout()
                under = round(paragraph_bottom(layout, view.document().findBlock(key)))
            bar_at = QRect(left, under + 3, inside.width(), BAR_PX)
            edge = None
            text_right = outline.right() - 1
            end = outline.right() + PAST_END_PX
        else:  # the code below the header row, inside the frame's border
            border = frame.frameFormat().border()
            header = frame.childFrames()
            layout = view.document().documentLayout()
            code_top = layout.frameBoundingRect(header[0]).bottom() if header else top + border
            left = int(outline.left() + border)
            inside = QRect(
                left,
                int(code_top),
                round(right - border) - left,
                int(outline.bottom() - border - code_top),
            )
            bar_at = QRect(left, inside.bottom() + 1 - BAR_PX, inside.width(), BAR_PX)
            edge = QRectF(right - border, outline.top(), border, outline.height())
            text_right = outline.right() - border - frame.frameFormat().padding() - 1
            end = outline.right()
        if box is None:
            box = Box(key, frame, inside, QRegion(), edge, BoxBar(view.viewport()))
        overflow = QRect(round(right), top - 1, 1 << 16, height + 2)
        cut = QRegion(inside) + QRegion(overflow)
        if cut != box.cut:  # a static viewport repaints only what grew: the edge moved
            view.viewport().update(box.cut + cut)
        box.key, box.frame, box.inside, box.edge, box.cut = key, frame, inside, edge, cut
        box.text_right = text_right
        box.bar.setRange(0, max(0, round(end - right)))
        box.bar.setPageStep(max(1, inside.width()))
        box.bar.setSingleStep(WHEEL_STEP_PX)
        box.bar.setGeometry(bar_at)
        box.bar.setVisible(True)
        wanted = self._wanted.pop(key, None)
        if wanted is not None:
            box.bar.setValue(wanted)
        return box

    def offset_of(self, key: QTextFrame | int) -> int:
        """How far the block of ``key`` (a frame, or a paragraph's position) is scrolled
        (0: not, or it fits)."""
        return next((box.offset for box in self.boxes if box.key == key), 0)

    def scroll_to(self, key: QTextFrame | int, offset: int) -> None:
        """Scroll the block of ``key`` to ``offset``: now, or once it is laid out wide."""
        box = next((box for box in self.boxes if box.key == key), None)
        if box is None:
            self._wanted[key] = offset
        else:
            box.bar.setValue(offset)

    def reset(self) -> None:
        self._dragged = None
        self._wanted.clear()
        for box in self.boxes:
            box.bar.deleteLater()
        self.boxes = []

    def retranslate(self) -> None:
        for box in self.boxes:
            box.bar.setAccessibleName(scroll_word())

    def box_at(self, point: QPointF) -> Box | None:
        return next((box for box in self.boxes if box.reaches(point)), None)

    def moved(self, event: QMouseEvent) -> QMouseEvent:
        """``event`` at the place in the document drawn under it (inside a scrolled box
        that is to the right by the box's offset). Dragging a selection from inside a box
        past its left or right side scrolls the box that way."""
        point, kind = event.position(), event.type()
        box = self._dragged if self._dragged is not None else self._inside_at(point)
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            left = event.button() == Qt.MouseButton.LeftButton
            self._dragged = box = self._inside_at(point) if left else None
        elif kind == QEvent.Type.MouseButtonRelease:
            self._dragged = None
        elif box is not None and box is self._dragged:
            inside = box.inside
            if point.x() > inside.right():
                box.bar.setValue(box.offset + round(point.x()) - inside.right())
            elif point.x() < inside.left():
                box.bar.setValue(box.offset - inside.left() + round(point.x()))
        if (
            box is None
            or not box.offset
            or not box.inside.top() <= point.y() <= box.inside.bottom()
        ):
            return event
        return QMouseEvent(
            kind,
            QPointF(box.document_x(point.x()), point.y()),
            event.globalPosition(),
            event.button(),
            event.buttons(),
            event.modifiers(),
        )

    def _inside_at(self, point: QPointF) -> Box | None:
        return next((box for box in self.boxes if box.inside.contains(point.toPoint())), None)

    def wheel(self, event: QWheelEvent) -> bool:
        """Scroll the box under a sideways wheel (or Shift and the wheel); True when the
        event was one (the view itself never scrolls sideways)."""
        pixels, angle = event.pixelDelta(), event.angleDelta()
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        delta = pixels.x() or round(angle.x() * WHEEL_STEP_PX / 120)
        if not delta and shifted:
            delta = pixels.y() or round(angle.y() * WHEEL_STEP_PX / 120)
        if not delta:
            return False
        box = self.box_at(event.position())
        if box is None:
            event.ignore()  # to whatever scrolls sideways around the view
            return True
        box.bar.setValue(box.bar.value() - delta)
        event.accept()
        return True

    def paint(
        self, view: QTextEdit, event: QPaintEvent, paint: Callable[[QPaintEvent], None]
    ) -> None:
        """Paint the page (``paint``: the view's own paintEvent) around the boxes, then
        each box's inside moved left by its offset, then the code blocks' right edges.

        The view paints its document moved left by its horizontal scroll bar's value:
        that bar (never shown, kept at 0) is set to each box's offset, its signals
        blocked so that nothing scrolls, while the box's inside is painted."""
        page = QRegion(event.region())
        for box in self.boxes:
            page -= box.cut
        for rect in page:  # type: ignore[attr-defined]  # PySide6 iterates a QRegion
            paint(QPaintEvent(rect))
        bar = view.horizontalScrollBar()
        blocked = bar.blockSignals(True)
        try:
            for box in self.boxes:
                inside = box.inside.intersected(event.rect())
                if not inside.isEmpty():
                    bar.setValue(box.offset)
                    paint(QPaintEvent(inside))
        finally:
            bar.setValue(0)
            bar.blockSignals(blocked)
        edges = [box.edge for box in self.boxes if box.edge is not None]
        focused = [box for box in self.boxes if box.bar.hasFocus()]
        if edges or focused:
            painter = QPainter(view.viewport())
            for edge in edges:
                painter.fillRect(edge, self._edge)
            for box in focused:  # where the keys go
                ring = QRectF(box.inside.united(box.bar.geometry())).adjusted(1, 1, -1, -1)
                painter.setPen(QPen(view.palette().color(QPalette.ColorRole.Highlight), 2))
                painter.drawRect(ring)
            painter.end()
