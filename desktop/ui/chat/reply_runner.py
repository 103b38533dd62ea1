"""One answer at a time: its bubble, the stream bridge feeding it, and how it ended.

The per-token path stays short: each token the bridge passes on goes straight into the
answer renderer, which draws what arrived once per frame (render/answer_renderer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.chat_service import ChatProvider, ChatService
from desktop.core.errors import ProviderError
from desktop.core.events import Done
from desktop.core.messages import ChatOptions, MessageState, Role
from desktop.storage.history import HistoryStore
from desktop.ui.chat.message_list import MessageList
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.render.answer_renderer import AnswerRenderer
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.ui.chat.message_bubble import MessageBubble
    from desktop.ui.render.markdown_view import MarkdownView


class ReplyRunner(QObject):
    runningChanged = Signal(bool)
    settled = Signal()
    """After an answer ended, on the next turn: what it changed may be shown now."""
    bubbleAdded = Signal(object)
    """A new answer's MessageBubble, to wire its actions."""

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
        self.bridge.textArrived.connect(self.renderer.add_text)
        self.bridge.thinkingArrived.connect(self.renderer.add_thinking)
        self.bridge.finished.connect(self._finished)
        self.bridge.failed.connect(self._failed)
        self.bridge.stopped.connect(self._stopped)

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
    ) -> None:
        bubble = self._messages.add(Role.ASSISTANT, model)
        bubble.set_streaming(True)
        self.bubbleAdded.emit(bubble)
        self._bubble = bubble
        self.renderer.begin(cast("MarkdownView", bubble.body), bubble)  # an answer's body
        self.bridge.start(
            self._chat.stream_reply(
                conversation_id,
                model,
                options,
                provider=provider,
                parent_id=parent_id,
                on_created=lambda message: bubble.set_message_id(message.id),
            )
        )
        self.runningChanged.emit(True)

    def stop(self) -> None:
        self.bridge.stop()

    def abandon(self) -> None:
        """Stop a running answer (it is saved as stopped) before another chat shows."""
        if self.running:
            self.bridge.stop()
        self.renderer.drop()
        self._bubble = None

    def _finished(self, done: Done) -> None:
        self._end(MessageState.COMPLETE, done=done)

    def _stopped(self) -> None:
        self._end(MessageState.STOPPED)

    def _failed(self, error: ProviderError) -> None:
        self._end(MessageState.FAILED, error=error)

    def _end(
        self, state: MessageState, *, done: Done | None = None, error: ProviderError | None = None
    ) -> None:
        bubble, self._bubble = self._bubble, None
        if bubble is not None:
            self.renderer.finish()
            bubble.set_footer(state, done.stats if done else None, error.text if error else "")
            bubble.set_streaming(False)
        self.runningChanged.emit(False)
        # A posted call: the list, the meter and the version labels are fresh before
        # anything else that is due runs, and the turn that ends the answer stays short.
        QTimer.singleShot(0, self, self.settled.emit)
