"""An answer from a server that counts no tokens (llama-cpp-python's server) still gets a
count, estimated from the text that arrived, marked as an estimate, shown as "~N tokens"
and kept in the history (defect 15)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from desktop.core.chat_service import ChatService
from desktop.core.events import Done
from desktop.core.token_estimate import estimate_tokens
from desktop.providers.http_client import make_http_client
from desktop.storage.history import HistoryStore
from desktop.ui.chat.messages.message_bubble import describe_stats
from tests.providers.streams import provider_for
from tests.servers.llama_server import MODEL_ALIAS, LlamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedReply


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client() as client:
        yield client


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    history = HistoryStore.open(tmp_path / "history.sqlite3")
    yield history
    history.close()


async def answer(service: ChatService, store: HistoryStore, model: str) -> Done:
    conversation = store.create_conversation("Count", model)
    service.add_user_message(conversation.id, "Say hello.")
    events = [event async for event in service.stream_reply(conversation.id, model)]
    done = events[-1]
    assert isinstance(done, Done)
    return done


async def test_real_llama_cpp_answer_gets_an_estimated_count(
    http: httpx.AsyncClient, store: HistoryStore, llama_server: LlamaServer
) -> None:
    provider = provider_for(http, "llamacpp", llama_server.url).provider
    service = ChatService(store, provider)

    done = await answer(service, store, MODEL_ALIAS)

    saved = store.messages(store.list_conversations()[0].id)[-1]
    assert done.stats.estimated
    assert done.stats.completion_tokens == estimate_tokens(saved.content) > 0
    assert saved.stats == done.stats
    assert describe_stats(done.stats).startswith(f"~{done.stats.completion_tokens} tokens")


async def test_thinking_counts_and_a_server_count_is_never_replaced(
    http: httpx.AsyncClient, store: HistoryStore, openai_server: OpenAIServer
) -> None:
    key = openai_server.api_key or ""
    provider = provider_for(http, "openai", f"{openai_server.url}/v1", key).provider
    service = ChatService(store, provider)
    openai_server.replies.push(
        ScriptedReply(text="你好世界", reasoning="Think first", sends_usage=False),
        ScriptedReply(text="你好世界", reasoning="Think first"),
    )

    estimated = await answer(service, store, "gpt-test")
    counted = await answer(service, store, "gpt-test")

    assert estimated.stats.estimated
    assert estimated.stats.completion_tokens == estimate_tokens("Think first") + 4
    assert not counted.stats.estimated
    assert counted.stats.completion_tokens == 3  # the server's own: three pieces
    assert not describe_stats(counted.stats).startswith("~")
