"""The scrolling column of message bubbles of one conversation, laid out lazily.

Opening a long conversation creates bubbles for the last INITIAL_BUBBLES messages only;
older ones are created a batch at a time as the person scrolls up, keeping the view
where it was. So opening costs the same for 20 messages or 20,000.

The messages stand in a centred column at most COLUMN_MAX_PX wide (lines stay readable
in a wide window); below that they take the whole width. The column is the scroll area's
own widget with wider side margins, not a widget more between answer and scroll area.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from desktop.core.conversation import PathStep
from desktop.core.messages import Role
from desktop.ui.render.grow_in_place import paint_growth_only

if TYPE_CHECKING:  # imported with the first message: an empty chat starts without it
    from desktop.ui.chat.message_bubble import MessageBubble

INITIAL_BUBBLES = 20
BATCH = 20
NEAR_TOP_PX = 300
FOLLOW_SLACK_PX = 24
FOLLOW_FRAME_MS = 30
"""A growing answer is followed to its end at most this often. In between it grows below
the visible part, where it costs nothing to draw, so a fast stream is painted about once
per frame instead of once per change. A frame with much to draw takes a few turns of
the event loop: the end is drawn out of sight a step a turn, then shown and painted."""

LAYOUT_DEPTH = 5
"""Widgets between a message body and the scroll area: each passes a layout request on."""

COLUMN_MAX_PX = 860
"""The widest the messages stand (Ollama's, Chatbox's and Open WebUI's columns: 768-1024);
the composer card below takes the same width, so their edges line up."""
SIDE_PX = 16
"""The least room between the messages and the edges of the view."""
COLUMN_SPACING_PX = 12
"""Between two messages."""

BubbleFactory = Callable[[PathStep], "MessageBubble"]


def _new_column(width: int, parent: QWidget | None = None) -> tuple[QWidget, QVBoxLayout]:
    """The widget holding the bubbles, top to bottom, centred for a view ``width`` wide;
    growth repaints only what is new. Built in the viewport it will show in: moving it
    there later would style every bubble in it once more."""
    column = QWidget(parent)
    column.setObjectName("messageColumn")
    layout = QVBoxLayout(column)
    side = _side_margin(width)
    layout.setContentsMargins(side, SIDE_PX, side, SIDE_PX)
    layout.setSpacing(COLUMN_SPACING_PX)
    paint_growth_only(column)
    return column, layout


def _side_margin(width: int) -> int:
    """Room left and right of the messages in a view ``width`` wide."""
    return max(SIDE_PX, (width - COLUMN_MAX_PX) // 2)


class MessageList(QScrollArea):
    followed = Signal()
    """The view was scrolled to the end (a frame of a growing answer), to be painted next."""

    def __init__(self, make_bubble: BubbleFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_bubble = make_bubble
        self.setObjectName("messageList")
        self.setAccessibleName(self.tr("Conversation"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._column, self._layout = _new_column(self.viewport().width())
        self._layout.addStretch(1)
        self.setWidget(self._column)
        self._bubbles: list[MessageBubble] = []
        self._steps: list[PathStep] = []
        self._unbuilt = 0  # how many of the oldest steps have no bubble yet
        self._follow = True
        self._replacing = False  # set_steps is swapping the column
        self._bottom_gap: int | None = None  # keep this distance from the end while growing
        self._followed_at = float("-inf")
        self._anchor: tuple[QWidget, int] | None = None
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.timeout.connect(self._follow_end)
        self._growing: MessageBubble | None = None  # the answer streaming in, if any
        self._next_answer: MessageBubble | None = None  # built ahead (prepare_answer)
        self._frame_timer = QTimer(self)  # the next turn of a frame
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(0)
        self._frame_timer.timeout.connect(self._next_frame_step)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._centre_column()
        return super().viewportEvent(event)

    def _centre_column(self) -> None:
        """Keep the messages in a centred column (only the margins change: in a wide
        window the messages keep their width, and nothing is laid out again)."""
        side = _side_margin(self.viewport().width())
        margins = self._layout.contentsMargins()
        if margins.left() != side:
            self._layout.setContentsMargins(side, margins.top(), side, margins.bottom())

    @property
    def column_margin(self) -> int:
        """The room left and right of the messages."""
        return self._layout.contentsMargins().left()

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Show a message's actions while keyboard focus is inside it."""
        was, now = self._bubble_of(old), self._bubble_of(new)
        if was is not now:
            if was is not None:
                was.set_focus_within(False)
            if now is not None:
                now.set_focus_within(True)

    def _bubble_of(self, widget: QWidget | None) -> MessageBubble | None:
        """The message of this list that ``widget`` is in, if any."""
        if widget is None or not shiboken6.isValid(widget) or not self._column.isAncestorOf(widget):
            return None
        while widget is not None and widget.parentWidget() is not self._column:
            widget = widget.parentWidget()
        return next((bubble for bubble in self._bubbles if bubble is widget), None)

    def bubbles(self) -> list[MessageBubble]:
        """The bubbles that exist, oldest first (older messages may not be built yet)."""
        return list(self._bubbles)

    @property
    def unbuilt(self) -> int:
        return self._unbuilt

    def bubble_for(self, message_id: int) -> MessageBubble | None:
        return next((b for b in self._bubbles if b.message_id == message_id), None)

    def set_steps(self, steps: Sequence[PathStep]) -> None:
        self.clear()
        self._steps = list(steps)
        self._unbuilt = max(0, len(self._steps) - INITIAL_BUBBLES)
        # Built off-screen and attached at once: one layout pass instead of one per bubble.
        column, layout = _new_column(self.viewport().width(), self.viewport())
        for step in self._steps[self._unbuilt :]:
            bubble = self._make_bubble(step)
            layout.addWidget(bubble)
            self._bubbles.append(bubble)
        layout.addStretch(1)
        self._column, self._layout = column, layout
        self._follow = True  # the new conversation's end, not where the last one was read
        self._replacing = True  # the old column's scroll position means nothing now
        self.setWidget(column)  # deletes the previous column
        self._replacing = False

    def add(self, role: Role, title: str) -> MessageBubble:
        """A new message at the end (the person's, or an answer about to stream)."""
        from desktop.ui.chat.message_bubble import MessageBubble

        bubble, self._next_answer = self._next_answer, None
        if role is Role.ASSISTANT and bubble is not None:
            bubble.set_title(title)
        else:
            bubble = MessageBubble(role, title)
        self.append_bubble(bubble)
        return bubble

    def prepare_answer(self) -> None:
        """Build the next answer's bubble now, while the person writes, so that sending
        costs less (it is taken by the next :meth:`add` of an answer)."""
        from desktop.ui.chat.message_bubble import MessageBubble

        if self._next_answer is None:
            self._next_answer = MessageBubble(Role.ASSISTANT, "")

    def append_bubble(self, bubble: MessageBubble) -> None:
        self._insert(len(self._bubbles), bubble)
        self._follow = True

    def clear(self) -> None:
        self._growing = None
        for bubble in self._bubbles:
            bubble.setParent(None)
            bubble.deleteLater()
        self._bubbles.clear()
        self._steps.clear()
        self._unbuilt = 0
        self._bottom_gap = None

    def build_older(self, count: int = BATCH) -> int:
        """Create bubbles for up to ``count`` older messages; returns how many."""
        count = min(count, self._unbuilt)
        if count <= 0:
            return 0
        bar = self.verticalScrollBar()
        self._bottom_gap = bar.maximum() - bar.value()
        start = self._unbuilt - count
        for offset, step in enumerate(self._steps[start : self._unbuilt]):
            self._insert(offset, self._make_bubble(step))
        self._unbuilt = start
        return count

    def reveal(self, message_id: int) -> MessageBubble | None:
        """Build older bubbles until the message has one, and scroll it into view."""
        bubble = self.bubble_for(message_id)
        while bubble is None and self._unbuilt:
            self.build_older()
            bubble = self.bubble_for(message_id)
        if bubble is not None:
            self._follow = False
            self._bottom_gap = None
            self._layout.activate()
            self.ensureWidgetVisible(bubble, 0, 40)
        return bubble

    def _insert(self, index: int, bubble: MessageBubble) -> None:
        self._layout.insertWidget(index, bubble)
        self._bubbles.insert(index, bubble)

    def _scrolled(self, value: int) -> None:
        if self._replacing:
            return
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - FOLLOW_SLACK_PX
        if self._bottom_gap is not None and value != bar.maximum() - self._bottom_gap:
            self._bottom_gap = None  # the person scrolled: stop holding the position
        if value <= NEAR_TOP_PX and self._unbuilt and bar.maximum() > 0:
            self.build_older()
        self._anchor = self._anchor_at(value)

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self._bottom_gap is not None:
            self.verticalScrollBar().setValue(maximum - self._bottom_gap)
        elif self._follow:
            self.follow_soon()
        else:
            self._keep_anchor()

    @property
    def following(self) -> bool:
        """True while the view stays at the end (the person has not scrolled away)."""
        return self._follow

    def append_to(self, bubble: MessageBubble, chunk: str) -> None:
        """More streamed text for ``bubble``, the last one. While the view follows the
        end, the end is redrawn once per frame, just before it is scrolled to; else the
        text grows out of sight below, drawn at once."""
        following = self._follow
        self._growing = bubble
        bubble.append_text(chunk, redraw_tail=not following)
        if following:
            self.follow_soon()

    def finish(self, bubble: MessageBubble) -> None:
        """``bubble`` stopped growing: its exact text is shown as finished, by a last
        frame while the view follows it (drawn now, shown in the next turn)."""
        bubble.render_final(in_frame=self._follow and self._growing is bubble)
        self.follow_now()

    def follow_now(self) -> None:
        """A frame now, if the view follows the end (shown in the next turn if it was
        drawn out of sight: see :attr:`frame_due`)."""
        if self._follow:
            self._follow_end()

    @property
    def frame_due(self) -> bool:
        """A frame drawn out of sight waits to be shown (in the next turn)."""
        return self._frame_timer.isActive()

    def follow_soon(self) -> None:
        """The end grew, or waits to be redrawn: show it in the next frame (at once if
        the last one was FOLLOW_FRAME_MS ago), if the view is following it."""
        if not self._follow or self._follow_timer.isActive():
            return
        wait = self._followed_at + FOLLOW_FRAME_MS / 1000 - time.monotonic()
        if wait > 0:
            self._follow_timer.start(math.ceil(wait * 1000))
        else:
            self._follow_end()

    def _anchor_at(self, value: int) -> tuple[QWidget, int] | None:
        """The widget at the top of the view and its place, to keep it there while
        something above it changes height (a page of an answer drawn late)."""
        widget = self._column.childAt(self._column.width() // 2, value)
        if widget is None:
            return None
        return widget, widget.mapTo(self._column, QPoint(0, 0)).y()

    def _keep_anchor(self) -> None:
        if self._anchor is None:
            return
        widget, top = self._anchor
        if not shiboken6.isValid(widget) or not self._column.isAncestorOf(widget):
            self._anchor = None
            return
        moved = widget.mapTo(self._column, QPoint(0, 0)).y() - top
        if moved:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + moved)

    def _follow_end(self) -> None:
        """A frame: the growing answer shows its end, which is scrolled to and painted.
        A frame with much to draw takes more turns: drawn out of sight a step a turn,
        starting in this one, then shown."""
        self._followed_at = time.monotonic()
        growing = self._growing_bubble()
        if growing is not None and growing.prepare_frame(self.viewport().height()):
            self._frame_timer.start()
        else:
            self._show_frame()

    def _growing_bubble(self) -> MessageBubble | None:
        """The answer streaming in (or last streamed), unless it was deleted since."""
        growing = self._growing
        return growing if growing is not None and shiboken6.isValid(growing) else None

    def _next_frame_step(self) -> None:
        """Draw more of the frame out of sight, or, once it is all drawn, show it."""
        growing = self._growing_bubble()
        if growing is not None and growing.draw_frame():
            self._frame_timer.start()
        else:
            self._show_frame()

    def _show_frame(self) -> None:
        """Show what was drawn and, unless the person scrolled away meanwhile, scroll to
        it. It is painted once, right after this turn (painting it in this turn as well
        painted every frame twice)."""
        growing = self._growing_bubble()
        if growing is not None:
            growing.show_frame()
        if not self._follow:
            return
        due = self._follow_timer.isActive()  # more arrived since the first turn
        self._apply_layouts()  # so the end scrolled to is the one just shown
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        if not due:
            self._follow_timer.stop()  # laying out asked for a follow: this was it
        self.followed.emit()

    @staticmethod
    def _apply_layouts() -> None:
        """Lay out now what would be laid out before the next paint: a changed body,
        then its bubble, the column and the scroll range, one posting after another."""
        for _ in range(LAYOUT_DEPTH):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
