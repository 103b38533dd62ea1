"""Folders (projects) that hold conversations, and what a new chat in one starts with.

A folder sits at the top level or inside a top-level folder: one level of nesting, so the
sidebar stays a short list a person can take in. Deleting a folder never deletes its
conversations unless the person asks for that; they move out to "no folder".
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import ParleyError


class FolderProblem(ParleyError, ValueError):
    """A folder name or place was refused; the message says why, for the person."""


@dataclass(frozen=True, slots=True)
class FolderTools:
    """Which tools a new chat in the folder may use: ``servers`` None means every server
    (as a conversation's ``tool_servers``), () none."""

    servers: tuple[str, ...] | None = None
    off: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return self.servers != ()


@dataclass(frozen=True, slots=True)
class Folder:
    id: int
    name: str
    parent_id: int | None = None
    position: int = 0
    model: str = ""
    """The model a new chat in the folder starts with ("" keeps the app's choice)."""
    provider: str = ""
    system_prompt: str = ""
    tools: FolderTools = FolderTools()

    @property
    def has_defaults(self) -> bool:
        return bool(self.model or self.system_prompt or self.tools != FolderTools())
