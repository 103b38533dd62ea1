"""Screenshots of documents in the chat (not part of the suite).

    SHOTS=/tmp/shots ptest tests/ui/chat/documents/shoot_documents.py

The composer with two documents (one indexing, one ready), an answer with its Sources,
the passage viewer: at 1180x760 and 1024x640, light and dark.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.chat.documents.indexer import State
from desktop.ui.chat.documents.sources_view import SourcesView
from desktop.ui.theme import apply_theme
from tests.documents.pdf_maker import write_pdf
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat.documents.conftest import embedder_settings, report_pages, settled
from tests.ui.chat.documents.test_ask_documents import LIGHTHOUSE, QUESTION
from tests.ui.chat_fixtures import ask
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))
ANSWER = (
    "The lighthouse on **Corvo Island** is kept by *Amalia Teixeira* [1]. She repaints the "
    "tower every April, before the season's first supply boat arrives [1].\n\n"
    "The report says nothing about who kept it before her."
)


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    folder = Path(os.environ["SHOTS"])
    folder.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    report = write_pdf(tmp_path / "island-report-2025.pdf", report_pages({7: LIGHTHOUSE}))
    notes = tmp_path / "ferry-times.md"
    notes.write_text("# Ferry times\n\nMonday and Thursday, 08:15 from Flores.\n")
    _, window, documents = await documents_window(  # type: ignore[operator]
        embedder_settings(embedding_openai_server)
    )
    pane = window.chat_pane
    app = QApplication.instance()
    pane.draft.add_paths([notes, report])
    await settled(documents)
    # The composer while the report is still indexing (shown as it was at 40 %).
    [note, pdf] = documents.indexer.entries(documents.chips.owner)
    pdf.state, pdf.embedded = State.INDEXING, round(pdf.chunks * 0.4)
    documents.chips.refresh()
    pane.composer.setPlainText(QUESTION)
    for dark in (False, True):
        apply_theme(app, "dark" if dark else "light")  # type: ignore[arg-type]
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            scheme = "dark" if dark else "light"
            window.grab().save(str(folder / f"documents-composer-{width}x{height}-{scheme}.png"))
    pdf.state, pdf.embedded = State.READY, pdf.chunks
    documents.chips.refresh()

    scripted.script([ANSWER])
    await ask(pane, QUESTION)
    bubble = pane.messages.bubbles()[-1]
    await wait_until(lambda: bubble.findChild(SourcesView) is not None)
    await asyncio.sleep(0.8)
    viewer = documents.open_passage(bubble.message_id, 1)
    assert viewer is not None
    await viewer.loaded.wait()
    for dark in (False, True):
        apply_theme(app, "dark" if dark else "light")  # type: ignore[arg-type]
        scheme = "dark" if dark else "light"
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            window.grab().save(str(folder / f"documents-sources-{width}x{height}-{scheme}.png"))
        await asyncio.sleep(0.2)
        viewer.grab().save(str(folder / f"documents-passage-{scheme}.png"))
    listing = documents.open_list()
    await asyncio.sleep(0.2)
    listing.grab().save(str(folder / "documents-list-dark.png"))
    assert note.state is State.READY
