"""Conversations and their messages as the history keeps them."""

from __future__ import annotations

from collections.abc import Callable
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


class PathStep:
    """A message on the visible path, with its siblings (alternatives and edited versions).

    The history gives its steps with the message still undecoded (:meth:`later`): it is
    decoded when ``message`` is first read. Opening a 2,000-message conversation then
    decodes the few messages shown first, not every one (that was half of its first paint).
    """

    __slots__ = ("_decode", "_message", "message_id", "sibling_ids")

    def __init__(self, message: StoredMessage, sibling_ids: tuple[int, ...]) -> None:
        self._message: StoredMessage | None = message
        self._decode: Callable[[], StoredMessage] | None = None
        self.message_id = message.id
        self.sibling_ids = sibling_ids

    @classmethod
    def later(
        cls, message_id: int, sibling_ids: tuple[int, ...], decode: Callable[[], StoredMessage]
    ) -> PathStep:
        """The step of message ``message_id``, which ``decode`` makes when first needed."""
        step = cls.__new__(cls)
        step._message, step._decode = None, decode
        step.message_id, step.sibling_ids = message_id, sibling_ids
        return step

    @property
    def message(self) -> StoredMessage:
        message = self._message
        if message is None:
            assert self._decode is not None
            message = self._message = self._decode()
            self._decode = None  # and the stored row it held
        return message

    @property
    def index(self) -> int:
        return self.sibling_ids.index(self.message_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PathStep):
            return NotImplemented
        return self.sibling_ids == other.sibling_ids and self.message == other.message

    def __hash__(self) -> int:
        return hash((self.message_id, self.sibling_ids))

    def __repr__(self) -> str:
        return f"PathStep(message_id={self.message_id}, sibling_ids={self.sibling_ids})"


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
