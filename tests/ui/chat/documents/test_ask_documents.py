"""Attach → index → ask → cite, through the real window: a generated multi-page PDF is
embedded by the real MiniLM, the question's request carries the right page's passage,
the answer's Sources name that page and its [1] opens the passage; a small text file goes
whole; sources survive a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.chat.documents.chat_documents import DRAFT_OWNER
from desktop.ui.chat.documents.sources_view import SourcesView, source_url
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.theme import apply_theme, is_dark
from tests.documents.pdf_maker import write_pdf
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat.composer.test_attachments import drop, files_mime
from tests.ui.chat.documents.conftest import (
    counts,
    embedder_settings,
    ready,
    report_pages,
    settled,
)
from tests.ui.chat_fixtures import ask
from tests.ui.conftest import wait_until

LIGHTHOUSE = (
    "The lighthouse on Corvo Island is kept by Amalia Teixeira, who repaints it each April."
)
QUESTION = "Who keeps the lighthouse on Corvo Island?"


def system_text(body: dict[str, object]) -> str:
    messages = body["messages"]
    assert isinstance(messages, list)
    return "\n".join(m["content"] for m in messages if m["role"] == "system")


def citation_colour(bubble: MessageBubble) -> QColor | None:
    """The colour of the first citation link drawn in the answer."""
    for page in bubble.body.pages():
        if page.view is None:
            continue
        block = page.view.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                form = iterator.fragment().charFormat()
                if form.anchorHref().startswith("parley-source:"):
                    return form.foreground().color()
                iterator += 1
            block = block.next()
    return None


def answer_bubbles(window: object) -> list[MessageBubble]:
    pane = window.chat_pane  # type: ignore[attr-defined]
    return [b for b in pane.messages.bubbles() if b.role.value == "assistant"]


async def test_a_pdf_is_indexed_then_its_page_is_sent_and_cited(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    pdf = write_pdf(
        tmp_path / "annual-report.pdf", report_pages({7: LIGHTHOUSE}, pages=8, lines=36)
    )
    services, window, documents = await documents_window(embedder_settings(embedding_openai_server))  # type: ignore[operator]
    pane = window.chat_pane
    seen: list[int] = []
    documents.indexer.changed.connect(
        lambda owner: seen.extend(e.percent for e in documents.indexer.entries(owner))
    )
    pane.draft.add_paths([pdf])  # what the attach button, a drop and a paste do
    [entry] = await settled(documents, DRAFT_OWNER)
    assert ready(entry), entry.note
    assert entry.pages == 8 and entry.chunks > 1
    assert any(0 < percent < 100 for percent in seen), seen  # progress was shown
    chip = documents.chips.chips[entry.key]
    assert chip.name.text() == "annual-report.pdf"
    assert "8 pages" in chip.detail.text() and "ready" in chip.detail.text()

    scripted.script(["Amalia Teixeira keeps it [1]."])
    await ask(pane, QUESTION)
    conversation_id = pane.conversation_id
    assert conversation_id is not None
    assert documents.indexer.entries(DRAFT_OWNER) == []  # now the conversation's
    sent = system_text(scripted.chat_bodies()[-1])
    assert "Amalia Teixeira" in sent and "[1] annual-report.pdf, p. 7" in sent
    user = [m for m in scripted.chat_bodies()[-1]["messages"] if m["role"] == "user"]
    assert user[-1]["content"] == QUESTION  # the history keeps what the person wrote

    bubble = answer_bubbles(window)[-1]
    await wait_until(lambda: bubble.findChild(SourcesView) is not None)
    sources = bubble.findChild(SourcesView)
    assert "retrieved passages" in sources.heading.text()
    assert "[1] annual-report.pdf, p. 7" in sources.list.text()
    record = services.history.answer_sources.of(bubble.message_id)
    assert record is not None and record.mode == "retrieved"
    assert record.sources[0].page == 7 and record.sources[0].document_id == entry.document_id
    assert bubble.text() == "Amalia Teixeira keeps it [1]."  # Copy copies what was sent

    # [1] in the drawn answer is a link; following it opens the passage.
    def drawn_html() -> str:
        return "".join(p.view.toHtml() for p in bubble.body.pages() if p.view is not None)

    await wait_until(lambda: source_url(bubble.message_id, 1) in drawn_html())
    QDesktopServices.openUrl(QUrl(source_url(bubble.message_id, 1)))
    viewer = documents.viewer
    assert viewer is not None
    await viewer.loaded.wait()
    assert "page 7" in viewer.where.text().lower() or "Page 7" in viewer.where.text()
    assert LIGHTHOUSE in viewer.text.toPlainText()
    assert viewer.text.textCursor().position() > 0  # scrolled to the passage
    _, _, vectors = counts(services.document_store.path, entry.document_id)
    assert vectors == entry.chunks


async def test_a_small_text_is_sent_whole_and_its_sources_survive_a_restart(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    notes = tmp_path / "packing.txt"
    notes.write_text("Packing list for Lisbon:\n\n- passport\n- blue raincoat\n- adapter plug\n")
    settings = embedder_settings(embedding_openai_server)
    services, window, documents = await documents_window(settings)  # type: ignore[operator]
    pane = window.chat_pane
    assert drop(pane.empty_state, files_mime(notes))  # dropped on the new chat
    [entry] = await settled(documents, DRAFT_OWNER)
    assert ready(entry)
    scripted.script(["Take the blue raincoat [1]."])
    await ask(pane, "What coat should I pack?")
    sent = system_text(scripted.chat_bodies()[-1])
    assert "- blue raincoat\n- adapter plug" in sent  # the whole text
    bubble = answer_bubbles(window)[-1]
    await wait_until(lambda: bubble.findChild(SourcesView) is not None)
    heading = bubble.findChild(SourcesView).heading.text()
    assert "whole documents" in heading

    # Light and dark switch: the [1] link takes the new link colour.
    app = QApplication.instance()
    was_dark = is_dark(app)
    await wait_until(lambda: citation_colour(bubble) is not None)
    before = citation_colour(bubble)
    try:
        apply_theme(app, "light" if was_dark else "dark")
        await wait_until(lambda: citation_colour(bubble) != before)
        assert citation_colour(bubble) == bubble.body.palette().color(QPalette.ColorRole.Link)
    finally:
        apply_theme(app, "dark" if was_dark else "light")
    conversation_id, message_id = pane.conversation_id, bubble.message_id

    # Another window on the same files: the answer still shows its sources.
    window.close()
    await services.aclose()
    services.chat_documents = None  # closed
    services, window, documents = await documents_window()  # type: ignore[operator]
    window.chat_pane.open_conversation(conversation_id)
    await wait_until(lambda: answer_bubbles(window))
    bubble = answer_bubbles(window)[-1]
    assert bubble.message_id == message_id
    view = bubble.findChild(SourcesView)
    assert view is not None and "whole documents" in view.heading.text()
    assert "[1] packing.txt" in view.list.text()
    assert [e.name for e in documents.indexer.entries(documents.chips.owner)] == ["packing.txt"]


async def test_a_document_added_to_a_new_chat_shows_in_the_context_meter(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Packing list for Lisbon: passport, blue raincoat, adapter plug.\n" * 40)
    settings = embedder_settings(embedding_openai_server)
    _, window, documents = await documents_window(settings)  # type: ignore[operator]
    meter = window.chat_pane.meter
    await wait_until(lambda: meter.usage is not None)
    before = meter.usage.used
    assert drop(window.chat_pane.empty_state, files_mime(notes))
    await settled(documents, DRAFT_OWNER)
    await wait_until(lambda: meter.documents is not None)
    tokens = meter.documents[0]
    assert abs(tokens - len(notes.read_text()) / 3) < 5  # its text, about 3 characters a token
    assert meter.usage.used == before + tokens
    assert "documents go whole" in meter.toolTip()
