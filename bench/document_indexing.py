"""Indexing a 40-page PDF through the real all-MiniLM-L6-v2 (llama.cpp behind the test
Ollama server): Parley's own share of the time (extraction, chunking, storing) against
the embedder's. The issue's figure: Parley's share < 10 %.
`python -m bench.document_indexing`
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from desktop.core.embedding import Embeddings
from desktop.documents.indexing import add_file, embed_document
from desktop.providers.embeddings import OllamaEmbedder
from desktop.providers.http_client import make_http_client
from desktop.storage.document_store import DocumentStore
from tests.documents.pdf_maker import write_pdf
from tests.servers.minilm_gguf import write_minilm_gguf
from tests.servers.ollama_server import OllamaServer

PAGES = 40
MODEL = "all-minilm:latest"


class TimedEmbedder:
    """The real embedder, with the seconds spent waiting for it added up."""

    def __init__(self, inner: OllamaEmbedder) -> None:
        self.inner = inner
        self.seconds = 0.0

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def remote(self) -> bool:
        return self.inner.remote

    async def embed(self, texts: Sequence[str]) -> Embeddings:
        started = time.perf_counter()
        try:
            return await self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - started


async def measure(folder: Path, server: OllamaServer) -> None:
    pages = [
        [f"Section {page}.{line}: the device keeps {line * 7 % 90} settings for mode {page}."
         for line in range(45)]
        for page in range(PAGES)
    ]  # fmt: skip
    pdf = write_pdf(folder / "manual.pdf", pages)
    store = DocumentStore.open(folder / "documents.sqlite3")
    async with make_http_client() as http:
        embedder = TimedEmbedder(OllamaEmbedder(http, server.url, MODEL))
        await embedder.embed(["warm the model up"])
        embedder.seconds = 0.0
        started = time.perf_counter()
        document_id = await add_file(store, pdf, "collection:bench")
        added = time.perf_counter() - started
        await embed_document(store, embedder, document_id)
        total = time.perf_counter() - started
    [document] = store.documents()
    store.close()
    own = total - embedder.seconds
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nIndexing a {PAGES}-page PDF, {document.chunks} chunks (load {load:.1f})")
    print(f"total {total:.2f} s: embedder {embedder.seconds:.2f} s, Parley {own:.2f} s")
    print(f"  of which extract + chunk + store {added:.2f} s")
    print(f"Parley's share {own / total:.1%} (target < 10 %)")


def run() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        server = OllamaServer(folder / "ollama").start()
        try:
            server.publish(
                MODEL, write_minilm_gguf(folder / "minilm.gguf"), capabilities=("embedding",)
            )
            server.install(MODEL)
            asyncio.run(measure(folder, server))
        finally:
            server.stop()


if __name__ == "__main__":
    run()
