"""Import a GGUF the suite generated: upload only when Ollama lacks it, progress, Cancel,
and the bad files refused before anything is sent."""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import open_models


def blob_requests(server) -> list[str]:
    return [r.method for r in server.requests if r.path.startswith("/api/blobs/")]


def digest_of(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


async def test_import_uploads_a_missing_blob_then_creates_the_model(
    ollama_env, open_window, tiny_model_path, tmp_path
):
    source = tmp_path / "My Tiny Q8_0.gguf"
    shutil.copyfile(tiny_model_path, source)
    window = await open_models(open_window)
    pane = window.model_pane
    statuses: list[str] = []
    pane.importer.progressShown.connect(lambda status, _bar: statuses.append(status))

    pane.importer.start(source)

    await wait_until(lambda: window.models.find("my-tiny-q8_0:latest") is not None)
    digest = digest_of(source)
    assert blob_requests(ollama_env) == ["HEAD", "POST"]
    assert ollama_env.blobs_received == [digest]
    [create] = ollama_env.requests_to("/api/create")
    assert create.body == {
        "files": {"My Tiny Q8_0.gguf": digest},
        "model": "my-tiny-q8_0",
        "stream": True,
    }
    assert pane.message.text() == "my-tiny-q8_0 was imported from My Tiny Q8_0.gguf."
    assert not pane.importer.isVisible()
    assert statuses[0] == "Checking the file…"
    assert "Reading 0 B of 526.8 KB" in statuses
    assert "Sending to Ollama: 0 B of 526.8 KB" in statuses
    assert statuses[-1] == "success"


async def test_a_blob_ollama_has_is_not_sent_again(ollama_env, open_window, tiny_model_path):
    ollama_env.store.blobs.put_file(tiny_model_path, "application/vnd.ollama.image.model")
    window = await open_models(open_window)
    pane = window.model_pane

    # dropped on the page, as from a file manager: the page takes the drag, then the drop
    # (Qt delivers a Drop only during a real drag, so it goes to the page's filter directly)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tiny_model_path))])
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(pane, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data, buttons, keys)
    assert pane.drop_target.eventFilter(pane, drop)

    await wait_until(lambda: window.models.find("tiny:latest") is not None)
    assert blob_requests(ollama_env) == ["HEAD"]
    assert ollama_env.blobs_received == []

    # the same file again: a new name, never a silent replacement of the first
    pane.importer.start(tiny_model_path)
    await wait_until(lambda: window.models.find("tiny-2:latest") is not None)
    assert ollama_env.requests_to("/api/create")[-1].body["model"] == "tiny-2"


async def test_cancel_while_hashing_sends_nothing(
    ollama_env, open_window, tiny_model_path, tmp_path
):
    big = tmp_path / "big.gguf"
    shutil.copyfile(tiny_model_path, big)
    os.truncate(big, 2 * 1024**3)  # a sparse 2 GB: a valid header, zeros after the tensors
    window = await open_models(open_window)
    pane = window.model_pane
    importer = pane.importer

    importer.start(big)
    await wait_until(lambda: importer.bar.value() > 0)
    assert importer.isVisible() and importer.status.text().startswith("Reading ")
    importer.cancel_button.click()

    await wait_until(lambda: not importer.isVisible())
    assert pane.message.text() == "The import of big.gguf was cancelled."
    assert blob_requests(ollama_env) == [] and ollama_env.requests_to("/api/create") == []


async def test_bad_files_are_refused_before_any_upload(
    ollama_env, open_window, tiny_model_path, tmp_path
):
    window = await open_models(open_window)
    pane = window.model_pane
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("these are notes, not a model")
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(tiny_model_path.read_bytes()[:100_000])

    pane.importer.start(not_gguf)
    await wait_until(lambda: pane.message.text().startswith("notes.gguf is not a GGUF"))
    pane.importer.start(cut)
    await wait_until(lambda: pane.message.text().startswith("cut.gguf is incomplete"))

    assert blob_requests(ollama_env) == [] and ollama_env.requests_to("/api/create") == []
    assert window.models.rowCount() == 0


async def test_a_create_that_fails_after_the_upload_adds_no_model_and_says_what_stays(
    ollama_env, open_window, tiny_model_path, tmp_path
):
    source = tmp_path / "Odd Model.gguf"
    shutil.copyfile(tiny_model_path, source)
    ollama_env.inject("/api/create", error_after=1, error_message="unsupported architecture")
    window = await open_models(open_window)
    pane = window.model_pane

    pane.importer.start(source)

    await wait_until(lambda: not pane.importer.busy)
    assert ollama_env.blobs_received == [digest_of(source)], "the file was uploaded"
    assert pane.message.text() == (
        "Ollama did not create odd-model: unsupported architecture. "
        "No model was added. The uploaded copy stays in Ollama's storage until Ollama "
        "removes unused files (it does so when it starts)."
    )
    assert not pane.importer.isVisible()
    asked = len(ollama_env.requests_to("/api/tags"))
    pane.reload_models()
    await wait_until(lambda: len(ollama_env.requests_to("/api/tags")) > asked)
    await asyncio.sleep(0.1)
    assert window.models.find("odd-model:latest") is None
    assert ollama_env.store.all() == []


async def test_a_name_ollama_refuses_creates_nothing(ollama_env, open_window, tiny_model_path):
    ollama_env.store.blobs.put_file(tiny_model_path, "application/vnd.ollama.image.model")
    window = await open_models(open_window)
    pane = window.model_pane

    pane.importer.start(tiny_model_path, name="no good!")

    await wait_until(lambda: not pane.importer.busy)
    assert pane.message.text() == (
        "Ollama did not create no good!: invalid model name. No model was added."
    )
    assert blob_requests(ollama_env) == ["HEAD"], "Ollama had the file: nothing was sent"
    assert ollama_env.store.all() == []


async def test_ollama_gone_before_the_upload_sends_and_creates_nothing(
    ollama_env, open_window, tiny_model_path
):
    window = await open_models(open_window)
    pane = window.model_pane
    ollama_env.stop()

    pane.importer.start(tiny_model_path)

    await wait_until(lambda: not pane.importer.busy)
    assert pane.message.text().startswith("Ollama is not running at")
    assert not pane.importer.isVisible()
    assert ollama_env.blobs_received == [] and ollama_env.requests_to("/api/create") == []
