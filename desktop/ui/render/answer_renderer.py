"""The one renderer of a streaming answer: its unshown text, its frame clock, its drawing.

Text arrives from the stream bridge a token at a time and only goes into a list here
(``add_text``: no drawing, no layout). One single-shot clock draws a frame at most every
FRAME_MS, and only while something is pending: the text that arrived since the last
frame goes into the answer's MarkdownView (finished blocks once, the growing block again),
and the conversation scrolls to the end once, right before it is painted. When nothing is
pending no timer runs at all.

A frame with much to draw (a fast local server) takes a few turns of the event loop, a
step each (MarkdownView.build_ahead / prepare_frame / draw_frame / show_frame: the views
it takes, what comes into view, its text a step at a time, then showing it), so no turn
is long, and the next comes POURING_FRAME_MS later (the answer's end FRAME_MS later).
After the answer ends, text that raced past out of sight (held pages) is drawn a step a
frame, then the pages of each stretch of text are drawn again as one document, a step a
frame (page_merge: a selection crosses the whole stretch); a held page scrolled into view
is drawn in the next frame. A tool round ends a stretch of text (:meth:`insert_break`):
its cards stand below what the model said before it, above what it says after.

Each character is in one place while it streams: in ``_pending`` until a frame takes it,
then in the view. The answer is asked for before its view exists (``expect``, then
``begin``): what arrives in between waits in ``_pending`` too. The saved copy is the
history's (ChatService).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:  # imported with the first answer: an empty chat starts without it
    from PySide6.QtWidgets import QWidget

    from desktop.ui.render.markdown_view import MarkdownView

FRAME_MS = 25
"""From the end of a frame to the earliest next one: ~35 frames a second at a model's
pace. A token waits at most this long to be drawn. A frame costs about the same however
little it shows (layout, two paints), so the frame rate sets most of an answer's CPU
(bench.stream_cpu: 20 ms gave 16-18 % CPU and a 26 ms p99 latency; 25 ms gave 13-15 % and
30 ms, within the 33 ms goal)."""
DRAW_APART_CHARS = 1000
"""A frame drawing more text than this draws it out of sight first, a step a turn."""
POURING_FRAME_MS = 50
"""From the end of such a frame to the next: text pouring in far faster than anyone reads
(a local server at full speed) is shown twenty times a second, and the time frames would
take goes to reading the stream (bench.markdown_stream, 20k tokens: shown 0.25-0.33 s
after Send instead of 0.35-0.40 s). At 100 ms taking a frame's text became one long turn
(p99 gap 17-26 ms)."""


class FrameHost(Protocol):
    """The scrolling view around the answer (the message list)."""

    @property
    def following(self) -> bool:
        """The view stays at the end (the person has not scrolled away)."""

    def in_view_px(self) -> int:
        """How much of the end the view shows."""

    def frame_shown(self) -> None:
        """A frame changed the answer: keep the end in view (if following)."""


class ThinkingTarget(Protocol):
    """Where the model's thinking goes, and who folds it once the answer starts."""

    def append_thinking(self, chunk: str) -> None: ...

    def fold_thinking(self) -> None: ...


class AnswerRenderer(QObject):
    idle = Signal()
    """Everything that arrived is drawn and nothing is pending (the clock stopped)."""

    def __init__(self, host: FrameHost | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self._view: MarkdownView | None = None
        self._thoughts: ThinkingTarget | None = None
        self._pending: list[str] = []
        self._thinking: list[str] = []
        self._fed = 0  # characters given to the view
        self._shown = 0  # characters the last frame showed
        self._answer_started = False
        self._expecting = False  # asked for: text may come before the view (begin)
        self._ending = False  # the stream ended: finish the view in the next frame
        self._ended = False  # the view is finished: held pages are drawn a step a frame
        self._seen = False  # a held page was painted: draw it if it is in view
        self._prepared = 0  # characters a frame drawn out of sight will show
        self._stepping = False  # a frame drawn out of sight waits for its next step
        self._preparing = False  # its first step takes the text that came into view
        self._last_frame = float("-inf")
        self._apart_ms = FRAME_MS  # POURING_FRAME_MS after a frame drawn out of sight
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._frame)

    # -- what the bridge calls ---------------------------------------------------
    def expect(self) -> None:
        """A new answer was asked for: what arrives before its view exists (begin) is
        kept for it. An earlier answer is drawn to its end first."""
        earlier = self._live_view()
        if earlier is not None:
            if self._pending or self._ending:
                self._feed(following=False)
                earlier.finish()
            while earlier.draw_held_step():
                pass
            earlier.cancel_merge()  # its pages stay apart: no stall for a new answer
        self.drop()
        self._expecting = True

    def begin(self, view: MarkdownView, thoughts: ThinkingTarget | None = None) -> None:
        """The new answer streams into ``view``, beginning with what arrived before it."""
        if not self._expecting:
            self.expect()
        self._expecting = False
        self._view, self._thoughts = view, thoughts
        self._fed = self._shown = len(view.source())
        self._answer_started = False
        view.prepare_tail()  # now, not in the first frame of a fast answer
        view.heldPageSeen.connect(self._held_page_seen)
        if self._pending or self._thinking:
            self._schedule()

    def _held_page_seen(self) -> None:
        self._seen = True
        self._schedule()

    def add_text(self, chunk: str) -> None:
        self._pending.append(chunk)
        self._schedule()

    def insert_break(self, widget: QWidget) -> None:
        """The model stopped to call tools: what it said so far is drawn now, ``widget``
        (the round's cards) goes below it, and text arriving later below ``widget``."""
        view = self._live_view()
        if view is None:
            return
        if self._stepping:  # a frame drawn out of sight: finish and show it
            while view.draw_frame():
                pass
            view.show_frame()
            self._stepping = self._preparing = False
        self._show_thinking()
        self._feed(following=False)
        view.insert_break(widget)
        self._shown = self._fed
        self._shown_frame()

    def add_thinking(self, chunk: str) -> None:
        self._thinking.append(chunk)
        self._schedule()

    def finish(self) -> None:
        """The stream ended (done, stopped or failed): everything that arrived goes into
        the view now (its exact text is there at once); its end is drawn in a frame."""
        view = self._live_view()
        if view is None:
            return
        self._show_thinking()
        self._feed(following=self._following())
        self._ending = True
        if self._apart_ms != FRAME_MS and not self._stepping:  # the end waits FRAME_MS only
            self._apart_ms = FRAME_MS
            self._clock.stop()
        self._schedule()

    def drop(self) -> None:
        """Forget the answer (its bubble is going away, or the next one begins)."""
        view = self._live_view()
        if view is not None:
            view.heldPageSeen.disconnect(self._held_page_seen)
        self._view = self._thoughts = None
        self._pending.clear()
        self._thinking.clear()
        self._ending = self._ended = self._stepping = self._preparing = self._seen = False
        self._expecting = False
        self._clock.stop()

    # -- state -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Something waits to be drawn (the clock runs)."""
        return self._clock.isActive()

    @property
    def shown_chars(self) -> int:
        """How many characters of the answer the last frame showed."""
        return self._shown

    # -- the clock ---------------------------------------------------------------
    def _schedule(self) -> None:
        """Start the clock for the next frame, unless it runs already (or the answer's
        view is still to come: begin() starts it)."""
        if self._clock.isActive() or (self._expecting and self._view is None):
            return
        wait = self._last_frame + self._apart_ms / 1000 - time.monotonic()
        self._clock.start(round(max(0.0, wait) * 1000))

    def _frame(self) -> None:
        view = self._live_view()
        if view is None:
            if not self._expecting:  # else begin() draws it
                self._pending.clear()
                self._thinking.clear()
            return
        if self._stepping:  # the next turn of a frame drawn out of sight
            self._step(view)
            return
        self._last_frame = time.monotonic()
        if self._seen:
            self._seen = False
            view.draw_seen()
        self._show_thinking()
        following = self._following()
        if self._pending:
            fed = self._fed
            self._feed(following=following)
            self._prepared = self._fed
            pouring = self._fed - fed > DRAW_APART_CHARS
            self._apart_ms = POURING_FRAME_MS if pouring else FRAME_MS
            if pouring and following:
                self._preparing = True  # in the next turn: taking the text is a turn's work
                self._next_step()
                return
            self._shown = self._fed
            self._shown_frame()
        elif self._ending:
            self._ending, self._ended = False, True
            self._apart_ms = FRAME_MS
            view.finish(in_frame=following)
            self._prepared = self._fed
            if following:  # its end is drawn out of sight, like the frames before it
                self._preparing = True
                self._next_step()
                return
            self._shown = self._fed
            self._shown_frame()
        elif self._ended and view.held_pages:
            view.draw_held_step()
            self._shown_frame()
        elif self._ended and view.merge_step():
            self._shown_frame()
        else:
            view.release_ahead()
            self.idle.emit()
            return  # a calm frame: the clock stops
        self._clock.start(self._apart_ms)

    def _feed(self, *, following: bool) -> None:
        """Give the pending text to the view: drawn in place, unless it is much and the
        view follows (then held, and drawn in a frame out of sight)."""
        view = self._view
        if not self._pending or view is None:
            return
        text = "".join(self._pending)
        self._pending.clear()
        if not self._answer_started and self._thoughts is not None:
            self._thoughts.fold_thinking()  # the answer started
        self._answer_started = True
        view.append(text, redraw_tail=not following or len(text) <= DRAW_APART_CHARS)
        self._fed += len(text)

    def _next_step(self) -> None:
        """The rest of a frame drawn out of sight goes in the next turns of the loop."""
        self._stepping = True
        self._clock.start(0)

    def _step(self, view: MarkdownView) -> None:
        """A step of a frame drawn out of sight; once all is drawn, it is shown."""
        if self._preparing:
            if not view.build_ahead():  # else the views it needs first, a turn each
                self._preparing = False
                view.prepare_frame(self._in_view_px())  # False: nothing to draw apart
            self._clock.start(0)
            return
        if view.draw_frame():
            self._clock.start(0)
            return
        self._stepping = False
        view.show_frame()
        self._shown = self._prepared
        self._shown_frame()
        self._clock.start(self._apart_ms)

    def _show_thinking(self) -> None:
        if self._thinking and self._thoughts is not None:
            self._thoughts.append_thinking("".join(self._thinking))
        self._thinking.clear()

    # -- the view around -----------------------------------------------------------
    def _live_view(self) -> MarkdownView | None:
        view = self._view
        return view if view is not None and shiboken6.isValid(view) else None

    def _following(self) -> bool:
        return self._host is not None and self._host.following

    def _in_view_px(self) -> int:
        view = self._view
        if self._host is not None:
            return self._host.in_view_px()
        return view.height() if view is not None else 0

    def _shown_frame(self) -> None:
        if self._host is not None:
            self._host.frame_shown()
