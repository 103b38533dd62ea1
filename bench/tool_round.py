"""Parley's own time per tool round, without the model's or the tool's.

A model (the OpenAI test server over real HTTP) calls a tool in each of ROUNDS rounds of
an answer; the tool answers at once and the person's policy allows it, so nothing waits
for anyone. Per round, Parley's part is the time from the end of the model's stream
(its ``Done``) to the start of the next request, less the tool's own time: saving the
round and each change of the call (SQLite, on disk), the policy, building the results
in the family's shape and the history of the next request. Goal: median under 20 ms.

Run alone with ``python -m bench.tool_round``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from pathlib import Path

from desktop.core.chat_service import ChatService
from desktop.core.events import ChatEvent, Done, ToolCall
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.messages import ChatMessage, ChatOptions
from desktop.core.provider_config import ProviderFamily
from desktop.core.tool_policy import ToolPolicies
from desktop.core.tool_turns import ToolKit
from desktop.core.toolbox import AvailableTool, Decision, Policy, Verdict
from desktop.core.tools import ToolDefinition, ToolResult
from desktop.providers.http_client import make_http_client
from desktop.storage.history import HistoryStore
from tests.providers.streams import provider_for
from tests.servers.cloud_fixtures import OPENAI_KEY
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply

ROUNDS = 20
ANSWERS = 5
TARGET_MS = 20.0
IDENTITY = "python -m weather_server"
WEATHER = ToolDefinition(
    "get_current_weather",
    "Get the current weather in a given location",
    {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]},
)


class InstantWeather:
    """A tool source whose one tool answers at once; it records how long it was in it."""

    def __init__(self) -> None:
        self.seconds = 0.0

    async def available_tools(self, servers: Collection[str] | None = None) -> list[AvailableTool]:
        return [AvailableTool("weather", IDENTITY, WEATHER, WEATHER.name)]

    async def call(
        self, tool: AvailableTool, call: ToolCall, arguments: Mapping[str, object]
    ) -> ToolResult:
        started = time.perf_counter()
        report = {"location": arguments.get("location"), "temperature": 25, "unit": "celsius"}
        result = ToolResult(call.call_id, call.name, report)
        self.seconds += time.perf_counter() - started
        return result


class NeverAsked:
    async def decide(self, tool: AvailableTool, call: ToolCall, changed: object) -> Decision:
        return Decision(Verdict.DENY, reason="the benchmark allows by policy")


class Stamped:
    """The provider, noting when each stream ended and when the next one started."""

    def __init__(self, provider: HistoryAdapter) -> None:
        self.provider = provider
        self.ended: list[float] = []
        self.started: list[float] = []

    def chat(
        self, model: str, messages: Sequence[ChatMessage], options: ChatOptions | None = None
    ) -> AsyncIterator[ChatEvent]:
        return self._stream(model, messages, options)

    async def _stream(
        self, model: str, messages: Sequence[ChatMessage], options: ChatOptions | None
    ) -> AsyncIterator[ChatEvent]:
        events = self.provider.chat(model, messages, options)  # the history converted
        self.started.append(time.perf_counter())
        async for event in events:
            if isinstance(event, Done):
                self.ended.append(time.perf_counter())
            yield event

    def __getattr__(self, name: str) -> object:
        return getattr(self.provider, name)


async def one_answer(
    chat: ChatService[HistoryStore], server: OpenAIServer, stamped: Stamped, number: int
) -> list[float]:
    """Parley's milliseconds in each round of one answer."""
    replies = [
        ScriptedReply(
            text=f"Round {n}.",
            tool_calls=(
                ScriptedCall(WEATHER.name, json.dumps({"location": f"城市{number}-{n}"}), f"c{n}"),
            ),
        )
        for n in range(ROUNDS)
    ]
    server.replies.push(*replies, ScriptedReply(text="上海今天晴。"))
    source = InstantWeather()
    policies = ToolPolicies()
    policies.set_server_policy(IDENTITY, Policy.ALLOW)
    kit = ToolKit(source, policies, NeverAsked(), max_rounds=ROUNDS + 1)
    conversation = chat.store.create_conversation("Weather", "gpt-test", "openai")
    chat.add_user_message(conversation.id, "上海今天的天气怎么样?")
    stamped.ended.clear()
    stamped.started.clear()
    source.seconds = 0.0
    async for _ in chat.stream_reply(conversation.id, "gpt-test", tools=kit):
        pass
    gaps = [start - end for end, start in zip(stamped.ended, stamped.started[1:], strict=False)]
    tool_each = source.seconds / max(len(gaps), 1)
    return [(gap - tool_each) * 1000 for gap in gaps]


async def measure() -> list[float]:
    server = OpenAIServer(api_key=OPENAI_KEY).start()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            store = HistoryStore.open(Path(scratch) / "history.sqlite3")
            async with make_http_client() as http:
                built = provider_for(http, "openai", f"{server.url}/v1", OPENAI_KEY)
                adapter = HistoryAdapter(
                    built.provider, ProviderFamily.OPENAI_COMPAT, built.sees_images
                )
                stamped = Stamped(adapter)
                chat = ChatService(store, stamped)
                rounds: list[float] = []
                for number in range(ANSWERS + 1):
                    measured = await one_answer(chat, server, stamped, number)
                    if number:  # the first answer warms imports and connections up
                        rounds += measured
            store.close()
    finally:
        server.stop()
    return rounds


def print_table(rounds: list[float]) -> None:
    median = statistics.median(rounds)
    p95 = statistics.quantiles(rounds, n=20, method="inclusive")[18]
    print(f"\nParley's own time per tool round ({len(rounds)} rounds, model and tool excluded)")
    print(f"{'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'target':>8} {'verdict':>8}")
    verdict = "ok" if median < TARGET_MS else "SLOW"
    print(f"{median:10.2f} {p95:8.2f} {max(rounds):8.2f} {TARGET_MS:8.0f} {verdict:>8}")


async def run() -> None:
    print_table(await measure())


if __name__ == "__main__":
    asyncio.run(run())
