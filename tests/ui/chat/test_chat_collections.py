"""A conversation draws on document collections ticked in its chat settings: the choice is
saved in its parameters, shown again when it is opened, and a deleted collection drops out."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from desktop.providers.http_client import make_http_client
from desktop.services.embedder_choice import EmbedderChoice
from desktop.storage.document_store import DocumentStore
from desktop.storage.settings import Settings
from desktop.ui.documents.library import DocumentLibrary
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.tasks import TaskOwner
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat_fixtures import ask, ready_pane


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[DocumentLibrary]:
    store = DocumentStore.open(tmp_path / "documents.sqlite3")
    http = make_http_client()  # never used: nothing is embedded here

    async def no_keys() -> object:
        raise AssertionError("no key is needed")

    choice = EmbedderChoice(Settings(), http, no_keys)  # type: ignore[arg-type]
    made = DocumentLibrary(store, choice, TaskOwner())
    yield made
    made.close()
    store.close()
    await http.aclose()


async def test_a_ticked_collection_is_kept_in_the_conversation(
    open_window: Callable[[], MainWindow], scripted: ScriptedOllama, library: DocumentLibrary
) -> None:
    manuals = library.create_collection("Manuals")
    papers = library.create_collection("Papers")
    pane = await ready_pane(open_window)
    pane.settings_panel.use_documents(library)
    chooser = pane.settings_panel.collections
    assert chooser.text() == "None"
    scripted.script(["Hello."])
    await ask(pane, "Hi")
    conversation = pane.conversation_id
    assert conversation is not None

    chooser.menu_.aboutToShow.emit()  # as when its menu opens
    [entry] = [a for a in chooser.menu_.actions() if a.text() == "Papers"]
    entry.setChecked(True)
    assert chooser.text() == "Papers"
    assert pane.session.parameters().collections == (str(papers.id),)

    pane.new_conversation()
    assert chooser.text() == "None"
    pane.open_conversation(conversation)
    assert chooser.text() == "Papers"  # read back from the history
    assert pane.settings_panel.parameters().collections == (str(papers.id),)

    await library.delete_owner(papers.owner, papers.id)
    assert chooser.text() == "None"
    assert pane.settings_panel.parameters().collections is None
    assert manuals in library.all_collections()
