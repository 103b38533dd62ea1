"""Typed events a chat stream yields; the UI renders them, providers produce them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.text import Text


@dataclass(frozen=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ThinkingDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A call the model asked for, whole (its arguments have all arrived).

    ``arguments`` is the parsed JSON object; ``raw_arguments`` the text the model sent.
    When that text is not a JSON object, ``arguments`` is empty and ``problem`` says why:
    such a call is never run. ``index`` orders parallel calls of one answer. Build one
    with :func:`desktop.core.tools.tool_call`.
    """

    name: str
    arguments: Mapping[str, object]
    call_id: str = ""
    index: int = 0
    raw_arguments: str = ""
    problem: Text | None = None


@dataclass(frozen=True, slots=True)
class ThinkingSignature:
    """Anthropic's signature of the thinking just streamed. Kept with the answer: with
    thinking on, a turn that called tools goes back with its thinking, signed."""

    signature: str


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A call still arriving (OpenAI and Anthropic stream its arguments in pieces): which
    one (``index``), its name and id once known, and the next piece of the arguments
    text. Only for showing progress; the whole :class:`ToolCall` follows."""

    index: int
    name: str = ""
    call_id: str = ""
    arguments: str = ""


MIN_RATE_SECONDS = 0.25
MIN_RATE_TOKENS = 8
"""Below these a rate says more about buffering than about the model: a short answer
that arrived in one read would read as tens of thousands of tokens per second."""


@dataclass(frozen=True, slots=True)
class ChatStats:
    """Token statistics of one answer. Durations are seconds; None when unknown.

    ``eval_seconds`` is the server's own generation time when it reports one (Ollama's
    ``eval_duration``, llama.cpp's ``timings``); otherwise the time from the request to
    the last piece, measured here. ``estimated``: the server counted no tokens, so
    ``completion_tokens`` is counted from the text that arrived.
    """

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_seconds: float | None = None
    load_seconds: float | None = None
    prompt_eval_seconds: float | None = None
    eval_seconds: float | None = None
    first_token_seconds: float | None = None
    estimated: bool = False

    @property
    def tokens_per_second(self) -> float | None:
        """None when too few tokens or too short a time make the rate meaningless."""
        tokens, seconds = self.completion_tokens, self.eval_seconds
        if tokens is None or seconds is None:
            return None
        if tokens < MIN_RATE_TOKENS or seconds < MIN_RATE_SECONDS:
            return None
        return tokens / seconds


@dataclass(frozen=True, slots=True)
class Done:
    """The stream ended normally. ``reason`` is the server's (stop, length, ...), with one
    word for every family when the answer ended by calling tools: ``tool_calls``."""

    reason: str = "stop"
    stats: ChatStats = field(default_factory=ChatStats)


ChatEvent = TextDelta | ThinkingDelta | ThinkingSignature | ToolCallDelta | ToolCall | Done


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
        elif kind is ToolCallDelta:
            merged += _merge_call_pieces(run)  # type: ignore[arg-type]
        else:
            merged.extend(run)
    return merged


def _merge_call_pieces(run: Iterable[ToolCallDelta]) -> list[ToolCallDelta]:
    """Neighbouring pieces of the same call as one piece (its latest name and id)."""
    merged: list[ToolCallDelta] = []
    for piece in run:
        last = merged[-1] if merged else None
        if last is not None and last.index == piece.index:
            merged[-1] = ToolCallDelta(
                piece.index,
                piece.name or last.name,
                piece.call_id or last.call_id,
                last.arguments + piece.arguments,
            )
        else:
            merged.append(piece)
    return merged
