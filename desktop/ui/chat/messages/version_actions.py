"""Message bubbles and what their actions do: regenerate, retry, edit, delete, and flip between the
versions of a message. The session changes the conversation; this shows the result
and starts the new answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.attachment import ImageAttachment
from desktop.core.conversation import PathStep
from desktop.core.conversation_session import ConversationSession
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore
from desktop.ui.chat.composer.attachments import ImageRow
from desktop.ui.chat.composer.image_guard import ImageGuard
from desktop.ui.chat.messages.message_list import MessageList

if TYPE_CHECKING:
    from desktop.ui.chat.messages.message_bubble import MessageBubble

StartReply = Callable[[str, "int | None"], None]


class VersionActions(QObject):
    shown = Signal()
    """The path shown changed (the page refreshes its note and meter)."""
    conversationChanged = Signal()
    """Messages were removed: the conversation list may show something else."""

    def __init__(
        self,
        session: ConversationSession,
        store: HistoryStore,
        messages: MessageList,
        guard: ImageGuard,
        open_image: Callable[[ImageAttachment | None], None],
        ready: Callable[[], str],
        streaming: Callable[[], bool],
        start_reply: StartReply,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._store = store
        self._messages = messages
        self._guard = guard
        self._open_image = open_image
        self._ready = ready
        """The model to answer with, or "" when an answer cannot start now."""
        self._streaming = streaming
        self._start_reply = start_reply
        self.bubble_extras: Callable[[MessageBubble, int], None] | None = None
        """Adds to a saved answer's bubble (its message id): the chat's documents' sources."""

    def make_bubble(
        self, step: PathStep, parent: QWidget | None = None, *, ready: MessageBubble | None = None
    ) -> MessageBubble:
        """A message's bubble (in ``parent``, or ``ready``: one built ahead), its
        pictures and actions wired."""
        from desktop.ui.chat.messages.message_bubble import MessageBubble  # with the first message

        message = step.message
        title = (
            QCoreApplication.translate("ChatPane", "You")
            if message.role is Role.USER
            else message.model
        ) or QCoreApplication.translate("ChatPane", "Assistant")
        if ready is not None:
            bubble = ready
            bubble.set_title(title)
        else:
            bubble = MessageBubble(message.role, title, parent)
        bubble.set_message_id(message.id)
        breaks: Sequence[tuple[int, QWidget]] = ()
        if message.tool_rounds:
            store = self._store
            open_image = self._open_image
            breaks = bubble.tool_steps.show_rounds(
                message.tool_rounds, store.thumbnails, lambda d: open_image(store.image(d))
            )
        bubble.set_content(message.content, message.thinking, breaks)
        bubble.set_footer(message.state, message.stats, message.error_text or message.error)
        bubble.set_siblings(step.index, len(step.sibling_ids))
        if message.images:
            store = self._store
            row = ImageRow(message.images, store.thumbnails(message.images))
            row.openRequested.connect(lambda digest: self._open_image(store.image(digest)))
            bubble.set_attachments(row)
        self.wire(bubble)
        if self.bubble_extras is not None and message.role is Role.ASSISTANT:
            self.bubble_extras(bubble, message.id)  # e.g. the documents it cited
        return bubble

    def wire(self, bubble: MessageBubble) -> None:
        bubble.regenerateRequested.connect(self.regenerate)
        bubble.retryRequested.connect(self.retry)
        bubble.editSubmitted.connect(self.resend_edited)
        bubble.deleteRequested.connect(self.delete)
        bubble.siblingRequested.connect(self.flip)

    def steps(self) -> list[PathStep]:
        """The path the session holds, as steps for the message list (their messages are
        decoded as their bubbles are built)."""
        return list(self._session.steps)

    def show_path(self) -> None:
        self._messages.set_steps(self.steps())
        self.shown.emit()

    def regenerate(self, message_id: int) -> None:
        """A new answer next to this one; the old one stays reachable with ‹ ›."""
        model = self._ready()
        if model and (parent := self._session.regenerate(message_id)) is not None:
            self.show_path()
            self._start_reply(model, parent)

    def retry(self, message_id: int) -> None:
        """Ask again after a failure; an empty failed answer is not kept."""
        model = self._ready()
        if model and (parent := self._session.retry(message_id)) is not None:
            self.show_path()
            self._start_reply(model, parent)

    def resend_edited(self, message_id: int, text: str) -> None:
        """A new version of the person's message, answered; the old branch stays."""
        model = self._ready()
        if not model:
            return
        images = self._session.images_of(message_id)
        if images and self._guard.sees_now() is False:
            self._guard.judge(images_kept=True)  # the edit stays open, with its text
            bubble = self._messages.bubble_for(message_id)
            if bubble is not None:
                bubble.start_editing()
                bubble.editor.setPlainText(text)
            return
        self._session.edit(message_id, text, images)
        self.show_path()
        self._start_reply(model, None)

    def delete(self, message_id: int) -> None:
        if not self._ready_to_change():
            return
        self._session.delete(message_id)
        self.show_path()
        self.conversationChanged.emit()

    def flip(self, message_id: int, step: int) -> None:
        """Show the previous or next version of a message (and what followed it)."""
        if not self._ready_to_change():
            return
        shown = self._session.flip(message_id, step)
        if shown is not None:
            self.show_path()
            self._messages.reveal(shown)

    def _ready_to_change(self) -> bool:
        return self._session.conversation_id is not None and not self._streaming()

    def refresh(self) -> None:
        """After an answer: the session's path, and the ‹ n/m › of every bubble."""
        if self._session.conversation_id is None:
            return
        self._session.reload()
        siblings = self._session.siblings
        for bubble in self._messages.bubbles():
            ids = siblings.get(bubble.message_id or -1)
            if ids is not None and bubble.message_id is not None:
                bubble.set_siblings(ids.index(bubble.message_id), len(ids))
        self.shown.emit()
