"""A window that shows one attached image full size, beside the chat (not modal)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.attachment import ImageAttachment

MARGIN = 40


class ImageViewer(QWidget):
    """Fits the picture to the window (never enlarging it); Esc or Ctrl+W closes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("imageViewer")
        self.resize(900, 700)
        self._pixmap = QPixmap()
        self.image: ImageAttachment | None = None
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setWidget(self.label)
        self.caption = QLabel()
        self.caption.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.caption)
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Close):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(self.close)
            self.addAction(action)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.label.setAccessibleName(self.tr("Attached image"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_image(self, image: ImageAttachment) -> None:
        self.image = image
        self._pixmap = QPixmap()
        if not self._pixmap.loadFromData(image.data):
            self.label.setText(self.tr("This image could not be shown."))
        kind = image.media_type.removeprefix("image/").upper()
        details = self.tr("{width} × {height} pixels, {kind}, {size} KB").format(
            width=image.width, height=image.height, kind=kind, size=len(image.data) // 1024
        )
        self.caption.setText(details)
        title = image.name or self.tr("Image")
        self.setWindowTitle(self.tr("{title} — Parley").format(title=title))
        self.show()  # first: before it, the viewport still had Qt's default size
        self._fit()
        self.raise_()
        self.activateWindow()

    def shown_size(self) -> tuple[int, int]:
        pixmap = self.label.pixmap()
        return (pixmap.width(), pixmap.height())

    def _fit(self) -> None:
        if self._pixmap.isNull():
            return
        room = self.scroll_area.viewport().size()
        if self._pixmap.width() <= room.width() and self._pixmap.height() <= room.height():
            self.label.setPixmap(self._pixmap)
            return
        self.label.setPixmap(
            self._pixmap.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ImageOpener:
    """Opens pictures in one viewer window, made when first needed."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.viewer: ImageViewer | None = None

    def show(self, image: ImageAttachment | None) -> None:
        if image is None:
            return
        if self.viewer is None:
            self.viewer = ImageViewer(self._parent)
        self.viewer.show_image(image)
