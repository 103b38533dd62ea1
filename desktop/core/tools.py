"""Tools a model may call, independent of any provider's wire format.

A :class:`ToolDefinition` is offered to the model (``ChatOptions.tools``); the model's
request comes back as a :class:`~desktop.core.events.ToolCall` event (built here by
:func:`tool_call`, which parses the arguments once and never raises); what running it
gave goes back as a :class:`ToolResult` in a ``Role.TOOL`` message. Each provider turns
these into its family's exact shape.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.core.events import ToolCall
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.core.token_estimate import estimate_tokens

TOOLS_CAPABILITY = "tools"
"""What Ollama's /api/show lists for a model that takes tools."""


@dataclass(frozen=True, slots=True)
class ToolDefinition:
    """A function the model may call: its name, what it does, its JSON-schema parameters."""

    name: str
    description: str = ""
    parameters: Mapping[str, object] = field(
        default_factory=lambda: {"type": "object", "properties": {}}
    )


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What running a call gave: text or JSON (``content``), and whether it failed.

    ``call_id`` and ``name`` tie it to its :class:`ToolCall`; families need one or the
    other (OpenAI and Anthropic the id, Ollama the name).
    """

    call_id: str
    name: str
    content: object
    """Text, or any JSON-encodable value (structured content)."""
    is_error: bool = False
    images: tuple[bytes, ...] = ()
    """Pictures the tool returned (encoded PNG/JPEG...), sent where the family takes them."""

    @property
    def text(self) -> str:
        """The content as the words sent back: text as it is, JSON encoded."""
        if isinstance(self.content, str):
            return self.content
        return json.dumps(self.content, ensure_ascii=False)


def parse_arguments(raw: str) -> tuple[dict[str, object], str]:
    """The arguments object in ``raw`` and "" ; or ``{}`` and what is wrong with it.

    Models send an empty string for "no arguments"; anything else must be a JSON object.
    """
    if not raw.strip():
        return {}, ""
    try:
        value: object = json.loads(raw)
    except ValueError as error:
        return {}, f"not valid JSON: {error}"
    if not isinstance(value, dict):
        return {}, f"a JSON {type(value).__name__}, not an object"
    return value, ""


def tool_call(
    name: str, raw: str | Mapping[str, object], call_id: str = "", index: int = 0
) -> ToolCall:
    """The :class:`ToolCall` a model asked for; malformed arguments become its ``problem``
    (the call is then not run and the problem goes back to the model), never an exception."""
    if not isinstance(raw, str):
        arguments = dict(raw)
        return ToolCall(name, arguments, call_id, index, json.dumps(arguments, ensure_ascii=False))
    arguments, wrong = parse_arguments(raw)
    problem: Text | None = None
    if wrong:
        problem = text(
            QT_TRANSLATE_NOOP(
                "core",
                "The model called {tool} with arguments that cannot be used ({reason}). The "
                "tool was not run; the model was told so.",
            ),
            tool=name or "?",
            reason=Text.plain(wrong),
        )
    return ToolCall(name, arguments, call_id, index, raw, problem)


def takes_tools(capabilities: Sequence[str]) -> bool:
    """Whether a model whose capabilities Ollama listed accepts ``tools``."""
    return TOOLS_CAPABILITY in capabilities


def unusable_arguments_result(call: ToolCall) -> ToolResult:
    """What the model is told about a call whose arguments could not be used (it was not
    run): what was wrong, so it can call again."""
    _, wrong = parse_arguments(call.raw_arguments)
    said = (
        f"Error: {call.name} was not run because its arguments are {wrong or 'not usable'}. "
        "Call it again with a JSON object that matches its parameters."
    )
    return ToolResult(call.call_id, call.name, said, is_error=True)


def denied_result(call: ToolCall, reason: str = "") -> ToolResult:
    """What the model is told when the person did not allow a call (with their reason)."""
    said = f"The user did not allow {call.name} to run."
    if reason.strip():
        said += f" Their reason: {reason.strip()}"
    return ToolResult(call.call_id, call.name, said, is_error=True)


def definitions_tokens(tools: Sequence[ToolDefinition]) -> int:
    """About how many tokens of the context window the definitions take: models read
    them as JSON (their templates render the schema), so the JSON is counted."""
    return sum(
        estimate_tokens(
            json.dumps(
                {"name": tool.name, "description": tool.description, "parameters": tool.parameters},
                ensure_ascii=False,
            )
        )
        for tool in tools
    )


def definition_hash(tool: ToolDefinition) -> str:
    """A fingerprint of what the model is told about ``tool`` (name, description,
    schema; key order ignored): a policy bound to it is asked again when it changes."""
    canonical = json.dumps(
        {"name": tool.name, "description": tool.description, "parameters": tool.parameters},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
