"""A folder's documents (#20 item 1): added in its settings, embedded with the real MiniLM
under the folder's owner, a persona filling its prompt, and deleted with the folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.documents.owners import folder_owner
from desktop.storage.history import HistoryStore
from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
from desktop.ui.chat.sidebar.folder_settings import FolderSettingsDialog
from tests.servers.embedding_fixtures import MINILM
from tests.ui.conftest import wait_until
from tests.ui.documents.library_fixtures import Services, notes

MakeServices = Callable[..., Services]


async def test_a_folder_document_is_stored_under_the_folder_and_goes_with_it(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    made = services()
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    work = store.folders.create("Work")
    sidebar = ConversationSidebar(store, made.tasks)
    qtbot.addWidget(sidebar)  # type: ignore[attr-defined]
    sidebar.folders.documents = made.library
    sidebar.reload(None)
    sidebar.show()
    await wait_until(lambda: sidebar.list.painted)

    dialog = sidebar.folders.open_settings(work.id)
    assert isinstance(dialog, FolderSettingsDialog) and dialog.documents is not None
    assert dialog.documents.empty.isVisible()
    await dialog.documents.add_paths([notes(tmp_path / "plan.md", "quarterly plan")])
    [document] = made.documents.documents(folder_owner(work.id))
    assert document.name == "plan.md" and document.complete
    assert document.embed_model == MINILM
    await wait_until(lambda: dialog.documents is not None and dialog.documents.list.count() == 1)

    personas = [dialog.persona.itemText(i) for i in range(dialog.persona.count())]
    dialog.persona.setCurrentIndex(1)
    dialog.persona.activated.emit(1)
    assert dialog.prompt.toPlainText()  # the persona's text fills the folder's prompt
    assert len(personas) > 2
    dialog.save()
    assert store.folders.get(work.id).system_prompt == dialog.prompt.toPlainText().strip()  # type: ignore[union-attr]

    ask = sidebar.folders.ask_delete(work.id)  # as its menu's Delete or the Delete key
    assert ask is not None
    assert "passages and embeddings, are deleted too" in ask.informativeText()
    next(b for b in ask.buttons() if b.text() == "Delete folder").click()
    await wait_until(lambda: made.documents.documents() == [])
    chunks = made.documents._conn.execute("SELECT COUNT(*) FROM chunk_vectors").fetchone()[0]
    assert chunks == 0
    store.close()
