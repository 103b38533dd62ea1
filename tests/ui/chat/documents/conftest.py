"""A real window whose chat answers from the scripted Ollama and whose documents are
embedded by the real MiniLM behind an OpenAI-compatible /v1/embeddings on loopback."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import AppServices
from desktop.core.provider_config import ProviderConfig
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.ui.chat.documents.chat_documents import ChatDocuments
from desktop.ui.chat.documents.indexer import DocEntry, State
from desktop.ui.shell.main_window import MainWindow
from tests.servers.embedding_fixtures import OPENAI_MINILM
from tests.servers.openai_server import OpenAIServer
from tests.ui.chat_fixtures import SCRIPTED
from tests.ui.conftest import wait_until

EMBEDDER_ID = "minilm"

# Filler that reads like a report and says nothing about the questions asked.
FILLER = (
    "The committee reviewed the schedule for section {n} and agreed to revisit the figures "
    "at the next meeting, noting that item {k} depends on supplier quotes still outstanding."
)


def report_pages(facts: dict[int, str], pages: int = 12, lines: int = 48) -> list[list[str]]:
    """``pages`` pages of filler, with ``facts[page]`` as a line of that page (1-based)."""
    out = []
    for page in range(1, pages + 1):
        body = [FILLER.format(n=page, k=line)[:95] for line in range(lines)]
        if page in facts:
            body[lines // 2] = facts[page]
        out.append(body)
    return out


def embedder_settings(server: OpenAIServer, model: str = OPENAI_MINILM) -> Settings:
    provider = ProviderConfig(
        id=EMBEDDER_ID, preset="custom", name="MiniLM", base_url=server.url + "/v1"
    )
    return Settings(providers=[provider], embedding_provider=EMBEDDER_ID, embedding_model=model)


Opened = tuple[AppServices, MainWindow, ChatDocuments]


@pytest.fixture
async def documents_window(qtbot: object) -> AsyncIterator[Callable[..., object]]:
    """Factory: ``await open_(settings)`` saves ``settings``, opens the app's window on
    the scripted model and returns (services, window, the chat's documents)."""
    opened: list[tuple[AppServices, MainWindow]] = []
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    quits = application.quitOnLastWindowClosed()
    application.setQuitOnLastWindowClosed(False)  # as main() does: the loop outlives it

    async def open_(settings: Settings | None = None) -> Opened:
        if settings is not None:
            SettingsStore(default_settings_path()).save(settings)
        services = AppServices.create()
        window = services.build_window()
        opened.append((services, window))
        window.resize(1180, 760)
        window.show()
        pane = window.chat_pane
        await wait_until(lambda: SCRIPTED in pane.available_models())
        pane.set_model(SCRIPTED)
        assert services.chat_documents is not None
        return services, window, services.chat_documents

    yield open_
    try:
        for services, window in opened:
            window.close()
            if services.chat_documents is not None:  # not closed by the test itself
                await services.aclose()
            window.deleteLater()
    finally:
        application.setQuitOnLastWindowClosed(quits)


async def settled(
    documents: ChatDocuments, owner: str | None = None, timeout: float = 120
) -> list[DocEntry]:
    """The owner's documents once none is being read or indexed."""
    owner = owner or documents.chips.owner

    def done() -> bool:
        entries = documents.indexer.entries(owner)
        return bool(entries) and not documents.indexer.busy(owner)

    try:
        await wait_until(done, timeout)
    except AssertionError:
        raise AssertionError(f"not settled: {documents.indexer.entries(owner)}") from None
    return documents.indexer.entries(owner)


def counts(path: Path, document_id: int) -> tuple[int, int, int]:
    """(chunks, distinct ordinals, vectors) of a stored document, read by plain SQLite."""
    with closing(sqlite3.connect(path)) as db:
        chunks, ordinals = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT ordinal) FROM chunks WHERE document_id = ?",
            (document_id,),
        ).fetchone()
        vectors = db.execute(
            "SELECT COUNT(*) FROM chunk_vectors WHERE document_id = ?", (document_id,)
        ).fetchone()[0]
    return int(chunks), int(ordinals), int(vectors)


def ready(entry: DocEntry) -> bool:
    return entry.state is State.READY
