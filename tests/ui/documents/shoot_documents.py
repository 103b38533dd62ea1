"""Screenshots of the documents surfaces (not part of the suite): Settings → Documents, the
library window, the re-embed question, the folder settings with documents, and the chat
settings' Collections row.

SHOTS=/tmp/shots ptest tests/ui/documents/shoot_documents.py
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from desktop.app import AppServices
from desktop.documents.owners import folder_owner
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.settings import SettingsStore, default_settings_path
from desktop.ui.documents.library_window import show_library
from tests.servers.embedding_fixtures import MINILM
from tests.servers.ollama_server import OllamaServer
from tests.ui.conftest import wait_until
from tests.ui.documents.library_fixtures import SECOND, notes

SIZES = ((1180, 760), (1024, 640))


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(
    qtbot: object, library_server: OllamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(os.environ["SHOTS"])
    os.makedirs(folder, exist_ok=True)
    monkeypatch.setenv("OLLAMA_HOST", library_server.url)
    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.embedding_model = MINILM
    store.save(settings)
    with HistoryStore.open(default_history_path()) as history:
        work = history.folders.create("Quarterly report")
        history.create_conversation("Budget questions", MINILM)
    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(*SIZES[0])
    window.show()
    library = window._documents
    assert library is not None
    manuals = library.create_collection("Appliance manuals")
    library.create_collection("Research papers")
    library.create_collection("Tax 2026")
    await library.add_files(
        manuals.owner,
        [
            notes(tmp_path / "oven-manual.md", "oven cleaning and the pyrolytic cycle"),
            notes(tmp_path / "dishwasher.md", "dishwasher filters", 30),
            notes(tmp_path / "fridge-guide.md", "fridge temperature", 6),
        ],
    )
    await library.add_files(folder_owner(work.id), [notes(tmp_path / "q3-plan.md", "plan")])

    page = window.open_settings()
    page.show_section("documents")
    section = page.documents
    assert section is not None
    await wait_until(lambda: section.embedding.model.count() == 2)
    section.embedding.run_check()
    await wait_until(lambda: section.embedding.result.property("state") == "ok")
    await wait_until(lambda: "documents" in section.facts.text())
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        scheme = "dark" if dark else "light"
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            window.grab().save(str(folder / f"settings-documents-{width}x{height}-{scheme}.png"))

        libwin = show_library(library, window)
        libwin.resize(900, 560)
        await wait_until(lambda: libwin.documents.list.count() == 3)  # noqa: B023 (awaited here)
        await asyncio.sleep(0.3)
        libwin.grab().save(str(folder / f"library-{scheme}.png"))
        libwin.resize(720, 480)
        await asyncio.sleep(0.3)
        libwin.grab().save(str(folder / f"library-small-{scheme}.png"))
        libwin.hide()

        section.embedding.model.setCurrentText(SECOND)
        section.choose("ollama", SECOND)
        await wait_until(lambda: section.dialog is not None and section.dialog.isVisible())
        assert section.dialog is not None
        await asyncio.sleep(0.2)
        section.dialog.grab().save(str(folder / f"reembed-{scheme}.png"))
        section.dialog.reject()
        section.dialog = None

        window.show_page("chats")
        window.refresh_conversations()
        dialog = window.conversation_sidebar.folders.open_settings(work.id)
        assert dialog is not None
        await asyncio.sleep(0.4)
        dialog.grab().save(str(folder / f"folder-settings-{scheme}.png"))
        dialog.reject()
        window.chat_pane.settings_button.setChecked(True)
        window.chat_pane.settings_panel.collections.set_chosen(manuals.id, True)
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            window.grab().save(str(folder / f"chat-collections-{width}x{height}-{scheme}.png"))
        window.chat_pane.settings_button.setChecked(False)
        window.show_page("settings")
    window.show_page("settings")
    window.resize(*SIZES[1])
    heard: list[int] = []
    library.reembedding.connect(lambda progress: heard.append(progress.chunks_done))
    section.choose("ollama", SECOND)
    await wait_until(lambda: section.dialog is not None and section.dialog.isVisible())
    assert section.dialog is not None
    section.dialog.accept()
    await wait_until(lambda: any(done > 0 for done in heard), timeout=30)
    await asyncio.sleep(0.2)
    window.grab().save(str(folder / "settings-documents-reembedding-dark.png"))
    section.stop.click()
    await wait_until(lambda: section.resume.isVisible(), timeout=30)
    await asyncio.sleep(0.2)
    window.grab().save(str(folder / "settings-documents-stopped-dark.png"))
    await page.idle()
    await services.aclose()


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot_remote(qtbot: object, library_server: OllamaServer) -> None:
    """The notice for a provider off this computer; the page is drawn without being shown,
    so nothing asks the (made-up) remote service for its models."""
    from desktop.core.provider_config import ProviderConfig
    from desktop.ui.settings.settings_page import SettingsPage
    from desktop.ui.tasks import TaskOwner

    folder = Path(os.environ["SHOTS"])
    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.ollama_host = library_server.url
    settings.providers = [
        ProviderConfig(
            id="cloud", preset="openai", name="OpenAI", base_url="https://api.openai.com/v1"
        )
    ]
    store.save(settings)
    services = AppServices.create()
    tasks = TaskOwner()
    await services.providers.rebuild()
    window = services.build_window()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    library = window._documents
    assert library is not None
    page = SettingsPage(services.providers, store, tasks, documents=library)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show_section("documents")
    section = page.documents
    assert section is not None
    box = section.embedding
    box.provider.setCurrentIndex(box.provider.findData("cloud"))
    box.model.setCurrentText("text-embedding-3-small")
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        page.resize(1108, 640)
        await asyncio.sleep(0.2)
        page.grab().save(
            str(folder / f"settings-documents-remote-{'dark' if dark else 'light'}.png")
        )
    await tasks.cancel_all()
    await services.aclose()
