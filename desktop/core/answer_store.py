"""What ChatService needs from the history: a small Protocol the SQLite store satisfies.

Core never imports storage (an import-linter contract says so); the composition root
hands the real store in. ``LEAF`` lives here because callers of both sides name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from desktop.core.attachment import ImageAttachment
from desktop.core.conversation import Conversation, PathStep, StoredMessage
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.core.text import Text


class Leaf:
    """Marker: add the message after the last one on the visible path."""


LEAF = Leaf()


class AnswerStore(Protocol):
    """Where ChatService reads the conversation and keeps the answer as it grows."""

    def get_conversation(self, conversation_id: int) -> Conversation: ...
    def active_path(self, conversation_id: int) -> list[PathStep]: ...
    def select_message(self, message_id: int) -> bool: ...
    def image(self, digest: str) -> ImageAttachment | None: ...
    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str,
        *,
        state: MessageState = ...,
        model: str = ...,
        thinking: str = ...,
        parent_id: int | Leaf | None = ...,
        images: Sequence[ImageAttachment] = ...,
    ) -> StoredMessage: ...
    def update_message(
        self,
        message_id: int,
        *,
        content: str | None = ...,
        thinking: str | None = ...,
        state: MessageState | None = ...,
        stats: ChatStats | None = ...,
        error: str | Text | None = ...,
    ) -> bool: ...
