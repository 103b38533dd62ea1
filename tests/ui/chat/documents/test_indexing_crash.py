"""SIGKILL during indexing, then Parley opens the conversation again: indexing continues
by itself where it stopped, and no chunk is stored or embedded twice."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

from desktop.core.provider_config import ProviderConfig
from desktop.documents.indexing import add_file
from desktop.storage.document_store import DocumentStore, default_path
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.settings import Settings
from desktop.ui.chat.documents.indexer import State
from tests.documents.pdf_maker import write_pdf
from tests.servers.embedding_fixtures import MINILM
from tests.servers.ollama_server import OllamaServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat.documents.conftest import counts, report_pages, settled
from tests.ui.conftest import wait_until


async def test_indexing_killed_midway_resumes_when_the_chat_opens(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_ollama_server: OllamaServer,
    tmp_path: Path,
) -> None:
    history = HistoryStore.open(default_history_path())
    conversation = history.create_conversation("About the report", "scripted:latest")
    history.close()
    assert conversation.id == 1  # the worker indexes for conversation:1
    pdf = write_pdf(tmp_path / "report.pdf", report_pages({}, pages=6))
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "tests.storage.index_worker", str(default_path()), str(pdf),
            embedding_ollama_server.url, MINILM,
        ],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[4],
    )  # fmt: skip
    assert worker.stdout is not None
    try:
        for _ in range(2):
            line = await asyncio.wait_for(asyncio.to_thread(worker.stdout.readline), 60)
            assert line.startswith("saved"), line
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.wait(10)
        worker.stdout.close()
    assert worker.returncode == -signal.SIGKILL

    lab = ProviderConfig(
        id="lab", preset="ollama", name="Lab", base_url=embedding_ollama_server.url
    )
    settings = Settings(providers=[lab], embedding_provider="lab", embedding_model=MINILM)
    services, window, documents = await documents_window(settings)  # type: ignore[operator]
    owner = f"conversation:{conversation.id}"
    shown: list[State] = []
    documents.indexer.changed.connect(
        lambda changed: shown.extend(e.state for e in documents.indexer.entries(changed))
    )
    window.chat_pane.open_conversation(conversation.id)
    await wait_until(lambda: documents.indexer.entries(owner), 10)
    [entry] = documents.indexer.entries(owner)
    partly = entry.embedded
    [entry] = await settled(documents, owner, timeout=90)
    assert entry.state is State.READY, entry.note
    assert State.PAUSED not in shown, "it continued at once: it never read as paused"
    assert 0 < partly < entry.chunks  # it was cut short, and went on from there
    chunks, ordinals, vectors = counts(services.document_store.path, entry.document_id)
    assert chunks == ordinals == vectors == entry.chunks
    assert len(services.document_store.documents(owner)) == 1


async def test_a_conversation_deleted_for_good_takes_its_documents_along(
    documents_window: object, scripted: ScriptedOllama, tmp_path: Path
) -> None:
    history = HistoryStore.open(default_history_path())
    kept = history.create_conversation("Kept", "scripted:latest")
    gone = history.create_conversation("Gone", "scripted:latest")
    history.close()
    note = tmp_path / "note.txt"
    note.write_text("A note kept with its conversation.")
    store = DocumentStore.open(default_path())
    for conversation in (kept, gone):
        await add_file(store, note, f"conversation:{conversation.id}")
    history = HistoryStore.open(default_history_path())
    history.delete_conversation(gone.id)
    history.close()
    store.close()

    services, _, _ = await documents_window(Settings())  # type: ignore[operator]
    await wait_until(lambda: services.document_store.owners() == [f"conversation:{kept.id}"])
