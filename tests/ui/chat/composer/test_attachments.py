"""Attaching pictures in the real window: picker, drop, paste, bad files, vision gating.

The window talks to the Ollama test server (real llama.cpp inference); the server
decodes every image it receives, and the tests compare them with the originals.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QClipboard, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desktop.core.conversation_export import from_json
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.shell.main_window import MainWindow
from tests.pictures import encoded, left_blue_right_red, rotated_jpeg, sharp_pattern
from tests.servers.fixtures import TINY, TINY_VISION
from tests.servers.ollama_server import OllamaServer
from tests.servers.tiny_gguf import DEFAULT_REPLY
from tests.ui.conftest import wait_until


@pytest.fixture
def vision_server(ollama_server: OllamaServer, monkeypatch: pytest.MonkeyPatch) -> OllamaServer:
    ollama_server.install(TINY)
    ollama_server.install(TINY_VISION)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    return ollama_server


async def open_pane(open_window: Callable[[], MainWindow], model: str = TINY_VISION) -> ChatPane:
    window = open_window()
    window.resize(1100, 800)
    pane = window.chat_pane
    await wait_until(lambda: model in pane.available_models())
    pane.set_model(model)
    return pane


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def drop(widget: QWidget, mime: QMimeData) -> bool:
    """A drag entering ``widget`` and dropping there, as Qt delivers them; True if taken."""
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(widget, event)
    return enter.isAccepted() and event.isAccepted()


def files_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


async def settled(pane: ChatPane, count: int) -> None:
    await wait_until(lambda: len(pane.draft.images) == count and not pane.draft.busy)


# -- the three ways in ---------------------------------------------------------------


async def test_picker_attaches_and_the_sent_picture_shows_in_history(
    vision_server: OllamaServer, open_window, tmp_path: Path
) -> None:
    pane = await open_pane(open_window)
    photo = write(tmp_path / "phone.jpg", rotated_jpeg(left_blue_right_red(400, 200), 6))

    pane.attach_button.click()
    dialog = pane.card.attach_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # open(): nothing blocks
    dialog.selectFile(str(photo))
    dialog.accept()
    await settled(pane, 1)
    assert len(pane.attachment_strip.thumbs) == 1 and pane.attachment_strip.isVisible()
    assert "phone.jpg" in pane.attachment_strip.thumbs[0].button.toolTip()

    pane.composer.setPlainText("Which way is up?")
    pane.send()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)

    [received] = vision_server.received_images
    assert decoded(received).size == (200, 400)  # upright
    question, answer = pane.messages.bubbles()
    assert answer.text() == DEFAULT_REPLY
    assert question.attachments is not None
    [thumb] = question.attachments.thumbs  # type: ignore[attr-defined]
    assert not pane.draft.images and pane.attachment_strip.isHidden()

    thumb.button.click()
    viewer = pane.images.viewer
    assert viewer is not None and viewer.isVisible() and not viewer.isModal()
    assert viewer.image is not None and (viewer.image.width, viewer.image.height) == (200, 400)
    assert "200 × 400" in viewer.caption.text()


async def test_dropping_files_on_the_conversation_and_image_data_on_the_composer(
    vision_server: OllamaServer, open_window, tmp_path: Path
) -> None:
    pane = await open_pane(open_window)
    first = write(tmp_path / "a.png", encoded(sharp_pattern(60, 40), "PNG"))
    second = write(tmp_path / "b.webp", encoded(left_blue_right_red(90, 30), "WEBP"))

    assert drop(pane.messages.viewport(), files_mime(first, second))
    await settled(pane, 2)

    data = QMimeData()
    data.setData("image/png", encoded(sharp_pattern(33, 22), "PNG"))
    drop(pane.composer.viewport(), data)
    await settled(pane, 3)
    assert [(i.width, i.height) for i in pane.draft.images] == [(60, 40), (90, 30), (33, 22)]
    assert pane.composer.toPlainText() == ""  # nothing was inserted as text

    pane.attachment_strip.thumbs[1].remove_button.click()  # type: ignore[union-attr]
    await wait_until(lambda: len(pane.attachment_strip.thumbs) == 2)
    pane.send()  # pictures alone may be sent
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    sizes = [decoded(image).size for image in vision_server.received_images]
    assert sizes == [(60, 40), (33, 22)]
    assert decoded(vision_server.received_images[0]).tobytes() == sharp_pattern(60, 40).tobytes()


@pytest.fixture
def clipboard() -> Iterator[QClipboard]:
    board = QGuiApplication.clipboard()
    yield board
    board.clear()  # mime data left on the offscreen clipboard crashes Qt at exit


async def test_pasting_an_image_and_a_copied_file(
    vision_server: OllamaServer, open_window, tmp_path: Path, clipboard: QClipboard
) -> None:
    pane = await open_pane(open_window)
    pane.composer.setPlainText("Compare ")
    pane.composer.moveCursor(pane.composer.textCursor().MoveOperation.End)
    picture = QImage(120, 90, QImage.Format.Format_ARGB32)
    picture.fill(Qt.GlobalColor.green)
    clipboard.setImage(picture)
    pane.composer.paste()
    await settled(pane, 1)
    assert pane.draft.images[0].name == "Pasted image"
    pasted = decoded(pane.draft.images[0].data)
    assert pasted.size == (120, 90) and pasted.getpixel((60, 45)) == (0, 255, 0)

    copied = write(tmp_path / "copied.bmp", encoded(sharp_pattern(20, 10), "BMP"))
    clipboard.setMimeData(files_mime(copied))
    pane.composer.paste()
    await settled(pane, 2)

    text = QMimeData()
    text.setText("these two")
    clipboard.setMimeData(text)
    pane.composer.paste()  # plain text still pastes as text
    assert pane.composer.toPlainText() == "Compare these two"
    assert len(pane.draft.images) == 2


# -- bad input ------------------------------------------------------------------------


def _huge(path: Path) -> Path:
    Image.new("1", (10_000, 10_000)).save(path, "PNG")
    return path


def _giant(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    return path


BAD_FILES = {
    "corrupt": (
        lambda p: write(p / "broken.jpg", encoded(sharp_pattern(300, 200), "JPEG")[:2000]),
        "“broken.jpg” looks damaged",
    ),
    "renamed": (
        lambda p: write(p / "notes.png", b"meeting notes\n" * 50),
        "“notes.png” is not a picture although its name ends in .png",
    ),
    "unsupported": (
        lambda p: write(p / "scan.tif", encoded(sharp_pattern(20, 20), "TIFF")),
        "“scan.tif” is a TIFF image",
    ),
    "svg": (
        lambda p: write(p / "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        "“logo.svg” is an SVG drawing",
    ),
    "empty": (lambda p: write(p / "empty.png", b""), "“empty.png” is empty (0 bytes)"),
    "100 megapixels": (
        lambda p: _huge(p / "huge.png"),
        "“huge.png” is 10000 × 10000 pixels (100 megapixels)",
    ),
    "200 MB": (lambda p: _giant(p / "giant.png"), "“giant.png” is 200 MB"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
async def test_a_bad_file_is_explained_and_the_draft_is_kept(
    vision_server: OllamaServer, open_window, tmp_path: Path, case: str
) -> None:
    make, expected = BAD_FILES[case]
    pane = await open_pane(open_window)
    good = write(tmp_path / "good.png", encoded(sharp_pattern(30, 30), "PNG"))
    pane.composer.setPlainText("My carefully typed question")
    drop(pane.messages.viewport(), files_mime(good))
    await settled(pane, 1)

    drop(pane.messages.viewport(), files_mime(make(tmp_path)))
    await wait_until(lambda: not pane.draft.busy and pane.draft.problems)
    assert expected in pane.attachment_strip.notes_text()
    assert pane.attachment_strip.notes.isVisible()
    assert pane.composer.toPlainText() == "My carefully typed question"
    assert [image.name for image in pane.draft.images] == ["good.png"]

    pane.attachment_strip.notes.linkActivated.emit("dismiss")
    assert expected not in pane.attachment_strip.notes_text()
    assert len(pane.attachment_strip.thumbs) == 1


async def test_an_image_on_the_web_is_not_fetched(vision_server, open_window) -> None:
    pane = await open_pane(open_window)
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/cat.png")])
    drop(pane.messages.viewport(), mime)
    assert "Only pictures on this computer" in pane.attachment_strip.notes_text()


# -- a model that cannot see -------------------------------------------------------------


async def test_a_blind_model_is_named_a_seeing_one_offered_and_the_switch_sends(
    vision_server: OllamaServer, open_window, tmp_path: Path
) -> None:
    pane = await open_pane(open_window, TINY)
    await wait_until(lambda: TINY_VISION in pane.available_models())
    picture = write(tmp_path / "chart.png", encoded(sharp_pattern(80, 60), "PNG"))
    photo = write(tmp_path / "beach.jpg", rotated_jpeg(left_blue_right_red(300, 200), 6))
    pane.composer.setPlainText("Describe the chart")
    pane.draft.add_paths([picture, photo])
    strip = pane.attachment_strip
    await wait_until(lambda: "tiny-vision:latest" in strip.notes_text())
    assert "tiny:latest cannot see images, so Send waits" in strip.notes_text()
    await settled(pane, 2)

    pane.send()  # held back: the image would be lost on this model
    assert not pane.streaming
    assert [r for r in vision_server.requests if r.path == "/api/chat"] == []
    assert pane.composer.toPlainText() == "Describe the chart"
    assert len(pane.draft.images) == 2

    assert pane.window().grab().save(str(tmp_path / "attachments.png"))

    strip.notes.linkActivated.emit("0")  # the offered vision model
    assert pane.current_model() == TINY_VISION
    await wait_until(lambda: not strip.warning)
    pane.send()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    assert pane.messages.bubbles()[1].text() == DEFAULT_REPLY
    chart, beach = vision_server.received_images
    assert decoded(chart).tobytes() == sharp_pattern(80, 60).tobytes()
    assert decoded(beach).size == (200, 300)


async def test_with_no_seeing_model_the_warning_says_what_to_do(
    ollama_server: OllamaServer, monkeypatch: pytest.MonkeyPatch, open_window, tmp_path: Path
) -> None:
    ollama_server.install(TINY)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    pane = await open_pane(open_window, TINY)
    pane.draft.add_paths([write(tmp_path / "a.png", encoded(sharp_pattern(8, 8), "PNG"))])
    await wait_until(lambda: "none of your models can" in pane.attachment_strip.notes_text())
    assert "Models tab" in pane.attachment_strip.notes_text()


async def test_the_longest_edge_is_a_setting(
    vision_server: OllamaServer, open_window, tmp_path: Path
) -> None:
    pane = await open_pane(open_window)
    settings = pane.window().open_settings()
    assert settings is not None
    settings.images.max_edge.setValue(512)
    big = write(tmp_path / "wide.png", encoded(left_blue_right_red(2000, 1000), "PNG"))
    pane.draft.add_paths([big])
    await settled(pane, 1)
    assert (pane.draft.images[0].width, pane.draft.images[0].height) == (512, 256)
    settings.close()


async def test_exports_carry_the_pictures(
    vision_server: OllamaServer, open_window, tmp_path: Path
) -> None:
    pane = await open_pane(open_window)
    pane.draft.add_paths([write(tmp_path / "a.png", encoded(sharp_pattern(40, 30), "PNG"))])
    await settled(pane, 1)
    [image] = pane.draft.images
    pane.composer.setPlainText("Keep this")
    pane.send()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)

    assert pane.export_to(tmp_path / "chat.md", "md")
    picture = tmp_path / "chat_images" / f"{image.digest[:16]}.png"
    assert picture.read_bytes() == image.data
    assert f"(<chat_images/{picture.name}>)" in (tmp_path / "chat.md").read_text()

    assert pane.export_to(tmp_path / "chat.json", "json")
    restored = from_json((tmp_path / "chat.json").read_text())
    assert [i.data for i in restored.images] == [image.data]


async def test_an_edited_message_keeps_its_pictures(
    vision_server: OllamaServer, open_window, tmp_path: Path
) -> None:
    pane = await open_pane(open_window)
    pane.draft.add_paths([write(tmp_path / "a.png", encoded(sharp_pattern(24, 16), "PNG"))])
    await settled(pane, 1)
    pane.composer.setPlainText("First wording")
    pane.send()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    question = pane.messages.bubbles()[0]
    assert question.message_id is not None

    pane.set_model(TINY)  # cannot see: the edit is held, its text kept in the editor
    await wait_until(lambda: pane.current_model() == TINY)
    pane.resend_edited(question.message_id, "Second wording")
    assert not pane.streaming
    assert question.editor.toPlainText() == "Second wording"
    await wait_until(lambda: "tiny:latest cannot see images" in pane.attachment_strip.notes_text())

    pane.set_model(TINY_VISION)
    pane.resend_edited(question.message_id, "Second wording")
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    assert len(vision_server.received_images) == 2
    assert vision_server.received_images[0] == vision_server.received_images[1]
    edited = pane.messages.bubbles()[0]
    assert edited.text() == "Second wording" and edited.attachments is not None
