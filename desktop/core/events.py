"""Typed events a chat stream yields; the UI renders them, providers produce them."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby


@dataclass(frozen=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ThinkingDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ToolCall:
    name: str
    arguments: str
    call_id: str = ""


@dataclass(frozen=True, slots=True)
class ChatStats:
    """Token statistics of one answer. Durations are seconds; None when unknown."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_seconds: float | None = None
    load_seconds: float | None = None
    prompt_eval_seconds: float | None = None
    eval_seconds: float | None = None
    first_token_seconds: float | None = None

    @property
    def tokens_per_second(self) -> float | None:
        if self.completion_tokens and self.eval_seconds:
            return self.completion_tokens / self.eval_seconds
        return None


@dataclass(frozen=True, slots=True)
class Done:
    """The stream ended normally. ``reason`` is the server's (stop, length, ...)."""

    reason: str = "stop"
    stats: ChatStats = field(default_factory=ChatStats)


ChatEvent = TextDelta | ThinkingDelta | ToolCall | Done


def merge_deltas(events: list[ChatEvent]) -> list[ChatEvent]:
    """``events`` with each run of text (or of thinking) joined into one delta.

    Everything that arrived in one read is passed on as a few events instead of one
    per token, so the layers above do their per-event work once.
    """
    merged: list[ChatEvent] = []
    for kind, run in groupby(events, type):
        if kind is TextDelta:
            merged.append(TextDelta("".join(event.text for event in run)))  # type: ignore[union-attr]
        elif kind is ThinkingDelta:
            merged.append(ThinkingDelta("".join(event.text for event in run)))  # type: ignore[union-attr]
        else:
            merged.extend(run)
    return merged
