"""Keeps a tool loop from running forever (LM Studio #1362, #970): a cap on the rounds of
calls in one answer, and a stop when the model makes the same call again and again.

The loop asks :meth:`LoopGuard.admit` before running each round's calls; a refusal says
why (the UI words it) and the answer ends there, its text and finished rounds kept.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.events import ToolCall

DEFAULT_MAX_ROUNDS = 10
DEFAULT_MAX_REPEATS = 3


class LoopStop(StrEnum):
    ROUND_CAP = "round_cap"  # more rounds of calls than the setting allows
    REPEATED_CALL = "repeated_call"  # the same call, same arguments, once too often


def call_key(call: ToolCall) -> str:
    """The same tool with the same arguments (key order ignored) is the same call."""
    arguments = json.dumps(call.arguments, sort_keys=True, ensure_ascii=False, default=str)
    return f"{call.name}\n{arguments if not call.problem else call.raw_arguments}"


@dataclass
class LoopGuard:
    """One answer's tool rounds. ``max_repeats``: how many times one call may be made."""

    max_rounds: int = DEFAULT_MAX_ROUNDS
    max_repeats: int = DEFAULT_MAX_REPEATS
    rounds: int = 0
    made: Counter[str] = field(default_factory=Counter)

    def admit(self, calls: Sequence[ToolCall]) -> LoopStop | None:
        """None if this round's ``calls`` may run (and counts them), else why not."""
        if self.rounds >= self.max_rounds:
            return LoopStop.ROUND_CAP
        keys = [call_key(call) for call in calls]
        if any(self.made[key] + keys.count(key) > self.max_repeats for key in keys):
            return LoopStop.REPEATED_CALL
        self.rounds += 1
        self.made.update(keys)
        return None

    def repeated(self) -> list[str]:
        """The names of the calls made more than once so far (for the stop's message)."""
        return sorted({key.split("\n", 1)[0] for key, times in self.made.items() if times > 1})
