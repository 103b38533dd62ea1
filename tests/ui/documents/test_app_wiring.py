"""The app gives the document library to Settings → Documents, to the chat settings'
Collections row and to the folder settings."""

from __future__ import annotations

from collections.abc import Callable

from desktop.storage.history import HistoryStore, default_history_path
from desktop.ui.chat.sidebar.folder_settings import FolderSettingsDialog
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_until


async def test_the_window_offers_documents_everywhere(
    open_window: Callable[[], MainWindow],
) -> None:
    history = HistoryStore.open(default_history_path())
    work = history.folders.create("Work")
    history.close()
    window = open_window()
    await wait_until(lambda: window.chat_pane is not None)
    assert window.chat_pane.settings_panel.collections.isEnabled()
    page = window.open_settings()
    page.show_section("documents")
    assert page.current_section() == "documents" and page.documents is not None
    window.refresh_conversations()
    dialog = window.conversation_sidebar.folders.open_settings(work.id)
    assert isinstance(dialog, FolderSettingsDialog) and dialog.documents is not None
    dialog.reject()
    await page.idle()


async def test_the_app_menu_opens_both_libraries(
    open_window: Callable[[], MainWindow],
) -> None:
    from desktop.ui.chat.prompts.prompt_library_window import PromptLibraryWindow
    from desktop.ui.documents.library_window import LibraryWindow

    window = open_window()
    await wait_until(lambda: window.chat_pane is not None)
    app_menu = window.menuBar().actions()[0].menu()
    shown = [action.text() for action in app_menu.actions() if action.isVisible()]
    assert "&Prompt library…" in shown and "&Document library…" in shown
    window.libraries.documents.trigger()
    documents = window.findChild(LibraryWindow)
    assert documents is not None and documents.isVisible()
    window.libraries.prompts.trigger()
    prompts = window.findChild(PromptLibraryWindow)
    assert prompts is not None and prompts.isVisible()
    documents.close()
    prompts.close()
