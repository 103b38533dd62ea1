"""Images attached to the message being written, shown: the strip, thumbnails, drops.

The draft itself (preparing the pictures) is desktop.ui.chat.composer.attachment_draft.
``AttachmentStrip`` shows the draft above the composer: thumbnails with a remove
button, placeholders while images are prepared, and the notes (problems, and a warning
with clickable alternatives when the chosen model cannot see images).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.core.attachment import ImageAttachment
from desktop.ui.chat.composer.attachment_draft import AttachmentDraft, offers_images

THUMB_SIZE = 72


def thumbnail_pixmap(data: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(data)
    return pixmap


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
            dismiss = self.tr("Dismiss")  # not inside the f-string: lupdate would not see it
            parts[-1] += f' <a href="dismiss">{html.escape(dismiss)}</a>'
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
