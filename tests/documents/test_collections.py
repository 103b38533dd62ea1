"""Collections in the documents file, the library's facts, and re-embedding with another
model, with the real MiniLM behind the test Ollama server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop.documents.collections import CollectionProblem, CollectionStore
from desktop.documents.indexing import add_file, embed_document
from desktop.documents.owners import collection_owner, folder_owner
from desktop.documents.reembedding import RunProgress, plan, reembed
from desktop.providers.embeddings import OllamaEmbedder
from desktop.providers.http_client import make_http_client
from desktop.storage.document_store import DocumentStore
from tests.servers.embedding_fixtures import MINILM
from tests.servers.ollama_server import OllamaServer

SECOND = "minilm-again:latest"


def notes(path: Path, words: str, paragraphs: int = 12) -> Path:
    path.write_text(
        "\n\n".join(f"# Part {n}\n\n{words} number {n} " * 6 for n in range(paragraphs)),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def collections(tmp_path: Path) -> Iterator[CollectionStore]:
    store = DocumentStore.open(tmp_path / "documents.sqlite3")
    kept = CollectionStore(store)
    yield kept
    kept.close()
    store.close()


@pytest.fixture
async def http() -> AsyncIterator[object]:
    async with make_http_client() as client:
        yield client


def test_names_are_checked_and_ids_never_reused(collections: CollectionStore) -> None:
    work = collections.create("  Work   papers ")
    assert work.name == "Work papers"
    with pytest.raises(CollectionProblem) as taken:
        collections.create("work PAPERS")
    assert taken.value.reason == "taken"
    with pytest.raises(CollectionProblem):
        collections.create("   ")
    assert collections.rename(work.id, "Papers").name == "Papers"
    assert [c.name for c in collections.all()] == ["Papers"]
    collections.delete(work.id)
    again = collections.create("Papers")
    assert again.id != work.id  # a stray document of the old one can never join the new


async def test_deleting_a_collection_deletes_its_chunks_and_vectors(
    collections: CollectionStore,
    embedding_ollama_server: OllamaServer,
    http: object,
    tmp_path: Path,
) -> None:
    store = collections.documents
    embedder = OllamaEmbedder(http, embedding_ollama_server.url, MINILM)  # type: ignore[arg-type]
    work = collections.create("Work")
    document = await add_file(store, notes(tmp_path / "a.md", "alpha"), work.owner)
    kept = await add_file(store, notes(tmp_path / "b.md", "beta"), folder_owner(3))
    await embed_document(store, embedder, document)
    facts = collections.facts([work.owner])[work.owner]
    assert facts.documents == 1 and facts.chunks == facts.embedded > 0
    assert facts.models == (MINILM,)
    assert collections.library_facts().disk_bytes > 0

    assert collections.delete(work.id) == 1
    assert collections.get(work.id) is None
    assert store.documents(collection_owner(work.id)) == []
    rows = store._conn.execute(
        "SELECT COUNT(*) FROM chunks WHERE document_id = ?", (document,)
    ).fetchone()
    vectors = store._conn.execute("SELECT COUNT(*) FROM chunk_vectors").fetchone()
    assert rows[0] == 0 and vectors[0] == 0
    assert [d.id for d in store.documents()] == [kept]  # another owner's stays


async def test_reembedding_switches_every_document_to_the_new_model(
    collections: CollectionStore,
    embedding_ollama_server: OllamaServer,
    minilm_model_path: Path,
    http: object,
    tmp_path: Path,
) -> None:
    embedding_ollama_server.publish(SECOND, minilm_model_path, capabilities=("embedding",))
    embedding_ollama_server.install(SECOND)
    store = collections.documents
    old = OllamaEmbedder(http, embedding_ollama_server.url, MINILM)  # type: ignore[arg-type]
    new = OllamaEmbedder(http, embedding_ollama_server.url, SECOND)  # type: ignore[arg-type]
    ids = [
        await add_file(store, notes(tmp_path / f"{n}.md", f"subject {n}"), folder_owner(n))
        for n in range(2)
    ]
    for document in ids:
        await embed_document(store, old, document)
    chunks = sum(d.chunks for d in store.documents())

    cost = plan(collections, SECOND)
    assert cost.documents == tuple(ids) and cost.chunks == chunks
    assert cost.old_models == (MINILM,)
    assert cost.tokens > chunks and cost.seconds(None) is None
    assert not plan(collections, MINILM).needed

    heard: list[RunProgress] = []
    rates: list[float] = []
    embedded = await reembed(collections, new, cost, progress=heard.append, rate=rates.append)
    assert embedded == chunks
    assert {d.embed_model for d in store.documents()} == {SECOND}
    assert sum(d.embedded for d in store.documents()) == chunks
    assert heard[-1] == RunProgress(2, 2, chunks, chunks)
    assert rates and rates[0] > 0
    assert not plan(collections, SECOND).needed
