"""Bad input, each a clear message on its chip and nothing half-indexed left; embedder
problems; Cancel and Resume; the server going down mid-way; removing a document."""

from __future__ import annotations

from pathlib import Path

from desktop.core.provider_config import ProviderConfig
from desktop.ui.chat.documents.chat_documents import DRAFT_OWNER
from desktop.ui.chat.documents.indexer import Needs, State
from desktop.ui.strings import translated
from tests.documents.pdf_maker import write_locked_pdf, write_pdf
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat.documents.conftest import (
    counts,
    embedder_settings,
    ready,
    report_pages,
    settled,
)
from tests.ui.conftest import wait_until


def note(entry: object) -> str:
    return translated(entry.note)  # type: ignore[attr-defined]


async def test_bad_files_each_say_why_and_leave_nothing_stored(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    scanned = write_pdf(tmp_path / "scan.pdf", [None, None, None])
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # sparse: 500 MB that take no disk
        stream.truncate(500 * 1024 * 1024)
    archive = tmp_path / "photos.zip"
    archive.write_bytes(b"PK\x03\x04" + bytes(200))
    files = [write_locked_pdf(tmp_path), scanned, huge, archive]
    services, window, documents = await documents_window(  # type: ignore[operator]
        embedder_settings(embedding_openai_server)
    )
    window.chat_pane.draft.add_paths(files)
    entries = await settled(documents, DRAFT_OWNER)
    said = {entry.name: note(entry) for entry in entries}
    assert all(entry.state is State.PROBLEM for entry in entries), said
    assert "locked.pdf is protected by a password" in said["locked.pdf"]
    assert "no text to read on any of its 3 pages" in said["scan.pdf"]
    assert "OCR" in said["scan.pdf"]
    assert "huge.txt is 500 MB" in said["huge.txt"]
    assert "zip archive" in said["photos.zip"]
    notes = documents.chips.notes_text()
    assert all(name in notes for name in said)  # shown under the chips
    assert services.document_store.documents(DRAFT_OWNER) == []
    assert window.chat_pane.draft.images == ()  # none was taken for a picture


async def test_embedder_problems_are_said_with_the_way_out(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    pdf = write_pdf(tmp_path / "report.pdf", report_pages({}, pages=8))  # too long to go whole
    small = tmp_path / "note.md"
    small.write_text("# Note\n\nShort enough to send whole.\n")
    settings = embedder_settings(embedding_openai_server, model="text-embedding-9")  # not there
    services, window, documents = await documents_window(settings)  # type: ignore[operator]
    pane = window.chat_pane
    pane.draft.add_paths([pdf])
    [entry] = await settled(documents, DRAFT_OWNER)
    assert entry.state is State.PROBLEM and entry.needs is Needs.SETTINGS
    chunks, _, vectors = counts(services.document_store.path, entry.document_id)
    assert chunks > 0 and vectors == 0  # read and kept; waiting for a model

    services.settings.embedding_model = "gpt-test"  # a chat model
    documents.indexer.resume(entry.key)
    [entry] = await settled(documents, DRAFT_OWNER)
    assert "chat model" in note(entry) and entry.needs is Needs.SETTINGS

    services.settings.embedding_model = ""  # none chosen: said, with a link to Settings
    documents.indexer.resume(entry.key)
    pane.draft.add_paths([small])
    entries = await settled(documents, DRAFT_OWNER)
    said = {e.name: (e.state, note(e)) for e in entries}
    assert said["report.pdf"][0] is State.WAITING
    assert "no embedding model is chosen" in said["report.pdf"][1]
    assert said["note.md"][0] is State.READY  # usable whole
    assert "Sent whole while it fits" in said["note.md"][1]
    asked: list[bool] = []
    documents.settingsRequested.connect(lambda: asked.append(True))
    documents.chips.notes.linkActivated.emit(f"settings:{entry.key}")
    assert asked == [True]
    await wait_until(lambda: window.current_page() == "settings")


async def test_a_remote_embedder_is_asked_about_before_any_text_is_sent(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    pdf = write_pdf(tmp_path / "report.pdf", report_pages({}, pages=2))
    settings = embedder_settings(embedding_openai_server)
    # Reached through a name that is not this machine's: Parley takes it as remote.
    remote = ProviderConfig(
        id="minilm",
        preset="custom",
        name="Lab server",
        # 0.0.0.0 is not a loopback address, though Linux delivers it to this machine.
        base_url=embedding_openai_server.url.replace("127.0.0.1", "0.0.0.0") + "/v1",
    )
    settings.providers = [remote]
    services, window, documents = await documents_window(settings)  # type: ignore[operator]
    window.chat_pane.draft.add_paths([pdf])
    [entry] = await settled(documents, DRAFT_OWNER)
    assert entry.state is State.WAITING and entry.needs is Needs.CONSENT
    assert "not this computer" in note(entry) and "Lab server" in note(entry)
    assert embedding_openai_server.requests_to("/v1/embeddings") == []
    assert "Allow" in documents.chips.notes_text()

    documents.chips.notes.linkActivated.emit(f"consent:{entry.key}")  # the person allows
    [entry] = await settled(documents, DRAFT_OWNER)
    assert ready(entry), note(entry)
    assert services.settings.embedding_remote_consent == ["minilm"]  # asked once, remembered
    assert embedding_openai_server.requests_to("/v1/embeddings")


async def test_cancel_then_resume_and_a_server_gone_mid_way_leave_no_duplicates(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    pdf = write_pdf(tmp_path / "long.pdf", report_pages({}, pages=10))
    services, window, documents = await documents_window(  # type: ignore[operator]
        embedder_settings(embedding_openai_server)
    )
    indexer = documents.indexer
    window.chat_pane.draft.add_paths([pdf])
    await wait_until(
        lambda: indexer.entries(DRAFT_OWNER) and indexer.entries(DRAFT_OWNER)[0].embedded > 0, 60
    )
    [entry] = indexer.entries(DRAFT_OWNER)
    indexer.cancel(entry.key)
    [entry] = await settled(documents, DRAFT_OWNER)
    assert entry.state is State.PAUSED and 0 < entry.embedded < entry.chunks
    window_list = documents.open_list()
    [row] = window_list.rows
    assert row.resume_button.isVisibleTo(window_list) and not row.cancel_button.isVisibleTo(
        window_list
    )
    row.resume_button.click()

    # The server goes away after a batch or two: said, with Resume; what was saved stays.
    start = entry.embedded
    await wait_until(lambda: indexer.entries(DRAFT_OWNER)[0].embedded > start, 60)
    embedding_openai_server.inject("/v1/embeddings", status=503, body={"error": "down"})
    [entry] = await settled(documents, DRAFT_OWNER)
    assert entry.state is State.PROBLEM and entry.needs is Needs.RESUME
    assert entry.embedded < entry.chunks
    embedding_openai_server.clear_faults()
    documents.chips.notes.linkActivated.emit(f"resume:{entry.key}")
    await wait_until(lambda: indexer.entries(DRAFT_OWNER)[0].state is State.INDEXING)
    [entry] = await settled(documents, DRAFT_OWNER)
    assert ready(entry)
    chunks, ordinals, vectors = counts(services.document_store.path, entry.document_id)
    assert chunks == ordinals == vectors == entry.chunks  # each chunk once, each embedded once

    # Removing the document removes its chunks and vectors.
    documents.open_list().rows[0].remove_button.click()
    await wait_until(lambda: counts(services.document_store.path, entry.document_id) == (0, 0, 0))
    assert indexer.entries(DRAFT_OWNER) == []
    assert not documents.chips.isVisible()
