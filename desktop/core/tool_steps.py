"""An answer's tool rounds as the history keeps them, and how they go back to a model.

One answer (one assistant message) may call tools several times before it ends. Each
:class:`ToolRound` remembers where in the answer's text and thinking the model stopped
to call (``text_end``, ``thinking_end``), Anthropic's signature of that thinking, and a
:class:`ToolStep` per call: what was asked, on which server, what happened (its
:class:`ToolOutcome`) and the result. :func:`turn_messages` unfolds such an answer into
the turns a provider expects: text and calls, the results, text and calls, ..., the
final text.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.events import ToolCall
from desktop.core.messages import ChatMessage, Role
from desktop.core.tools import ToolResult


class ToolOutcome(StrEnum):
    ASKING = "asking"  # waiting for the person's decision
    RUNNING = "running"
    RAN = "ran"
    FAILED = "failed"  # it ran, and the tool (or its server) reported an error
    DENIED = "denied"  # by the person or by a policy
    TIMED_OUT = "timed_out"
    CANCELLED = "cancelled"  # Stop was pressed while it waited or ran
    NOT_RUN = "not_run"  # unusable arguments, an unknown tool, or the loop stopped
    INTERRUPTED = "interrupted"  # the app died while it waited or ran

    @property
    def live(self) -> bool:
        return self in (ToolOutcome.ASKING, ToolOutcome.RUNNING)

    @property
    def reached_server(self) -> bool:
        return self in (ToolOutcome.RAN, ToolOutcome.FAILED, ToolOutcome.TIMED_OUT)


NOT_RUN_WORDS = {
    ToolOutcome.CANCELLED: "The user stopped the answer before {name} finished.",
    ToolOutcome.NOT_RUN: "{name} was not run.",
    ToolOutcome.INTERRUPTED: "{name} did not finish: the app was closed while it ran.",
    ToolOutcome.ASKING: "{name} was not run.",
    ToolOutcome.RUNNING: "{name} did not finish.",
    ToolOutcome.TIMED_OUT: "{name} took too long and was stopped.",
}
"""What a model is told about a call that has no result of its own (every call of a
turn must be answered before the next request, in every family)."""


@dataclass(frozen=True, slots=True)
class ToolStep:
    """One call of a round and what became of it."""

    call: ToolCall
    server: str = ""
    outcome: ToolOutcome = ToolOutcome.ASKING
    arguments: Mapping[str, object] | None = None
    """The arguments it ran with when the person edited them (None: the call's own)."""
    content: object = None
    """The result's text or JSON (None: no result yet)."""
    is_error: bool = False
    images: tuple[str, ...] = ()
    """Digests of the pictures the tool returned (kept like attachments)."""
    duration: float | None = None
    """Seconds the tool ran (None: it did not run)."""
    reason: str = ""
    """The person's reason for a denial."""

    @property
    def ran_arguments(self) -> Mapping[str, object]:
        return self.call.arguments if self.arguments is None else self.arguments

    @property
    def sent_call(self) -> ToolCall:
        """The call as it goes back to the model: with the arguments it ran with, so the
        model reads its call and the result that followed as one."""
        if self.arguments is None:
            return self.call
        raw = json.dumps(dict(self.arguments), ensure_ascii=False)
        return dataclasses.replace(self.call, arguments=dict(self.arguments), raw_arguments=raw)

    def result(self, load_image: Callable[[str], bytes | None] | None = None) -> ToolResult:
        """What the model is told (a call without a result: why it has none)."""
        if self.content is None:
            words = NOT_RUN_WORDS.get(self.outcome, "{name} was not run.")
            return ToolResult(
                self.call.call_id, self.call.name, words.format(name=self.call.name), True
            )
        loaded = [load_image(digest) for digest in self.images] if load_image else []
        return ToolResult(
            self.call.call_id,
            self.call.name,
            self.content,
            self.is_error,
            tuple(data for data in loaded if data is not None),
        )

    @property
    def result_text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return json.dumps(self.content, ensure_ascii=False, indent=2)


@dataclass(frozen=True, slots=True)
class ToolRound:
    """The calls the model made at one point of the answer."""

    number: int
    text_end: int
    """How much of the answer's text came before these calls."""
    thinking_end: int
    signature: str = ""
    """Anthropic's signature of the thinking before these calls."""
    steps: tuple[ToolStep, ...] = field(default_factory=tuple)


def servers_reached(rounds: Sequence[ToolRound]) -> list[str]:
    """The servers an answer's calls reached, in the order first reached."""
    names = [
        step.server
        for round_ in rounds
        for step in round_.steps
        if step.server and step.outcome.reached_server
    ]
    return list(dict.fromkeys(names))


def tool_picture_digests(answers: Iterable[Sequence[ToolRound]]) -> list[str]:
    """The digests of the pictures the tools returned, over these answers' rounds."""
    return [
        digest
        for rounds in answers
        for round_ in rounds
        for step in round_.steps
        for digest in step.images
    ]


def turn_messages(
    content: str,
    thinking: str,
    rounds: Sequence[ToolRound],
    load_image: Callable[[str], bytes | None] | None = None,
) -> list[ChatMessage]:
    """An answer with tool rounds as the turns sent back: per round the text and calls,
    then each call's result; then what the model said after the last round."""
    out: list[ChatMessage] = []
    text_at = thinking_at = 0
    for round_ in rounds:
        if not round_.steps:
            continue
        out.append(
            ChatMessage(
                Role.ASSISTANT,
                content[text_at : round_.text_end],
                thinking=thinking[thinking_at : round_.thinking_end],
                tool_calls=tuple(step.sent_call for step in round_.steps),
                thinking_signature=round_.signature,
            )
        )
        out += [
            ChatMessage(Role.TOOL, "", tool_result=step.result(load_image)) for step in round_.steps
        ]
        text_at, thinking_at = round_.text_end, round_.thinking_end
    rest = content[text_at:]
    if rest.strip():
        out.append(ChatMessage(Role.ASSISTANT, rest, thinking=thinking[thinking_at:]))
    return out
