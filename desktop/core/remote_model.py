"""A model as a cloud or OpenAI-compatible provider lists it (provider-neutral)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RemoteModel:
    """``name`` is what a chat request sends; ``display_name`` what a person reads."""

    name: str
    display_name: str = ""
    owned_by: str = ""
    created: datetime | None = None

    @property
    def label(self) -> str:
        return self.display_name or self.name
