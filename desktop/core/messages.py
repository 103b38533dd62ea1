"""What a conversation is made of, independent of any provider's wire format."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.events import ToolCall
    from desktop.core.tools import ToolDefinition, ToolResult


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
    """One message as sent to a provider. ``images`` are raw encoded bytes (PNG/JPEG...).

    An assistant turn that called tools carries its ``tool_calls``; each result follows
    in a ``Role.TOOL`` message with its ``tool_result`` (a TOOL message without one is
    an old history's plain text, sent as the person's words).
    """

    role: Role
    content: str
    images: tuple[bytes, ...] = ()
    thinking: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_result: ToolResult | None = None
    thinking_signature: str = ""
    """Anthropic's signature of ``thinking`` (see events.ThinkingSignature)."""


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
    tools: tuple[ToolDefinition, ...] | None = None
    """The tools offered to the model; None or () offers none (no ``tools`` sent)."""
    extra: dict[str, object] = field(default_factory=dict)
