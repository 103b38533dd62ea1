"""Per-conversation sampling settings, and the options actually sent with each request.

``None`` means "the model's default", except ``num_ctx``: Ollama silently cuts a prompt
to its own default window (2048 or 4096 tokens), so a window is always sent explicitly.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from desktop.core.messages import ChatOptions

DEFAULT_CONTEXT_WINDOW = 8192
"""Used when the model's own window is unknown, and as a cap on very long windows."""
THINK_LEVELS = ("low", "medium", "high")
LEVELED_FAMILIES = ("gpt-oss", "gptoss")
"""Models that take a thinking effort (low/medium/high) rather than on/off."""


def thinks_in_levels(name: str, family: str = "") -> bool:
    return any(tag in f"{family} {name}".lower() for tag in LEVELED_FAMILIES)


def default_think(leveled: bool) -> bool | str:
    return "medium" if leveled else True


@dataclass(frozen=True, slots=True)
class ChatParameters:
    temperature: float | None = None
    top_p: float | None = None
    num_ctx: int | None = None
    seed: int | None = None
    max_tokens: int | None = None
    think: bool | str | None = None
    """True/False, or one of THINK_LEVELS; None leaves it to the model."""
    tool_servers: tuple[str, ...] | None = None
    """The tool servers this conversation uses; None: every enabled server."""
    tools_off: tuple[str, ...] | None = None
    """Tools this conversation turned off (the names the model sees)."""
    collections: tuple[str, ...] | None = None
    """Document collections this conversation draws on (desktop.documents.owners)."""

    def to_json(self) -> str:
        return json.dumps({key: value for key, value in asdict(self).items() if value is not None})

    @classmethod
    def from_json(cls, text: str | None) -> ChatParameters:
        """Unknown keys and values of the wrong type are dropped, never fatal."""
        try:
            data: Any = json.loads(text or "{}")
        except json.JSONDecodeError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ChatParameters:
        kept: dict[str, Any] = {}
        for name in ("temperature", "top_p"):
            value = data.get(name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                kept[name] = float(value)
        for name in ("num_ctx", "seed", "max_tokens"):
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                kept[name] = value
        think = data.get("think")
        if isinstance(think, bool) or think in THINK_LEVELS:
            kept["think"] = think
        for name in ("tool_servers", "tools_off", "collections"):
            value = data.get(name)
            if isinstance(value, list) and all(isinstance(item, str) for item in value):
                kept[name] = tuple(value)
        return cls(**kept)

    def with_changes(self, **changes: Any) -> ChatParameters:
        known = {field.name for field in fields(self)}
        return replace(self, **{key: value for key, value in changes.items() if key in known})


def context_window(parameters: ChatParameters, model_window: int | None) -> int:
    """The window to send: the conversation's choice, else the model's capped at 8192."""
    if parameters.num_ctx:
        return parameters.num_ctx
    if model_window:
        return min(model_window, DEFAULT_CONTEXT_WINDOW)
    return DEFAULT_CONTEXT_WINDOW


def chat_options(
    parameters: ChatParameters,
    *,
    model_window: int | None,
    can_think: bool,
    leveled: bool = False,
) -> ChatOptions:
    """Request options: num_ctx always set; think always set for models that can think
    (and never for others, which Ollama would refuse)."""
    think: bool | str | None = None
    if can_think:
        think = parameters.think if parameters.think is not None else default_think(leveled)
    return ChatOptions(
        temperature=parameters.temperature,
        top_p=parameters.top_p,
        num_ctx=context_window(parameters, model_window),
        seed=parameters.seed,
        num_predict=parameters.max_tokens,
        think=think,
    )
