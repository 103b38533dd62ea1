"""What a new chat starts with when a given model is picked: its parameters (temperature,
context window, …, thinking) and system prompt.

Qt-free. The chat page asks a :class:`ModelDefaultsSource` (storage's
``ModelDefaultsStore`` satisfies it) when a model is picked for a chat that has no
message yet; a conversation that exists keeps its own settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.chat_parameters import ChatParameters

KEPT_PARAMETERS = ("temperature", "top_p", "num_ctx", "seed", "max_tokens", "think")
"""What a model's defaults may set; tool choices belong to the conversation."""


@dataclass(frozen=True, slots=True)
class ModelDefaults:
    parameters: ChatParameters = field(default_factory=ChatParameters)
    system_prompt: str = ""

    def __bool__(self) -> bool:
        return bool(self.system_prompt.strip()) or self.parameters != ChatParameters()

    def to_mapping(self) -> dict[str, Any]:
        values = {
            name: value
            for name in KEPT_PARAMETERS
            if (value := getattr(self.parameters, name)) is not None
        }
        document: dict[str, Any] = {"parameters": values}
        if self.system_prompt:
            document["system_prompt"] = self.system_prompt
        return document

    @classmethod
    def from_mapping(cls, data: object) -> ModelDefaults:
        """Unknown keys and values of the wrong type are dropped, never fatal."""
        if not isinstance(data, dict):
            return cls()
        raw = data.get("parameters")
        parameters = ChatParameters.from_mapping(raw) if isinstance(raw, dict) else ChatParameters()
        parameters = parameters.with_changes(tool_servers=None, tools_off=None)
        prompt = data.get("system_prompt")
        return cls(parameters, prompt if isinstance(prompt, str) else "")

    def start(self, pending: ChatParameters) -> ChatParameters:
        """A new chat's parameters: these defaults, keeping ``pending``'s tool choices."""
        return self.parameters.with_changes(
            tool_servers=pending.tool_servers, tools_off=pending.tools_off
        )


class ModelDefaultsSource(Protocol):
    def defaults_for(self, provider_id: str, model: str) -> ModelDefaults | None: ...


class ModelDefaultsBook(ModelDefaultsSource, Protocol):
    """A source the Models page can also change."""

    def set_defaults(self, provider_id: str, model: str, defaults: ModelDefaults) -> None: ...


def new_chat_start(
    defaults: ModelDefaults | None,
    pending: ChatParameters,
    *,
    started_from_defaults: bool,
) -> tuple[ChatParameters, str] | None:
    """What a chat with no message yet takes when a model is picked: that model's defaults;
    the plain settings when it has none but the chat had taken another model's; None
    (keep what the person set) otherwise."""
    if defaults is not None:
        return defaults.start(pending), defaults.system_prompt
    if started_from_defaults:
        return ModelDefaults().start(pending), ""
    return None
