"""A download as it is kept across restarts: what the pull manager saves and loads.

Only what a restart needs: the name, whether it resumes or waits for the person
(cancelled or failed), and the error shown with it. The pull manager depends on the
:class:`PullQueueStore` Protocol; storage's JSON file satisfies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

RESUME = "resume"
CANCELLED = "cancelled"
FAILED = "failed"
STATES = frozenset({RESUME, CANCELLED, FAILED})


@dataclass(frozen=True, slots=True)
class SavedPull:
    name: str
    state: str = RESUME
    error: str = ""
    detail: str = ""
    """The server's own words about the failure (e.g. Ollama's error line)."""


class PullQueueStore(Protocol):
    def load(self) -> list[SavedPull]: ...
    def save(self, pulls: Sequence[SavedPull]) -> None: ...
