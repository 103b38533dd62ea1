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
from desktop.tools.results import RemoteTool

_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")
MAX_NAME = 64
"""OpenAI's and Anthropic's limit on a tool's name (``^[a-zA-Z0-9_-]{1,64}$``)."""


def model_name(name: str) -> str:
    """``name`` as every family accepts it: letters, digits, ``_`` and ``-``, ≤ 64."""
    return (_NOT_IN_NAME.sub("_", name).strip("_") or "tool")[:MAX_NAME]


def offered(server: str, identity: str, tool: RemoteTool, name: str = "") -> AvailableTool:
    """``tool`` of a server as a model is offered it, under ``name`` (its own name by
    default; a clash between servers gets a prefixed one)."""
    shown = ToolDefinition(name or model_name(tool.name), tool.description, tool.input_schema)
    return AvailableTool(server, identity, shown, tool.name, tool.read_only)


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
        found: list[tuple[str, str, RemoteTool]] = []
        for config, status in zip(configs, statuses, strict=True):
            if status.state is ServerState.RUNNING:
                found += [(config.name, config.identity, tool) for tool in status.tools]
        counts = Counter(model_name(tool.name) for _, _, tool in found)
        tools: list[AvailableTool] = []
        taken: set[str] = set()
        for server, identity, tool in found:
            name = model_name(tool.name)
            if counts[name] > 1 or name in taken:
                name = model_name(f"{server}__{tool.name}")
            while name in taken:
                name = model_name(name[: MAX_NAME - 2] + "_2")
            taken.add(name)
            tools.append(offered(server, identity, tool, name))
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
