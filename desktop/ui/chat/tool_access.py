"""What the chat page needs to let answers call tools: where tools come from, the
person's policies, and the settings that bound a loop (read when an answer starts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.chat_parameters import ChatParameters
from desktop.core.tool_loop_guard import DEFAULT_MAX_ROUNDS
from desktop.core.tool_turns import DEFAULT_TOOL_TIMEOUT, ToolKit
from desktop.core.toolbox import Approver, PolicyBook, ToolSource
from desktop.storage.settings import Settings
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.ui.chat.chat_pane import ChatPane


@dataclass
class ToolAccess:
    source: ToolSource
    policies: PolicyBook
    max_rounds: Callable[[], int] = lambda: DEFAULT_MAX_ROUNDS
    timeout: Callable[[], float] = lambda: DEFAULT_TOOL_TIMEOUT
    allow_read_only: Callable[[], bool] = lambda: False

    def kit(self, approver: Approver, parameters: ChatParameters) -> ToolKit:
        """The tools one answer of a conversation with ``parameters`` may use."""
        return ToolKit(
            self.source,
            self.policies,
            approver,
            servers=parameters.tool_servers,
            tools_off=parameters.tools_off or (),
            max_rounds=self.max_rounds(),
            timeout=self.timeout(),
            allow_read_only=self.allow_read_only(),
        )


def tool_access(
    source: ToolSource,
    policies: PolicyBook,
    settings: Settings,
    timeout: Callable[[], float] = lambda: DEFAULT_TOOL_TIMEOUT,
) -> ToolAccess:
    """The app's: limits read from the person's settings each time an answer starts."""
    return ToolAccess(
        source,
        policies,
        max_rounds=lambda: max(1, settings.tool_round_cap),
        timeout=timeout,
        allow_read_only=lambda: settings.tools_read_only_allowed,
    )


def wire_chat_tools(pane: ChatPane, access: ToolAccess, tasks: TaskOwner) -> None:
    """Let the chat page's answers call tools: its runner takes ``access``, the chat
    settings list the tools, the context meter counts the definitions of those on."""
    pane.runner.tools = access
    chooser = pane.settings_panel.tools
    chooser.set_source(access.source, tasks)
    chooser.definitionsChanged.connect(pane.meter.set_tool_definitions)
