"""Conversations and their messages as the history keeps them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.chat_parameters import ChatParameters
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.core.text import Text
from desktop.core.tool_steps import ToolRound


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    model: str
    provider: str
    created_at: datetime
    updated_at: datetime
    system_prompt: str = ""
    pinned: bool = False
    parameters: ChatParameters = field(default_factory=ChatParameters)


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
    """What went wrong, in English (search, export, logs)."""
    error_text: Text | None = None
    """The same as a key and values, shown in the language in use (None: only ``error``)."""
    parent_id: int | None = None
    """The message this one answers or follows; None for the first of a conversation."""
    images: tuple[str, ...] = ()
    """Digests (sha256) of the attached images, in order; the bytes are in the history."""
    tool_rounds: tuple[ToolRound, ...] = ()
    """An answer's calls of tools and their results, round by round (tool_steps.py)."""


@dataclass(frozen=True, slots=True)
class PathStep:
    """A message on the visible path, with its siblings (alternatives and edited versions)."""

    message: StoredMessage
    sibling_ids: tuple[int, ...]

    @property
    def index(self) -> int:
        return self.sibling_ids.index(self.message.id)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One message that matches a search. ``snippet`` marks hits with HIT_START/HIT_END."""

    conversation_id: int
    conversation_title: str
    message_id: int
    role: Role
    snippet: str
    updated_at: datetime


HIT_START = "\x02"
HIT_END = "\x03"
