"""Run as a child process by the SIGKILL test: answers a weather question whose tool never
returns, saying "running" on stdout once the call runs (the parent then kills it)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from desktop.core.chat_service import ChatService
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.provider_config import ProviderFamily
from desktop.core.tool_policy import ToolPolicies
from desktop.core.tool_turns import ToolKit
from desktop.core.toolbox import Policy
from desktop.providers.http_client import make_http_client
from desktop.storage.history import HistoryStore
from tests.core.tool_kit import IDENTITY, FunctionSource, ScriptedApprover
from tests.providers.streams import provider_for


async def hang(location: str = "") -> object:
    print("running", flush=True)
    await asyncio.sleep(3600)
    return "never"


async def main(history: Path, base_url: str, key: str) -> None:
    store = HistoryStore.open(history)
    policies = ToolPolicies()
    policies.set_server_policy(IDENTITY, Policy.ALLOW)
    kit = ToolKit(
        FunctionSource(functions={"get_current_weather": hang}), policies, ScriptedApprover()
    )
    async with make_http_client() as http:
        built = provider_for(http, "openai", base_url, key)
        adapter = HistoryAdapter(built.provider, ProviderFamily.OPENAI_COMPAT, built.sees_images)
        chat = ChatService(store, adapter, save_interval=0.01)
        conversation = store.create_conversation("Weather", "gpt-test", "openai")
        chat.add_user_message(conversation.id, "上海今天的天气怎么样?")
        async for _ in chat.stream_reply(conversation.id, "gpt-test", tools=kit):
            pass


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
