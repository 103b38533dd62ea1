"""The tool loop with a real MCP server (stdio, through McpToolSource) and the Anthropic
test server with thinking on: two parallel calls (a picture, a tool that fails), the
signed thinking and the picture sent back in Anthropic's shape, kept in the history and
sent again from it with the next question."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from desktop.core.chat_service import ChatService
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.messages import ChatOptions, MessageState
from desktop.core.provider_config import ProviderFamily
from desktop.core.tool_policy import ToolPolicies
from desktop.core.tool_steps import ToolOutcome
from desktop.core.tool_turns import ToolKit
from desktop.core.toolbox import Policy
from desktop.providers.http_client import make_http_client
from desktop.storage.history import HistoryStore
from desktop.tools.manager import McpServerManager
from desktop.tools.tool_source import McpToolSource
from tests.core.tool_kit import ScriptedApprover
from tests.providers.streams import provider_for
from tests.servers.anthropic_server import MESSAGES, AnthropicServer
from tests.servers.cloud_fixtures import ANTHROPIC_KEY
from tests.servers.mcp_fixtures import stdio_config
from tests.servers.mcp_test_server import PICTURE_PNG
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply

MODEL = "claude-test-4-5"
THINKING = ChatOptions(think=True)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client() as client:
        yield client


@pytest.fixture
async def source(mcp_manager: McpServerManager, tmp_path: Path) -> McpToolSource:
    await mcp_manager.save_server(stdio_config("lab", tmp_path / "events.txt"))
    return McpToolSource(mcp_manager)


def claude(http: httpx.AsyncClient, server: AnthropicServer, store: HistoryStore) -> ChatService:
    built = provider_for(http, "anthropic", server.url, ANTHROPIC_KEY)
    adapter = HistoryAdapter(built.provider, ProviderFamily.ANTHROPIC, built.sees_images)
    return ChatService(store, adapter, save_interval=0.01)


async def test_parallel_calls_with_signed_thinking_and_a_picture(
    http, anthropic_server, source, mcp_manager, tmp_path
):
    anthropic_server.replies.push(
        ScriptedReply(
            text="",
            reasoning="The person wants a picture.",
            tool_calls=(
                ScriptedCall("picture", "{}", "toolu_pic"),
                ScriptedCall("fail", json.dumps({"message": "disk full"}), "toolu_fail"),
            ),
        ),
        ScriptedReply(text="Here is the picture; the other tool failed."),
    )
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    chat = claude(http, anthropic_server, store)
    policies = ToolPolicies()
    lab = mcp_manager.config("lab")
    assert lab is not None
    policies.set_server_policy(lab.identity, Policy.ALLOW)
    kit = ToolKit(source, policies, ScriptedApprover())
    conversation = store.create_conversation("Picture", MODEL, "anthropic")
    chat.add_user_message(conversation.id, "Show me a picture")
    async for _ in chat.stream_reply(conversation.id, MODEL, THINKING, tools=kit):
        pass  # the server refuses a round that is not in Anthropic's shape

    requests = [request.body for request in anthropic_server.requests_to(MESSAGES)]
    calling, results = requests[1]["messages"][1:]
    assert calling["content"][0]["type"] == "thinking" and calling["content"][0]["signature"]
    assert [block["type"] for block in results["content"]] == ["tool_result", "tool_result"]
    picture, failed = results["content"]
    assert picture["tool_use_id"] == "toolu_pic"
    assert any(part.get("type") == "image" for part in picture["content"])
    assert failed["is_error"] is True and "disk full" in json.dumps(failed, ensure_ascii=False)
    assert [image for _, image in anthropic_server.received_images] == [PICTURE_PNG]

    answer = store.messages(conversation.id)[-1]
    assert answer.state is MessageState.COMPLETE
    [round_] = answer.tool_rounds
    assert round_.signature == calling["content"][0]["signature"]
    ran, broke = round_.steps
    assert (ran.outcome, broke.outcome, broke.is_error) == (
        ToolOutcome.RAN,
        ToolOutcome.FAILED,
        True,
    )
    [digest] = ran.images
    kept = store.image(digest)
    assert kept is not None and kept.data == PICTURE_PNG
    assert (kept.width, kept.height) == (4, 4) and kept.thumbnail  # shown like an attachment

    # The next question sends the round again, from the history: signed, with the picture.
    anthropic_server.replies.push(ScriptedReply(text="You're welcome."))
    chat.add_user_message(conversation.id, "Thanks")
    async for _ in chat.stream_reply(conversation.id, MODEL, THINKING):
        pass
    assert [image for _, image in anthropic_server.received_images] == [PICTURE_PNG, PICTURE_PNG]
    assert store.messages(conversation.id)[-1].content == "You're welcome."
    store.close()
