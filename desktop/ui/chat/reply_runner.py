"""One answer at a time: its bubble, the stream bridge feeding it, and how it ended.

The request leaves first; the bubble may show a little later (after the person's message
has painted), or as soon as the stream says anything but text: a tool step, or its end.

The per-token path stays short: each token the bridge passes on goes straight into the
answer renderer, which draws what arrived once per frame (render/answer_renderer).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.chat_service import ChatProvider, ChatService
from desktop.core.cited_sources import ReplyDocuments
from desktop.core.conversation import StoredMessage
from desktop.core.errors import ProviderError, ToolsNotSupported
from desktop.core.events import Done, ToolCallDelta
from desktop.core.messages import ChatOptions, MessageState, Role
from desktop.core.text import Text
from desktop.core.tool_steps import ToolOutcome
from desktop.core.tool_turns import ToolKit, ToolLoopStopped, ToolStepEvent
from desktop.storage.history import HistoryStore
from desktop.ui.chat.messages.message_list import MessageList
from desktop.ui.chat.messages.tool_steps_view import CardApprover, ToolStepsView
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.chat.tool_access import ToolAccess
from desktop.ui.render.answer_renderer import AnswerRenderer
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.ui.chat.messages.message_bubble import MessageBubble
    from desktop.ui.render.markdown_view import MarkdownView


class ReplyRunner(QObject):
    runningChanged = Signal(bool)
    settled = Signal()
    """After an answer ended, on the next turn: what it changed may be shown now."""
    bubbleAdded = Signal(object)
    """A new answer's MessageBubble, to wire its actions."""
    answerEnded = Signal(object)
    """An answer's MessageBubble once its text is finished (its sources may be shown)."""

    def __init__(
        self,
        chat: ChatService[HistoryStore],
        messages: MessageList,
        tasks: TaskOwner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._messages = messages
        self.bridge = StreamBridge(tasks, self)
        self.renderer = AnswerRenderer(messages, self)
        self._bubble: MessageBubble | None = None
        self._due_model = ""
        """The model of an answer asked for whose bubble is not shown yet ("": none)."""
        self._answer_id: int | None = None
        self._show_clock = QTimer(self)
        self._show_clock.setSingleShot(True)
        self._show_clock.timeout.connect(self._show_bubble)
        self.bridge.textArrived.connect(self.renderer.add_text)
        self.bridge.thinkingArrived.connect(self.renderer.add_thinking)
        self.bridge.finished.connect(self._finished)
        self.bridge.failed.connect(self._failed)
        self.bridge.stopped.connect(self._stopped)
        self.bridge.toolEvent.connect(self._tool_event)
        self.tools: ToolAccess | None = None
        """Where answers' tools come from (None: answers call no tools)."""
        self.documents: Callable[[int], ReplyDocuments | None] | None = None
        """The documents a conversation's answers draw on (None: no documents)."""
        self.approver = CardApprover(self._tool_steps)
        self._loop_stop: Text | None = None
        self._last: tuple[int, str] | None = None
        self._refused_tools: set[tuple[int, str]] = set()
        """(conversation, model) pairs whose model refused tools: asked again without."""

    @property
    def running(self) -> bool:
        return self.bridge.running

    def start(
        self,
        conversation_id: int,
        model: str,
        options: ChatOptions,
        provider: ChatProvider,
        parent_id: int | None = None,
        *,
        show_after_ms: int = 0,
    ) -> None:
        """Ask for the answer now; its bubble shows ``show_after_ms`` later at the latest."""
        self._last = (conversation_id, model)
        self._loop_stop = None
        self._answer_id = None
        self.renderer.expect()
        self._due_model = model
        self.bridge.start(
            self._chat.stream_reply(
                conversation_id,
                model,
                options,
                provider=provider,
                parent_id=parent_id,
                on_created=self._created,
                tools=self._kit(conversation_id, model),
                documents=self.documents(conversation_id) if self.documents else None,
            )
        )
        self.runningChanged.emit(True)
        if show_after_ms:
            self._show_clock.start(show_after_ms)
        else:
            self._show_bubble()

    def _show_bubble(self) -> None:
        """The answer asked for gets its bubble, unless it has one (or was abandoned)."""
        model, self._due_model = self._due_model, ""
        self._show_clock.stop()
        if not model:
            return
        bubble = self._messages.add(Role.ASSISTANT, model)
        bubble.set_streaming(True)
        if self._answer_id is not None:
            bubble.set_message_id(self._answer_id)
        self.bubbleAdded.emit(bubble)
        self._bubble = bubble
        self.renderer.begin(cast("MarkdownView", bubble.body), bubble)  # an answer's body

    def _created(self, message: StoredMessage) -> None:
        self._answer_id = message.id
        if self._bubble is not None:
            self._bubble.set_message_id(message.id)

    def stop(self) -> None:
        self.bridge.stop()

    def _kit(self, conversation_id: int, model: str) -> ToolKit | None:
        if self.tools is None or (conversation_id, model) in self._refused_tools:
            return None
        parameters = self._chat.store.get_conversation(conversation_id).parameters
        return self.tools.kit(self.approver, parameters)

    def _tool_steps(self) -> ToolStepsView | None:
        """The answer's tool steps; a round they begin goes below the text that arrived
        before it (drawn by the renderer first)."""
        self._show_bubble()
        if self._bubble is None:
            return None
        steps = self._bubble.tool_steps
        steps.place_round = self.renderer.insert_break
        return steps

    def _tool_event(self, event: object) -> None:
        if isinstance(event, ToolLoopStopped):
            self._loop_stop = event.text
        elif isinstance(event, ToolCallDelta) and event.name:
            # A call is arriving (its arguments may take a while).
            if (steps := self._tool_steps()) is not None:
                steps.show_arriving(event.index, event.name)
        elif isinstance(event, ToolStepEvent) and (steps := self._tool_steps()) is not None:
            steps.pictures = self._chat.store.thumbnails
            steps.show_step(event.round, event.position, event.step)

    def abandon(self) -> None:
        """Stop a running answer (it is saved as stopped) before another chat shows."""
        if self.running:
            self.bridge.stop()
        self.renderer.drop()
        self._bubble = None
        self._due_model = ""
        self._show_clock.stop()

    def _finished(self, done: Done) -> None:
        self._end(MessageState.COMPLETE, done=done)

    def _stopped(self) -> None:
        self._end(MessageState.STOPPED)

    def _failed(self, error: ProviderError) -> None:
        if isinstance(error, ToolsNotSupported) and self._last is not None:
            # Its message offers a retry without tools: Retry asks again without them.
            self._refused_tools.add(self._last)
        self._end(MessageState.FAILED, error=error)

    def _end(
        self, state: MessageState, *, done: Done | None = None, error: ProviderError | None = None
    ) -> None:
        self._show_bubble()  # an answer that ended before its bubble showed
        bubble, self._bubble = self._bubble, None
        if bubble is not None:
            self.renderer.finish()
            if bubble.has_tool_steps():
                bubble.tool_steps.drop_arriving(ended=True)  # a call cut off while written
                if state is not MessageState.COMPLETE:
                    bubble.tool_steps.end_live(ToolOutcome.CANCELLED)
            said: str | Text = error.text if error else (self._loop_stop or "")
            bubble.set_footer(state, done.stats if done else None, said)
            bubble.set_streaming(False)
            self.answerEnded.emit(bubble)
        self.runningChanged.emit(False)
        # A posted call: the list, the meter and the version labels are fresh before
        # anything else that is due runs, and the turn that ends the answer stays short.
        QTimer.singleShot(0, self, self.settled.emit)
