"""Conversations and their messages as the history keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    model: str
    provider: str
    created_at: datetime
    updated_at: datetime
    system_prompt: str = ""


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One saved message. ``model`` is the model that wrote it (empty for the person's)."""

    id: int
    conversation_id: int
    role: Role
    content: str
    state: MessageState
    model: str
    created_at: datetime
    thinking: str = ""
    stats: ChatStats | None = None
    error: str = ""
