"""Images attached to the message being written: preparing them, showing and removing them.

``AttachmentDraft`` owns the draft's images. Every picture (a file, dropped image data,
a pasted clipboard image) is prepared in a worker thread, so the window keeps running
while a 50-megapixel photo is decoded; a picture that cannot be attached becomes a
message, and the text and the other images of the draft stay as they were.
``AttachmentStrip`` shows the draft above the composer: thumbnails with a remove
button, placeholders while images are prepared, and the notes (problems, and a warning
with clickable alternatives when the chosen model cannot see images).
"""

from __future__ import annotations

import asyncio
import html
import itertools
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

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
THUMB_SIZE = 72
IMAGE_MIME_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp")


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


def thumbnail_pixmap(data: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(data)
    return pixmap


def rgba_pixels(image: QImage) -> Pixels:
    """A clipboard picture's rows as plain RGBA bytes (a copy, safe in another thread)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return Pixels(bytes(rgba.constBits()), rgba.width(), rgba.height(), rgba.bytesPerLine())


class AttachmentDraft(QObject):
    """The images of the draft; ``changed`` after every addition, removal or problem."""

    changed = Signal()
    problem = Signal(str)

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
        for path in map(Path, paths):
            self._start(path.name, partial(self._prepare_file, path))

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


class ImageThumb(QFrame):
    """One picture as a clickable thumbnail, optionally with a remove button."""

    openRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(
        self,
        digest: str,
        thumbnail: bytes,
        tip: str,
        *,
        removable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.digest = digest
        self.setObjectName("imageThumb")
        self.setFixedSize(THUMB_SIZE + 8, THUMB_SIZE + 8)
        self.button = QToolButton(self)
        self.button.setObjectName("thumbButton")
        self.button.setIcon(QIcon(thumbnail_pixmap(thumbnail)))
        self.button.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.button.setGeometry(0, 0, THUMB_SIZE + 8, THUMB_SIZE + 8)
        self.button.setAutoRaise(True)
        self.button.setToolTip(tip)
        self.button.setAccessibleName(self.tr("View the image full size"))
        self.button.clicked.connect(lambda: self.openRequested.emit(self.digest))
        self.remove_button: QToolButton | None = None
        if removable:
            remove = QToolButton(self)
            remove.setObjectName("thumbRemove")
            remove.setText("✕")
            remove.setToolTip(self.tr("Remove this image"))
            remove.setAccessibleName(self.tr("Remove this image"))
            remove.setGeometry(THUMB_SIZE - 14, 0, 22, 22)
            remove.clicked.connect(lambda: self.removeRequested.emit(self.digest))
            self.remove_button = remove

    def retranslate(self) -> None:
        """The texts set in __init__, again in the language now in use."""
        self.button.setAccessibleName(self.tr("View the image full size"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


def describe(image: ImageAttachment) -> str:
    kind = image.media_type.removeprefix("image/").upper()
    size = f"{image.width} × {image.height}, {kind}, {len(image.data) / 1024:.0f} KB"
    return f"{image.name} — {size}" if image.name else size


class AttachmentStrip(QFrame):
    """The draft's images and notes above the composer; hidden while there are none."""

    openRequested = Signal(str)
    modelSuggested = Signal(str, str)
    """(provider id, model) the person clicked in the vision warning."""

    def __init__(self, draft: AttachmentDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setObjectName("attachmentStrip")
        self._suggestions: list[tuple[str, str]] = []
        self._warning = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 0)
        layout.setSpacing(4)
        self.thumbs_row = QHBoxLayout()
        self.thumbs_row.setContentsMargins(0, 0, 0, 0)
        self.thumbs_row.setSpacing(6)
        self.thumbs_row.addStretch(1)
        layout.addLayout(self.thumbs_row)
        self.notes = QLabel()
        self.notes.setObjectName("attachmentNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setAccessibleName(self.tr("Notes about the attached images"))
        self.notes.linkActivated.connect(self._link)
        layout.addWidget(self.notes)
        self.thumbs: list[ImageThumb] = []
        self.placeholders: list[QLabel] = []
        draft.changed.connect(self.refresh)
        self.refresh()

    def retranslate(self) -> None:
        """The texts set in __init__, again in the language now in use."""
        self.notes.setAccessibleName(self.tr("Notes about the attached images"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_warning(self, text: str, suggestions: Sequence[tuple[str, str]] = ()) -> None:
        """A warning about the chosen model, offering ``suggestions`` (provider, model)."""
        self._warning = text
        self._suggestions = list(suggestions)
        self.refresh()

    @property
    def warning(self) -> str:
        return self._warning

    def notes_text(self) -> str:
        return self.notes.text()

    def _link(self, href: str) -> None:
        if href == "dismiss":
            self.draft.dismiss_problems()
        elif href.isdigit() and int(href) < len(self._suggestions):
            self.modelSuggested.emit(*self._suggestions[int(href)])

    def refresh(self) -> None:
        """Show the draft; thumbnails already shown are kept (a new one costs a decode)."""
        shown = {thumb.digest: thumb for thumb in self.thumbs}
        wanted = self.draft.images
        keep = {image.digest for image in wanted}
        for widget in [*(t for t in self.thumbs if t.digest not in keep), *self.placeholders]:
            self.thumbs_row.removeWidget(widget)
            widget.deleteLater()
        self.thumbs, self.placeholders = [], []
        for position, image in enumerate(wanted):
            thumb = shown.get(image.digest) or self._thumb(image)
            self.thumbs_row.insertWidget(position, thumb)
            self.thumbs.append(thumb)
        for name in self.draft.pending:
            label = QLabel(self.tr("Preparing\n{name}…").format(name=name))
            label.setObjectName("thumbPending")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFixedSize(THUMB_SIZE + 8, THUMB_SIZE + 8)
            self.thumbs_row.insertWidget(len(self.thumbs) + len(self.placeholders), label)
            self.placeholders.append(label)
        self._show_notes()
        self.setVisible(bool(self.thumbs or self.placeholders or self.notes.text()))

    def _thumb(self, image: ImageAttachment) -> ImageThumb:
        thumb = ImageThumb(image.digest, image.thumbnail, describe(image), removable=True)
        thumb.openRequested.connect(self.openRequested)
        thumb.removeRequested.connect(self.draft.remove)
        return thumb

    def _show_notes(self) -> None:
        parts: list[str] = []
        if self._warning:
            links = " · ".join(
                f'<a href="{number}">{html.escape(model)}</a>'
                for number, (_provider, model) in enumerate(self._suggestions)
            )
            parts.append(f"⚠ {html.escape(self._warning)}" + (f" {links}" if links else ""))
        for problem in self.draft.problems:
            parts.append(f"✕ {html.escape(problem)}")
        if self.draft.problems:
            parts[-1] += f' <a href="dismiss">{html.escape(self.tr("Dismiss"))}</a>'
        self.notes.setText("<br>".join(parts))
        self.notes.setVisible(bool(parts))


class ImageRow(QWidget):
    """The thumbnails of a sent message, in a history bubble."""

    openRequested = Signal(str)

    def __init__(
        self, digests: Sequence[str], thumbnails: dict[str, bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("imageRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        self.thumbs: list[ImageThumb] = []
        for number, digest in enumerate(digests, start=1):
            data = thumbnails.get(digest)
            if data is None:
                missing = QLabel(self.tr("(image {n} is missing)").format(n=number))
                layout.addWidget(missing)
                continue
            tip = self.tr("Image {n}: click to view it full size").format(n=number)
            thumb = ImageThumb(digest, data, tip, removable=False)
            thumb.openRequested.connect(self.openRequested)
            layout.addWidget(thumb)
            self.thumbs.append(thumb)
        layout.addStretch(1)


class DropTarget(QObject):
    """Lets a widget (the conversation) take dropped pictures for the draft."""

    def __init__(self, widget: QWidget, draft: AttachmentDraft) -> None:
        super().__init__(widget)
        self._draft = draft
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, QDragEnterEvent | QDropEvent
        ):
            mime = event.mimeData()
            if mime is not None and offers_images(mime):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            mime = event.mimeData()
            if mime is not None and offers_images(mime) and self._draft.add_mime(mime):
                event.acceptProposedAction()
                return True
        return False
