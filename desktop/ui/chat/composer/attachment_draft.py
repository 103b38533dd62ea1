"""The images attached to the message being written, while it is written.

``AttachmentDraft`` owns the draft's images. Every picture (a file, dropped image data,
a pasted clipboard image) is prepared in a worker thread, so the window keeps running
while a 50-megapixel photo is decoded; a picture that cannot be attached becomes a
message, and the text and the other images of the draft stay as they were.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QImage

from desktop.core.attachment import ImageAttachment
from desktop.core.image_preparation import (
    ImageProblem,
    Pixels,
    check_pixels,
    prepare_file,
    prepare_image,
    prepare_pixels,
)
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner

MAX_IMAGES = 10
IMAGE_MIME_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp")
OTHER_PICTURES = (".tif", ".tiff", ".svg", ".ico", ".psd", ".heic", ".heif", ".avif", ".jp2")
"""Pictures chat models cannot take: the image path says why, better than as a document."""


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def web_pictures(mime: QMimeData) -> list[QUrl]:
    """Links to pictures elsewhere (dragged from a browser without the picture itself)."""
    return [
        url
        for url in mime.urls()
        if not url.isLocalFile() and url.path().lower().endswith(PICTURE_SUFFIXES)
    ]


def offers_images(mime: QMimeData) -> bool:
    """Whether a drop or paste should attach (files, or a picture that is not text)."""
    if local_files(mime) or web_pictures(mime):
        return True
    pictures = mime.hasImage() or any(mime.hasFormat(kind) for kind in IMAGE_MIME_TYPES)
    return pictures and not mime.hasText()


def rgba_pixels(image: QImage) -> Pixels:
    """A clipboard picture's rows as plain RGBA bytes (a copy, safe in another thread)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return Pixels(bytes(rgba.constBits()), rgba.width(), rgba.height(), rgba.bytesPerLine())


class AttachmentDraft(QObject):
    """The images of the draft; ``changed`` after every addition, removal or problem.

    Other files (PDF, text, code...) go to ``documentsOffered`` once something takes
    documents (``takes_documents``); until then they are tried as pictures, as before.
    """

    changed = Signal()
    problem = Signal(str)
    documentsOffered = Signal(list)
    """Paths of the files that are not pictures: they become the chat's documents."""

    def __init__(
        self, tasks: TaskOwner, max_edge: Callable[[], int], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._max_edge = max_edge
        self._images: list[tuple[int, ImageAttachment]] = []
        """By the order they were attached in, however long each took to prepare."""
        self._pending: dict[int, str] = {}
        self._numbers = itertools.count(1)
        self.problems: list[str] = []
        self.takes_documents = False

    @property
    def images(self) -> tuple[ImageAttachment, ...]:
        return tuple(image for _number, image in self._images)

    @property
    def pending(self) -> list[str]:
        """Names of the pictures still being prepared."""
        return list(self._pending.values())

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def add_mime(self, mime: QMimeData) -> bool:
        """Attach what a drop or paste carries; False when it carries no picture."""
        files = local_files(mime)
        if files:
            self.add_paths(files)
            return True
        for kind in IMAGE_MIME_TYPES:
            if mime.hasFormat(kind):
                self.add_data(bytes(mime.data(kind).data()), self.tr("Dropped image"))
                return True
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.add_qimage(image)
                return True
        if web_pictures(mime):
            self._report(
                self.tr(
                    "Only pictures on this computer can be attached. Save the image first, "
                    "then attach the file."
                )
            )
            return True
        return False

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        documents: list[Path] = []
        for path in map(Path, paths):
            if (
                self.takes_documents
                and path.suffix.lower() not in PICTURE_SUFFIXES + OTHER_PICTURES
            ):
                documents.append(path)
            else:
                self._start(path.name, partial(self._prepare_file, path))
        if documents:
            self.documentsOffered.emit(documents)

    def _prepare_file(self, path: Path) -> ImageAttachment:
        return prepare_file(path, max_edge=self._max_edge())

    def add_data(self, data: bytes, name: str) -> None:
        self._start(name, lambda: prepare_image(data, name=name, max_edge=self._max_edge()))

    def add_qimage(self, image: QImage) -> None:
        """A pasted picture; only its pixels are copied here, the work is done elsewhere."""
        name = self.tr("Pasted image")
        try:
            check_pixels(image.width(), image.height(), name)
        except ImageProblem as problem:
            self._report(translated(problem))  # never copy a bomb's pixels
            return
        pixels = rgba_pixels(image)
        self._start(name, lambda: prepare_pixels(pixels, name=name, max_edge=self._max_edge()))

    def _start(self, name: str, prepare: Callable[[], ImageAttachment]) -> None:
        if len(self._images) + len(self._pending) >= MAX_IMAGES:
            self._report(
                self.tr("A message can carry up to {n} images; “{name}” was not attached.").format(
                    n=MAX_IMAGES, name=name
                )
            )
            return
        number = next(self._numbers)
        self._pending[number] = name
        self.changed.emit()
        self._tasks.spawn(self._prepare(number, prepare), name="image-preparation")

    async def _prepare(self, number: int, prepare: Callable[[], ImageAttachment]) -> None:
        try:
            image = await asyncio.to_thread(prepare)
        except ImageProblem as problem:
            self._pending.pop(number, None)
            self._report(translated(problem))
            return
        except asyncio.CancelledError:
            self._pending.pop(number, None)
            raise
        if self._pending.pop(number, None) is None:
            return  # the draft was sent or cleared meanwhile
        if any(image.digest == kept.digest for kept in self.images):
            self._report(self.tr("“{name}” is attached already.").format(name=image.name))
            return
        self._images.append((number, image))
        self._images.sort(key=lambda entry: entry[0])
        self.changed.emit()

    def _report(self, message: str) -> None:
        self.problems.append(message)
        self.problem.emit(message)
        self.changed.emit()

    def remove(self, digest: str) -> None:
        self._images = [entry for entry in self._images if entry[1].digest != digest]
        self.changed.emit()

    def dismiss_problems(self) -> None:
        self.problems.clear()
        self.changed.emit()

    def restore(self, images: Sequence[ImageAttachment]) -> None:
        """Show a kept draft's images instead of these (what is being prepared is dropped)."""
        self._images = [(next(self._numbers), image) for image in images]
        self._pending.clear()
        self.problems.clear()
        self.changed.emit()

    def take(self) -> tuple[ImageAttachment, ...]:
        """The images, leaving the draft empty (what is still being prepared is dropped)."""
        images = self.images
        self._images.clear()
        self._pending.clear()
        self.problems.clear()
        self.changed.emit()
        return images
