"""Settings → Documents on real services: only embedding models listed, Check against the
real MiniLM, the remote notice, and a model change that asks before re-embedding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.provider_config import ProviderConfig
from desktop.documents.owners import folder_owner
from desktop.ui.settings.settings_page import SettingsPage
from tests.servers.embedding_fixtures import MINILM
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.ui.conftest import wait_until
from tests.ui.documents.library_fixtures import SECOND, Services, notes

MakeServices = Callable[..., Services]


def settings_page(qtbot: object, made: Services, *, show: bool = True) -> SettingsPage:
    page = SettingsPage(made.registry, made.store, made.tasks, documents=made.library)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.resize(1108, 760)
    page.show_section("documents")
    if show:
        page.show()
    return page


def listed(page: SettingsPage) -> list[str]:
    assert page.documents is not None
    box = page.documents.embedding.model
    return [box.itemText(i) for i in range(box.count())]


async def test_only_embedding_models_are_listed_and_check_says_the_dimension(
    qtbot: object, services: MakeServices
) -> None:
    made = services()
    await wait_until(lambda: made.registry.built)
    page = settings_page(qtbot, made)
    assert page.documents is not None
    box = page.documents.embedding
    await wait_until(lambda: len(listed(page)) == 2)
    assert sorted(listed(page)) == sorted([MINILM, SECOND])  # the chat model is not offered
    assert box.model.currentText() == MINILM

    QTest.mouseClick(box.check, Qt.MouseButton.LeftButton)
    await wait_until(lambda: box.result.property("state") == "ok")
    assert "384 dimensions" in box.result.text()

    box.model.setCurrentText(TINY)  # typed: a chat model
    QTest.mouseClick(box.check, Qt.MouseButton.LeftButton)
    await wait_until(lambda: box.result.property("state") == "error")
    assert f"{TINY} is a chat model" in box.result.text()
    assert made.settings.embedding_model == MINILM  # a check saves nothing
    QTest.mouseClick(box.use, Qt.MouseButton.LeftButton)  # nor can it be chosen
    await page.idle()
    assert f"{TINY} is a chat model" in box.result.text()
    assert made.settings.embedding_model == MINILM and page.documents.dialog is None
    await page.idle()


async def test_a_remote_provider_says_documents_leave_the_computer(
    qtbot: object, services: MakeServices
) -> None:
    remote = ProviderConfig(
        id="cloud", preset="openai", name="Cloud embeddings", base_url="https://api.example.com/v1"
    )
    made = services(providers=[remote])
    await wait_until(lambda: made.registry.built)
    page = settings_page(qtbot, made, show=False)  # nothing is asked of the remote server
    assert page.documents is not None
    box = page.documents.embedding
    assert box.remote.isHidden()  # the local Ollama
    box.provider.setCurrentIndex(box.provider.findData("cloud"))
    box.model.setCurrentText("text-embedding-3-small")
    assert not box.remote.isHidden()
    assert "chunks of your documents" in box.remote.text()
    assert "Cloud embeddings" in box.remote.text()
    assert not box.allow.isChecked()
    assert not box.check.isEnabled()  # not even one word goes there before consent
    box.allow.setChecked(True)
    assert made.settings.embedding_remote_consent == ["cloud"]
    assert box.check.isEnabled()


async def test_changing_the_model_asks_first_with_the_cost(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    made = services()
    await wait_until(lambda: made.registry.built)
    owner = folder_owner(1)
    await made.library.add_files(owner, [notes(tmp_path / "a.md", "alpha")])
    [document] = made.documents.documents(owner)
    assert document.complete and document.embed_model == MINILM
    page = settings_page(qtbot, made)
    assert page.documents is not None
    section = page.documents
    box = section.embedding
    await wait_until(lambda: len(listed(page)) == 2)

    made.library.rate = None  # no run measured yet: the new model is timed on a sample
    box.model.setCurrentText(SECOND)
    QTest.mouseClick(box.use, Qt.MouseButton.LeftButton)
    await wait_until(lambda: section.dialog is not None and section.dialog.isVisible())
    dialog = section.dialog
    assert dialog is not None
    text = dialog.counts.text()
    assert "1 document" in text and f"{document.chunks} passages" in text and "tokens" in text
    assert "At the pace measured on this computer: about" in text
    assert made.documents.documents(owner)[0].embed_model == MINILM  # timing stores nothing
    dialog.reject()  # No: the old model stays
    assert made.settings.embedding_model == MINILM
    assert box.model.currentText() == MINILM
    assert made.documents.documents(owner)[0].embed_model == MINILM

    box.model.setCurrentText(SECOND)
    QTest.mouseClick(box.use, Qt.MouseButton.LeftButton)
    await wait_until(lambda: section.dialog is not dialog and section.dialog is not None)
    assert section.dialog is not None
    section.dialog.accept()
    assert made.settings.embedding_model == SECOND
    await wait_until(lambda: made.documents.documents(owner)[0].embed_model == SECOND)
    await wait_until(lambda: not made.library.reembedding_now)
    again = made.documents.documents(owner)[0]
    assert again.complete and again.chunks == document.chunks
    await page.idle()


async def test_re_embedding_stops_and_continues_where_it_stopped(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    made = services()
    await wait_until(lambda: made.registry.built)
    owner = folder_owner(2)
    files = [notes(tmp_path / f"{n}.md", f"subject {n}", 20) for n in range(2)]
    await made.library.add_files(owner, files)
    chunks = sum(d.chunks for d in made.documents.documents(owner))
    assert made.library.rate is not None  # the pace of that run, for the estimate
    page = settings_page(qtbot, made)
    assert page.documents is not None
    section = page.documents
    await wait_until(lambda: len(listed(page)) == 2)
    heard: list[int] = []
    made.library.reembedding.connect(lambda progress: heard.append(progress.chunks_done))

    section.choose("ollama", SECOND)
    await wait_until(lambda: section.dialog is not None and section.dialog.isVisible())
    assert section.dialog is not None
    assert "At the pace measured on this computer: about" in section.dialog.counts.text()
    section.dialog.accept()
    await wait_until(lambda: any(done > 0 for done in heard), timeout=30)
    assert section.stop.isVisible() and section.progress.isVisible()
    QTest.mouseClick(section.stop, Qt.MouseButton.LeftButton)
    await wait_until(lambda: section.resume.isVisible(), timeout=30)
    halfway = made.documents.documents(owner)
    assert sum(d.embedded for d in halfway if d.embed_model == SECOND) < chunks
    assert "found by their words only" in section.progress_text.text()

    QTest.mouseClick(section.resume, Qt.MouseButton.LeftButton)
    await wait_until(lambda: not made.library.reembedding_now and section.resume.isHidden())
    await wait_until(
        lambda: all(
            d.complete and d.embed_model == SECOND for d in made.documents.documents(owner)
        ),
        timeout=60,
    )
    rows = made.documents._conn.execute("SELECT COUNT(*) FROM chunk_vectors").fetchone()[0]
    assert rows == chunks  # every passage once, all of the new model
    await page.idle()


async def test_an_ollama_without_embedding_models_offers_a_pull(
    qtbot: object, services: MakeServices, tmp_path: Path, minilm_model_path: Path
) -> None:
    empty = OllamaServer(tmp_path / "ollama").start()
    try:
        made = services(ollama_host=empty.url)
        pulled: list[str] = []
        made.library.pull = pulled.append
        await wait_until(lambda: made.registry.built)
        page = settings_page(qtbot, made)
        assert page.documents is not None
        box = page.documents.embedding
        await wait_until(lambda: box.pull.isVisible())
        assert "No embedding model is pulled" in box.none_pulled.text()
        QTest.mouseClick(box.pull, Qt.MouseButton.LeftButton)
        assert pulled == ["nomic-embed-text"]
        assert "Downloading nomic-embed-text" in box.none_pulled.text()
        empty.publish(MINILM, minilm_model_path, capabilities=("embedding",))
        empty.install(MINILM)  # as when the download is done
        page.hide()
        page.show()  # the person comes back: the model is offered, the Pull offer gone
        await wait_until(lambda: listed(page) == [MINILM])
        assert box.pull.isHidden()
        await page.idle()
    finally:
        empty.stop()


async def test_what_is_stored_is_counted_each_time_the_section_is_shown(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    from desktop.documents.indexing import add_file

    made = services()
    await wait_until(lambda: made.registry.built)
    page = settings_page(qtbot, made)
    assert page.documents is not None
    facts = page.documents.facts
    await wait_until(lambda: facts.text().startswith("0 documents · 0 passages"))
    page.hide()
    # A chat adds a document (through the store, not the library): nobody tells Settings.
    await add_file(made.documents, notes(tmp_path / "chat.md", "from a chat"), "conversation:7")
    chunks = made.documents.documents()[0].chunks
    page.show()
    await wait_until(lambda: facts.text().startswith(f"1 document · {chunks} passages"))
    assert "on disk" in facts.text()
    assert f"{chunks} passages are not embedded yet" in facts.text()
    await page.idle()
