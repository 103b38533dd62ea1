"""The document library joined to the window: Settings → Documents, the chat settings'
Collections row, the folder settings' documents, and Pull for an embedding model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.documents.library import DocumentLibrary

if TYPE_CHECKING:
    from desktop.core.pull_manager import PullManager
    from desktop.services.embedder_choice import EmbedderChoice
    from desktop.storage.document_store import DocumentStore
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.tasks import TaskOwner


def use_library(
    window: MainWindow,
    store: DocumentStore,
    choice: EmbedderChoice,
    tasks: TaskOwner,
    pulls: PullManager | None = None,
) -> DocumentLibrary:
    library = DocumentLibrary(store, choice, tasks, parent=window)
    if pulls is not None:
        library.pull = pulls.add
    window.set_documents(library)
    window.chat_pane.settings_panel.use_documents(library)
    window.conversation_sidebar.folders.documents = library
    collections = library.collections  # its own connection to the documents file
    window.destroyed.connect(lambda *_: collections.close())
    return library
