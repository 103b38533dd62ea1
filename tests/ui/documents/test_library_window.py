"""The document library window on real services: a collection made, named, filled with a
file embedded by the real MiniLM, its size, model and count of documents shown, a document
removed, and the collection deleted with its passages and embeddings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from desktop.documents.owners import collection_owner
from desktop.ui.documents.collection_rows import COUNT_ROLE
from desktop.ui.documents.library_window import LibraryWindow, show_library
from tests.servers.embedding_fixtures import MINILM
from tests.ui.conftest import wait_until
from tests.ui.documents.library_fixtures import Services, notes

MakeServices = Callable[..., Services]


def count_rows(made: Services, table: str) -> int:
    return int(made.documents._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


async def test_a_collection_is_made_filled_shown_and_deleted_with_its_chunks(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    made = services()
    window = show_library(made.library)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert isinstance(window, LibraryWindow)
    assert show_library(made.library) is window  # one window, raised again
    assert window.title.text() == "No collection yet"
    assert not window.documents.isEnabled()

    QTest.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    editor = window.list.findChild(QLineEdit)
    assert editor is not None  # the name is offered for typing at once
    editor.setText("Manuals")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    await wait_until(lambda: window.title.text() == "Manuals")
    [collection] = made.library.all_collections()
    assert collection.name == "Manuals"
    await wait_until(lambda: window.list.currentItem().data(COUNT_ROLE) == 0)

    first, second = notes(tmp_path / "oven.md", "oven"), notes(tmp_path / "fridge.md", "fridge")
    await window.documents.add_paths([first, second])
    owner = collection_owner(collection.id)
    stored = made.documents.documents(owner)
    assert [d.name for d in stored] == ["oven.md", "fridge.md"]
    assert all(d.complete and d.embed_model == MINILM for d in stored)
    chunks = sum(d.chunks for d in stored)
    await wait_until(lambda: f"Built with {MINILM}" in window.facts.text())
    assert window.facts.text().startswith("2 documents")
    assert f"{chunks} passages" in window.facts.text()
    await wait_until(lambda: window.documents.list.count() == 2)
    await wait_until(lambda: window.list.currentItem().data(COUNT_ROLE) == 2)
    assert window.list.currentItem().text() == "Manuals", "a count set is no rename"
    assert "embedded with" in window.documents.list.item(0).text()

    window.documents.list.item(1).setSelected(True)
    QTest.mouseClick(window.documents.remove, Qt.MouseButton.LeftButton)
    await wait_until(lambda: window.documents.list.count() == 1)
    assert [d.name for d in made.documents.documents(owner)] == ["oven.md"]

    question = window.ask_delete()
    assert isinstance(question, QMessageBox)
    assert "passages and embeddings" in question.informativeText()
    delete = next(
        b for b in question.buttons()
        if question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )  # fmt: skip
    QTest.mouseClick(delete, Qt.MouseButton.LeftButton)
    await wait_until(lambda: window.list.count() == 0)
    await window.idle()
    assert made.library.all_collections() == []
    assert made.documents.documents(owner) == []
    assert count_rows(made, "chunks") == 0 and count_rows(made, "chunk_vectors") == 0


async def test_a_taken_name_is_refused_in_words(qtbot: object, services: MakeServices) -> None:
    made = services()
    made.library.create_collection("Papers")
    window = show_library(made.library)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    other = window.new_collection()
    item = next(
        window.list.item(i) for i in range(window.list.count())
        if window.list.item(i).text() != "Papers"
    )  # fmt: skip
    item.setText("papers")
    assert "already a collection named papers" in window.problem.text()
    assert made.library.collections.get(other.id).name == "New collection"  # type: ignore[union-attr]
    await window.idle()


async def test_stop_then_continue_embeds_every_passage_once(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    made = services()
    collection = made.library.create_collection("Long reads")
    window = show_library(made.library)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    documents = window.documents
    seen: list[int] = []
    made.library.indexing.connect(lambda _owner, done, _total: seen.append(done))
    run = documents.add_paths([notes(tmp_path / "long.md", "a long story", 40)])
    assert run is not None
    await wait_until(lambda: any(done > 0 for done in seen))
    assert documents.stop.isVisible()
    QTest.mouseClick(documents.stop, Qt.MouseButton.LeftButton)
    await wait_until(run.done, timeout=30)
    [stopped] = made.documents.documents(collection.owner)
    assert 0 < stopped.embedded < stopped.chunks
    await window.idle()
    await wait_until(lambda: documents.resume.isVisible())
    assert "not embedded yet" in documents.status.text()

    QTest.mouseClick(documents.resume, Qt.MouseButton.LeftButton)
    await wait_until(lambda: not made.library.busy(collection.owner), timeout=90)
    assert made.documents.documents(collection.owner)[0].complete
    assert count_rows(made, "chunk_vectors") == stopped.chunks  # none twice
    await wait_until(lambda: documents.resume.isHidden())
    await window.idle()


async def test_without_an_embedding_model_the_file_waits_and_says_why(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    made = services(embedding_model="")
    collection = made.library.create_collection("Notes")
    window = show_library(made.library)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    await window.documents.add_paths([notes(tmp_path / "n.md", "notes")])
    assert "No embedding model is chosen" in window.documents.status.text()
    [waiting] = made.documents.documents(collection.owner)
    assert waiting.embedded == 0 and waiting.chunks > 0  # found by its words meanwhile
    await wait_until(lambda: window.documents.resume.isVisible())

    made.settings.embedding_model = MINILM
    task = window.documents.continue_embedding()
    assert task is not None
    await task
    assert made.documents.documents(collection.owner)[0].complete
    await window.idle()


async def test_files_dropped_on_a_collection_are_added(
    qtbot: object, services: MakeServices, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    made = services()
    collection = made.library.create_collection("Dropped")
    window = show_library(made.library)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    mime = QMimeData()
    path = notes(tmp_path / "dropped.md", "dropped words")
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl("https://example.com/page")])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.documents.dropEvent(drop)  # a bare Drop sent through Qt needs a drag under way
    assert drop.isAccepted()
    await wait_until(lambda: not made.library.busy(collection.owner), timeout=30)
    [document] = made.documents.documents(collection.owner)
    assert document.name == "dropped.md" and document.complete
    await window.idle()
