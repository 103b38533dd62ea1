"""A document library on real services: the test Ollama server's real MiniLM (twice, under
two names, so a model can be changed) and a chat model, a real documents file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.providers.http_client import make_http_client
from desktop.services.embedder_choice import EmbedderChoice
from desktop.storage.document_store import DocumentStore
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.ui.documents.library import DocumentLibrary
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.tasks import TaskOwner
from tests.servers.embedding_fixtures import MINILM
from tests.servers.fixtures import TINY
from tests.servers.model_store import ModelName
from tests.servers.ollama_server import OllamaServer

SECOND = "minilm-again:latest"


@dataclass
class Services:
    settings: Settings
    store: SettingsStore
    registry: ProviderRegistry
    tasks: TaskOwner
    documents: DocumentStore
    library: DocumentLibrary


def notes(path: Path, words: str, paragraphs: int = 12) -> Path:
    """A Markdown file of several sections (several passages)."""
    path.write_text(
        "\n\n".join(f"# Part {n}\n\n{words} number {n}. " * 6 for n in range(paragraphs)),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def library_server(embedding_ollama_server: OllamaServer, minilm_model_path: Path) -> OllamaServer:
    """The module's server with a second embedding model and an installed chat model."""
    server = embedding_ollama_server
    if server.store.get(ModelName.parse(SECOND)) is None:  # type: ignore[arg-type]
        server.publish(SECOND, minilm_model_path, capabilities=("embedding",))
        server.install(SECOND)
        server.install(TINY)
    return server


@pytest.fixture
async def services(
    library_server: OllamaServer, tmp_path: Path
) -> AsyncIterator[Callable[..., Services]]:
    http = make_http_client()
    made: list[Services] = []

    def factory(**fields: object) -> Services:
        store = SettingsStore(default_settings_path())
        settings = store.load()
        settings.ollama_host = library_server.url
        settings.embedding_model = MINILM
        for name, value in fields.items():
            setattr(settings, name, value)
        registry = ProviderRegistry(settings, http)
        tasks = TaskOwner()
        tasks.spawn(registry.rebuild())
        documents = DocumentStore.open(tmp_path / f"documents{len(made)}.sqlite3")
        choice = EmbedderChoice(settings, http, registry.secrets)
        library = DocumentLibrary(documents, choice, tasks)
        made.append(Services(settings, store, registry, tasks, documents, library))
        return made[-1]

    yield factory
    for opened in made:
        await opened.tasks.cancel_all()
        await opened.registry.aclose()
        opened.library.close()
        opened.documents.close()
    await http.aclose()
