"""The scrolling column of message bubbles of one conversation, laid out lazily.

Opening a long conversation creates bubbles for the last INITIAL_BUBBLES messages only;
older ones are created a batch at a time as the person scrolls up, keeping the view
where it was. So opening costs the same for 20 messages or 20,000.

The messages stand in a centred column (message_column) at most COLUMN_MAX_PX wide (lines
stay readable in a wide window); below that they take the whole width. The column is the
scroll area's own widget with wider side margins, not a widget more between answer and
scroll area.

The list only scrolls: a streaming answer is drawn by the answer renderer
(render/answer_renderer), which tells the list after each frame (:meth:`frame_shown`);
the list then keeps the end in view, unless the person scrolled away from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QScrollArea,
    QWidget,
)

from desktop.core.conversation import PathStep
from desktop.core.messages import Role
from desktop.ui.chat.messages.message_column import (
    new_column,
    paint_bar_box,
    side_margin,
)

if TYPE_CHECKING:  # imported with the first message: an empty chat starts without it
    from desktop.ui.chat.messages.message_bubble import MessageBubble

INITIAL_BUBBLES = 20
BATCH = 20
FIRST_SCREEN_BUBBLES = 8
"""Built before a conversation is first painted (about a screenful at its end); the rest of
the INITIAL_BUBBLES right after that paint, above the view, which holds still."""
NEAR_TOP_PX = 300
FOLLOW_SLACK_PX = 24

LAYOUT_DEPTH = 5
"""Widgets between a message body and the scroll area: each passes a layout request on."""

MOVE_SHARE = 4
"""A frame scrolling less than this share of the view paints its changes first, so that
what stays in view is moved on screen (a larger scroll paints the view anyway)."""

BubbleFactory = Callable[[PathStep, QWidget], "MessageBubble"]
"""A message's bubble, made in the column it will stand in (styled once, not again as it
is moved there)."""


class MessageList(QScrollArea):
    firstScreensShown = Signal()
    """The conversation given to :meth:`set_steps` was painted and its first screens built:
    what reads its whole path (the context meter) runs now, not before that paint."""

    def __init__(self, make_bubble: BubbleFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_bubble = make_bubble
        self.setObjectName("messageList")
        self.retranslate()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._column, self._layout = new_column(self.viewport().width())
        paint_bar_box(self.verticalScrollBar())
        self._layout.addStretch(1)
        self.setWidget(self._column)
        self._bubbles: list[MessageBubble] = []
        self._steps: list[PathStep] = []
        self._unbuilt = 0  # how many of the oldest steps have no bubble yet
        self._follow = True
        self._replacing = False  # set_steps is swapping the column
        self._painted = True  # the column shown is painted and its first screens built
        self._bottom_gap: int | None = None  # keep this distance from the end while growing
        self._anchor: tuple[QWidget, int] | None = None
        self._next_answer: MessageBubble | None = None  # built ahead (prepare_bubbles)
        self._next_mine: MessageBubble | None = None  # the person's next, built ahead too
        self._in_frame = False  # a frame is laid out: it scrolls once, after painting
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Conversation"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._centre_column()
        return super().viewportEvent(event)

    def _centre_column(self) -> None:
        """Keep the messages in a centred column (only the margins change: in a wide
        window the messages keep their width, and nothing is laid out again)."""
        side = side_margin(self.viewport().width())
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
        self.clear(detach=False)  # deleted with their column, replaced below
        self._steps = list(steps)
        self._next_mine = self._next_answer = None  # deleted with their column
        self._unbuilt = max(0, len(self._steps) - FIRST_SCREEN_BUBBLES)
        # Built off-screen and attached at once: one layout pass instead of one per bubble.
        column, layout = new_column(self.viewport().width(), self.viewport())
        for step in self._steps[self._unbuilt :]:
            bubble = self._make_bubble(step, column)
            layout.addWidget(bubble)
            self._bubbles.append(bubble)
        layout.addStretch(1)
        self._column, self._layout = column, layout
        self._follow = True  # the new conversation's end, not where the last one was read
        self._replacing = True  # the old column's scroll position means nothing now
        self.setWidget(column)  # deletes the previous column
        self._replacing = False
        self._painted = False
        column.installEventFilter(self)  # its first paint builds the rest

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._column and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._build_first_screens)
        return super().eventFilter(watched, event)

    def _build_first_screens(self) -> None:
        """Right after the first paint: the rest of the INITIAL_BUBBLES, laid out at once
        (the passes in between would read as the person scrolling near the top)."""
        self.build_older(INITIAL_BUBBLES - len(self._bubbles))
        self._apply_layouts()
        self._painted = True
        self.firstScreensShown.emit()

    def add(self, role: Role, title: str) -> MessageBubble:
        """A new message at the end (the person's, or an answer about to stream)."""
        from desktop.ui.chat.messages.message_bubble import MessageBubble

        bubble = self.take_prepared(role)
        if bubble is not None:
            bubble.set_title(title)
        else:
            bubble = MessageBubble(role, title)
        self.append_bubble(bubble)
        bubble.show()
        return bubble

    def prepare_bubbles(self) -> None:
        """Build the bubbles of the person's next message and of its answer now, while
        the person writes, in the column they will stand in (styled there once, hidden),
        so that sending costs less: :meth:`take_prepared` hands them out."""
        from desktop.ui.chat.messages.message_bubble import MessageBubble

        for role in (Role.USER, Role.ASSISTANT):
            if self._prepared(role) is None:
                bubble = MessageBubble(role, "", self._column)
                bubble.hide()
                bubble.ensurePolished()
                if role is Role.USER:
                    self._next_mine = bubble
                else:
                    self._next_answer = bubble

    def take_prepared(self, role: Role) -> MessageBubble | None:
        """The bubble built ahead for the next message of ``role`` (None if there is
        none); the caller shows it once it is in place."""
        bubble = self._prepared(role)
        if role is Role.USER:
            self._next_mine = None
        else:
            self._next_answer = None
        return bubble

    def _prepared(self, role: Role) -> MessageBubble | None:
        bubble = self._next_mine if role is Role.USER else self._next_answer
        if bubble is not None and shiboken6.isValid(bubble):
            return bubble
        return None

    def append_bubble(self, bubble: MessageBubble) -> None:
        self._insert(len(self._bubbles), bubble)
        self._follow = True

    def clear(self, *, detach: bool = True) -> None:
        """No bubbles; ``detach=False`` leaves them in the column, which is being
        replaced (moving 20 out of it first, each styled again, took 50 ms)."""
        focused = QApplication.focusWidget()
        for bubble in self._bubbles:
            if focused is not None and bubble.isAncestorOf(focused):
                bubble.hide()  # focus leaves it while it lives; the window says where to
            if detach:
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
            self._insert(offset, self._make_bubble(step, self._column))
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
        if value <= NEAR_TOP_PX and self._unbuilt and bar.maximum() > 0 and self._painted:
            self.build_older()
        self._anchor = self._anchor_at(value)

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self._bottom_gap is not None:
            self.verticalScrollBar().setValue(maximum - self._bottom_gap)
        elif self._follow:
            if not self._in_frame:  # else the frame scrolls, once it is painted
                self.verticalScrollBar().setValue(maximum)
        else:
            self._keep_anchor()

    @property
    def following(self) -> bool:
        """True while the view stays at the end (the person has not scrolled away)."""
        return self._follow

    def in_view_px(self) -> int:
        """How much of the conversation the view shows (FrameHost)."""
        return self.viewport().height()

    def frame_shown(self) -> None:
        """A frame of a growing answer was drawn (FrameHost): keep its end in view. What
        changed is painted first, then the view scrolls: Qt then moves what is on screen
        and paints only the strip that comes into view (it will not move an area with
        changes still unpainted, and would paint the whole view again)."""
        if not self._follow:
            return
        self._in_frame = True
        try:
            self._apply_layouts()
        finally:
            self._in_frame = False
        bar = self.verticalScrollBar()
        distance = bar.maximum() - bar.value()
        if distance:
            if distance < self.viewport().height() // MOVE_SHARE:
                QCoreApplication.sendPostedEvents(self.window(), QEvent.Type.UpdateRequest)
            bar.setValue(bar.maximum())

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

    @staticmethod
    def _apply_layouts() -> None:
        """Lay out now what would be laid out before the next paint: a changed body,
        then its bubble, the column and the scroll range, one posting after another."""
        for _ in range(LAYOUT_DEPTH):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
