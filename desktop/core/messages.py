"""What a conversation is made of, independent of any provider's wire format."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"


class MessageState(StrEnum):
    COMPLETE = "complete"
    STREAMING = "streaming"
    STOPPED = "stopped"  # the person pressed Stop
    INTERRUPTED = "interrupted"  # the app died or was killed mid-stream
    FAILED = "failed"  # the provider reported an error


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message as sent to a provider. ``images`` are raw encoded bytes (PNG/JPEG...)."""

    role: Role
    content: str
    images: tuple[bytes, ...] = ()
    thinking: str = ""


@dataclass(frozen=True, slots=True)
class ChatOptions:
    """Sampling and context options; None means "the provider's default"."""

    temperature: float | None = None
    top_p: float | None = None
    num_ctx: int | None = None
    seed: int | None = None
    num_predict: int | None = None
    think: bool | str | None = None
    keep_alive: str | int | None = None
    extra: dict[str, object] = field(default_factory=dict)
