"""What an answer's request carries from the documents (whole, retrieved, keywords only),
and that the chat records it with the answer while the history keeps the person's words:
the scripted Ollama records the request, the real MiniLM embeds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from desktop.core.chat_service import ChatService
from desktop.core.cited_sources import SentSources
from desktop.core.embedding import Embedder
from desktop.core.errors import ConnectionFailed
from desktop.core.text import Text
from desktop.documents.answer_context import AnswerDocuments
from desktop.documents.indexing import add_file, embed_document
from desktop.providers.embeddings import OllamaEmbedder
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.storage.document_store import DocumentStore
from desktop.storage.history import HistoryStore
from tests.servers.embedding_fixtures import MINILM
from tests.servers.ollama_server import OllamaServer
from tests.servers.scripted_ollama import ScriptedOllama

OWNER = "conversation:1"
FACTS = [
    "The lighthouse on Corvo Island is kept by Amalia Teixeira.",
    "The ferry to Flores leaves on Mondays and Thursdays at 08:15.",
    "The island's only bakery closes at noon on Sundays.",
]


@pytest.fixture
def scripted_server() -> AsyncIterator[ScriptedOllama]:
    server = ScriptedOllama().start()
    yield server  # type: ignore[misc]
    server.stop()


@pytest.fixture
async def http() -> AsyncIterator[object]:
    client = make_http_client()
    yield client
    await client.aclose()


def long_text(folder: Path) -> Path:
    """About 30,000 characters: too long to go whole into an 8k window."""
    lines = []
    for n in range(300):
        lines.append(f"Paragraph {n}: the council minutes list routine items without decisions.")
        if n % 100 == 50:
            lines.append(FACTS[n // 100])
        lines.append("")
    path = folder / "minutes.md"
    path.write_text("\n".join(lines))
    return path


async def test_the_request_carries_retrieved_passages_and_the_answer_keeps_them(
    scripted_server: ScriptedOllama,
    embedding_ollama_server: OllamaServer,
    http: object,
    tmp_path: Path,
) -> None:
    store = DocumentStore.open(tmp_path / "documents.sqlite3")
    history = HistoryStore.open(tmp_path / "history.sqlite3")
    embedder = OllamaEmbedder(http, embedding_ollama_server.url, MINILM)  # type: ignore[arg-type]
    document_id = await add_file(store, long_text(tmp_path), OWNER)
    await embed_document(store, embedder, document_id)
    conversation = history.create_conversation("Q", "scripted:latest")
    question = "Who keeps the lighthouse on Corvo Island?"
    chat = ChatService(history, OllamaProvider(http, scripted_server.url))  # type: ignore[arg-type]
    chat.add_user_message(conversation.id, question)
    recorded: dict[int, SentSources] = {}

    async def ready() -> Embedder:
        return embedder

    documents = AnswerDocuments(store, [OWNER], ready, recorded.__setitem__)
    scripted_server.script(["Amalia Teixeira [1]."])
    async for _ in chat.stream_reply(conversation.id, "scripted:latest", documents=documents):
        pass
    [body] = scripted_server.chat_bodies()
    system = body["messages"][0]
    assert system["role"] == "system" and FACTS[0] in system["content"]
    assert "[1] minutes.md" in system["content"]
    assert body["messages"][-1] == {"role": "user", "content": question}
    [(answer_id, sent)] = recorded.items()
    assert sent.mode == "retrieved" and sent.sources[0].document_id == document_id
    text = store.document_text(document_id)
    assert FACTS[0] in text[sent.sources[0].start : sent.sources[0].end]
    assert history.get_message(answer_id).content == "Amalia Teixeira [1]."
    assert history.active_path(conversation.id)[0].message.content == question

    # Without an embedder (server gone): keyword search alone still finds the passage.
    async def gone() -> Embedder:
        raise ConnectionFailed(Text.plain("down"))

    found = await AnswerDocuments(store, [OWNER], gone, recorded.__setitem__).context_for(
        "When does the ferry to Flores leave?", 8192, 0
    )
    assert found is not None and found.sent.mode == "keywords"
    assert FACTS[1] in found.text
    # A small window with a long conversation: fewer passages, within what is left.
    squeezed = await AnswerDocuments(store, [OWNER], ready, recorded.__setitem__).context_for(
        question, 2048, 600
    )
    assert squeezed is not None and 1 <= len(squeezed.sent.sources) < 5
    assert squeezed.sent.tokens <= 2048 - 600 - 1024 + 50
    assert FACTS[0] in squeezed.text  # the best passage stays

    # A short document goes whole, with no embedding at all.
    short = tmp_path / "note.txt"
    short.write_text("Bring a raincoat.")
    await add_file(store, short, "conversation:2")
    whole = await AnswerDocuments(
        store, ["conversation:2"], gone, recorded.__setitem__
    ).context_for("What should I bring?", 8192, 0)
    assert whole is not None and whole.sent.mode == "whole" and "Bring a raincoat." in whole.text
    assert (
        await AnswerDocuments(store, ["conversation:9"], gone, print).context_for("x", 8192, 0)
        is None
    )
    store.close()
    history.close()
