"""How full the context window is: Ollama's own counts when known, else an estimate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.conversation import StoredMessage
from desktop.core.messages import Role
from desktop.core.token_estimate import estimate_message_tokens

WARN_FRACTION = 0.85


@dataclass(frozen=True, slots=True)
class ContextUsage:
    used: int
    window: int
    exact: bool
    """True when the count is Ollama's (prompt_eval_count + eval_count) plus nothing new."""

    @property
    def fraction(self) -> float:
        return self.used / self.window if self.window else 0.0

    @property
    def near_limit(self) -> bool:
        return self.fraction >= WARN_FRACTION

    @property
    def over_limit(self) -> bool:
        return self.used > self.window


def context_usage(
    path: Sequence[StoredMessage], window: int, *, system_prompt: str = "", draft: str = ""
) -> ContextUsage:
    """Tokens the next request will need: the last counted answer, plus estimates for
    the messages after it and the draft being written."""
    counted = 0
    start = 0
    for index in range(len(path) - 1, -1, -1):
        stats = path[index].stats
        if path[index].role is Role.ASSISTANT and stats and stats.prompt_tokens is not None:
            counted = stats.prompt_tokens + (stats.completion_tokens or 0)
            start = index + 1
            break
    estimated = sum(estimate_message_tokens(message.content) for message in path[start:])
    if start == 0 and system_prompt:
        estimated += estimate_message_tokens(system_prompt)
    if draft:
        estimated += estimate_message_tokens(draft)
    return ContextUsage(counted + estimated, window, exact=start > 0 and estimated == 0)
