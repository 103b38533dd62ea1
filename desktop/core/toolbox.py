"""Where the tools a model may call come from, and who decides whether a call runs.

Three parts meet here, each behind a small Protocol so that none knows the others:

- a :class:`ToolSource` (the MCP servers the person configured, ``desktop.tools``) lists
  :class:`AvailableTool` s and runs calls;
- the chat's tool loop offers those tools to the model, and before each call asks
- an :class:`Approver` (the approval card in the chat page), unless the person's
  :class:`PolicyBook` already says ``allow`` or ``deny`` for that tool.

A policy is bound to the server's identity (its command and arguments, or its URL) and to
the tool's :func:`~desktop.core.tools.definition_hash`: when a server later changes what
a tool says it does, the old "always allow" no longer applies and the person is asked
again.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from desktop.core.events import ToolCall
from desktop.core.tools import ToolDefinition, ToolResult, definition_hash


@dataclass(frozen=True, slots=True)
class AvailableTool:
    """One tool of one server, as the model is offered it.

    ``definition.name`` is the name the model sees (unique across servers: a clash gets
    the server's name as a prefix); ``remote_name`` the server's own name for it.
    """

    server: str
    """The server's name, as the person named it ("weather")."""
    identity: str
    """What the server is: its command line, or its URL. Policies are bound to it."""
    definition: ToolDefinition
    remote_name: str = ""
    read_only: bool = False
    """The server annotated the tool read-only (``readOnlyHint``)."""

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def fingerprint(self) -> str:
        return definition_hash(self.definition)


class ToolSource(Protocol):
    async def available_tools(self, servers: Collection[str] | None = None) -> list[AvailableTool]:
        """The tools of the enabled servers (only those named in ``servers`` when given),
        starting servers that are not running yet. A server that cannot start is left
        out; its problem is shown where the servers are managed."""
        ...

    async def call(
        self, tool: AvailableTool, call: ToolCall, arguments: Mapping[str, object]
    ) -> ToolResult:
        """Runs ``tool`` with ``arguments`` (the call's own, or as the person edited them).

        A tool's failure, a timeout or a server that died comes back as a result with
        ``is_error`` and words the model and the person can read; cancelling the task
        cancels the call on the server.
        """
        ...


class Policy(StrEnum):
    ALLOW = "allow"
    ASK = "ask"
    DENY = "deny"


class PolicyBook(Protocol):
    def policy(self, tool: AvailableTool) -> Policy:
        """What to do with a call of ``tool``: the tool's own policy if it is bound to this
        server identity and definition, else the server's, else ``ask``."""
        ...

    def set_tool_policy(self, tool: AvailableTool, policy: Policy) -> None: ...

    def set_server_policy(self, identity: str, policy: Policy) -> None: ...

    def changed_since_allowed(self, tool: AvailableTool) -> ToolDefinition | None:
        """The definition the person allowed before, when ``tool``'s has changed since."""
        ...


class Verdict(StrEnum):
    RUN = "run"
    RUN_ALWAYS = "run_always"  # run, and allow this tool from now on
    DENY = "deny"


@dataclass(frozen=True, slots=True)
class Decision:
    """The person's answer to one call: run it (with these arguments), or not (and why)."""

    verdict: Verdict
    arguments: Mapping[str, object] = field(default_factory=dict)
    reason: str = ""


class Approver(Protocol):
    async def decide(
        self, tool: AvailableTool, call: ToolCall, changed_from: ToolDefinition | None
    ) -> Decision:
        """Asks the person about ``call`` (``changed_from``: the definition they allowed
        before, when it has changed since) and waits for their answer."""
        ...
