"""The configured MCP servers as the chat's :class:`~desktop.core.toolbox.ToolSource`."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Collection, Mapping

from desktop.core.events import ToolCall
from desktop.core.toolbox import AvailableTool
from desktop.core.tools import ToolDefinition, ToolResult
from desktop.tools.manager import McpServerManager, ServerState

_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")
MAX_NAME = 64
"""OpenAI's and Anthropic's limit on a tool's name (``^[a-zA-Z0-9_-]{1,64}$``)."""


def model_name(name: str) -> str:
    """``name`` as every family accepts it: letters, digits, ``_`` and ``-``, ≤ 64."""
    return (_NOT_IN_NAME.sub("_", name).strip("_") or "tool")[:MAX_NAME]


class McpToolSource:
    """Tools of the enabled servers, started when first asked for and listed again at
    each ask (a running server may change them); names unique across servers (a clash
    gets the server's name in front: ``github__search``)."""

    def __init__(self, manager: McpServerManager) -> None:
        self.manager = manager

    async def available_tools(self, servers: Collection[str] | None = None) -> list[AvailableTool]:
        configs = [
            config
            for config in self.manager.servers
            if config.enabled and (servers is None or config.name in servers)
        ]
        statuses = await asyncio.gather(*(self.manager.current_tools(c.name) for c in configs))
        found: list[tuple[str, str, str, ToolDefinition, bool]] = []
        for config, status in zip(configs, statuses, strict=True):
            if status.state is not ServerState.RUNNING:
                continue
            for tool in status.tools:
                definition = ToolDefinition(tool.name, tool.description, tool.input_schema)
                found.append((config.name, config.identity, tool.name, definition, tool.read_only))
        counts = Counter(model_name(remote) for _, _, remote, _, _ in found)
        tools: list[AvailableTool] = []
        taken: set[str] = set()
        for server, identity, remote, definition, read_only in found:
            name = model_name(remote)
            if counts[name] > 1 or name in taken:
                name = model_name(f"{server}__{remote}")
            while name in taken:
                name = model_name(name[: MAX_NAME - 2] + "_2")
            taken.add(name)
            shown = ToolDefinition(name, definition.description, definition.parameters)
            tools.append(AvailableTool(server, identity, shown, remote, read_only))
        return tools

    async def call(
        self, tool: AvailableTool, call: ToolCall, arguments: Mapping[str, object]
    ) -> ToolResult:
        return await self.manager.call(
            tool.server,
            tool.remote_name or tool.name,
            arguments,
            call_id=call.call_id,
            shown_name=tool.name,
        )
