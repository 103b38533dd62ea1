"""A separate process that indexes one file and prints a line after each saved batch:
tests/storage/test_document_store.py kills it mid-way (SIGKILL) and resumes."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from desktop.documents.indexing import add_file, embed_document
from desktop.providers.embeddings import OllamaEmbedder
from desktop.providers.http_client import make_http_client
from desktop.storage.document_store import DocumentStore


async def main(database: str, document: str, host: str, model: str) -> None:
    store = DocumentStore.open(Path(database))
    document_id = await add_file(store, Path(document), "conversation:1")
    async with make_http_client() as http:
        embedder = OllamaEmbedder(http, host, model)
        await embed_document(
            store,
            embedder,
            document_id,
            batch_size=2,
            progress=lambda progress: print(f"saved {progress.embedded}", flush=True),
        )
    print("finished", flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
