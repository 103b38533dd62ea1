"""A ToolSource over real Python functions and a scripted Approver, for the tool loop's
core tests (the GUI tests use the real MCP servers)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field

from desktop.core.events import ToolCall
from desktop.core.toolbox import AvailableTool, Decision, Verdict
from desktop.core.tools import ToolDefinition, ToolResult
from tests.providers.tool_scenario import REPORT, WEATHER

SERVER = "weather"
IDENTITY = "python -m weather_server"


async def weather(location: str = "") -> object:
    return {**REPORT, "location": location}


@dataclass
class FunctionSource:
    """Tools of one "server", each a coroutine function; records what ran."""

    functions: dict[str, Callable[..., Awaitable[object]]] = field(
        default_factory=lambda: {"get_current_weather": weather}
    )
    definitions: dict[str, ToolDefinition] = field(
        default_factory=lambda: {"get_current_weather": WEATHER}
    )
    read_only: frozenset[str] = frozenset()
    ran: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)

    async def available_tools(self, servers: Collection[str] | None = None) -> list[AvailableTool]:
        if servers is not None and SERVER not in servers:
            return []
        return [
            AvailableTool(SERVER, IDENTITY, self.definitions[name], name, name in self.read_only)
            for name in self.functions
        ]

    async def call(
        self, tool: AvailableTool, call: ToolCall, arguments: Mapping[str, object]
    ) -> ToolResult:
        self.ran.append((tool.name, dict(arguments)))
        try:
            value = await self.functions[tool.name](**arguments)
        except asyncio.CancelledError:
            self.cancelled.append(tool.name)
            raise
        except Exception as error:  # a tool's failure is a result the model reads
            return ToolResult(call.call_id, call.name, f"Error: {error}", is_error=True)
        return ToolResult(call.call_id, call.name, value)


@dataclass
class ScriptedApprover:
    """Answers each question with the next decision; ``None`` in the script: run the call
    as the model made it."""

    script: list[Decision | None] = field(default_factory=list)
    asked: list[tuple[str, dict[str, object], ToolDefinition | None]] = field(default_factory=list)
    waiting: asyncio.Event = field(default_factory=asyncio.Event)
    hold: bool = False
    """Never answer (a Stop test)."""

    async def decide(
        self, tool: AvailableTool, call: ToolCall, changed_from: ToolDefinition | None
    ) -> Decision:
        self.asked.append((tool.name, dict(call.arguments), changed_from))
        self.waiting.set()
        if self.hold:
            await asyncio.Event().wait()
        decision = self.script.pop(0) if self.script else None
        return decision or Decision(Verdict.RUN, call.arguments)
