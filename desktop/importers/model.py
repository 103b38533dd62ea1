"""What a reader makes of one exported conversation, and what a preview or an import says."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from desktop.core.conversation_export import ExportedConversation, ImportProblem
from desktop.core.text import Text


class SourceApp(StrEnum):
    CHATGPT = "chatgpt"
    CLAUDE = "claude"
    DEEPSEEK = "deepseek"
    OPEN_WEBUI = "open-webui"
    CHATBOX = "chatbox"
    CHERRY_STUDIO = "cherry-studio"
    PARLEY = "parley"


APP_NAMES = {
    SourceApp.CHATGPT: "ChatGPT",
    SourceApp.CLAUDE: "Claude",
    SourceApp.DEEPSEEK: "DeepSeek",
    SourceApp.OPEN_WEBUI: "Open WebUI",
    SourceApp.CHATBOX: "Chatbox",
    SourceApp.CHERRY_STUDIO: "Cherry Studio",
    SourceApp.PARLEY: "Parley",
}
"""Product names: shown as they are, never translated."""


class ImportCancelled(Exception):
    """The person pressed Cancel; what was written is taken back."""


@dataclass(frozen=True, slots=True)
class ReadConversation:
    """One conversation of an export: read, or the reason it could not be."""

    title: str
    conversation: ExportedConversation | None
    notes: tuple[str, ...] = ()
    """Parts kept as notes in the messages (what kind each was), never dropped."""
    images: int = 0
    """Images its messages refer to (found in the export or not)."""
    problem: Text | None = None

    @property
    def messages(self) -> int:
        return 0 if self.conversation is None else len(self.conversation.messages)


@dataclass(slots=True)
class Preview:
    """What an export holds, read before anything is written."""

    app: SourceApp
    size: int
    conversations: int = 0
    messages: int = 0
    images: int = 0
    first: datetime | None = None
    last: datetime | None = None
    present: int = 0
    """Conversations the history has already (an earlier import of the same export)."""
    notes: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(conversation title, kinds of the parts kept as notes)."""
    problems: list[tuple[str, Text]] = field(default_factory=list)
    """(conversation title, why it cannot be imported)."""

    def count(self, item: ReadConversation) -> None:
        if item.notes:
            self.notes.append((item.title, item.notes))
        if item.conversation is None:
            if item.problem is not None:
                self.problems.append((item.title, item.problem))
            return
        self.conversations += 1
        self.messages += len(item.conversation.messages)
        self.images += item.images
        start, end = item.conversation.created_at, item.conversation.updated_at
        self.first = start if self.first is None else min(self.first, start)
        self.last = end if self.last is None else max(self.last, end)


@dataclass(slots=True)
class Report:
    """What an import did."""

    app: SourceApp
    added: int = 0
    messages: int = 0
    present: int = 0
    notes: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    problems: list[tuple[str, Text]] = field(default_factory=list)


__all__ = [
    "APP_NAMES",
    "ImportCancelled",
    "ImportProblem",
    "Preview",
    "ReadConversation",
    "Report",
    "SourceApp",
]
