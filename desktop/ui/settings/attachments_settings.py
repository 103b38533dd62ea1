"""The settings for attached images: how large a picture is sent."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

from desktop.core.image_preparation import DEFAULT_MAX_EDGE, MAX_MAX_EDGE, MIN_MAX_EDGE
from desktop.storage.settings import Settings, SettingsStore


class ImageSettingsBox(QGroupBox):
    """The longest edge attached images are scaled down to; saved as it changes."""

    def __init__(
        self, settings: Settings, store: SettingsStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Attached images"), parent)
        self._settings = settings
        self._store = store
        self.max_edge = QSpinBox()
        self.max_edge.setRange(MIN_MAX_EDGE, MAX_MAX_EDGE)
        self.max_edge.setSingleStep(256)
        self.max_edge.setSuffix(self.tr(" px"))
        self.max_edge.setAccessibleName(self.tr("Longest edge of attached images"))
        self.max_edge.setValue(settings.image_max_edge or DEFAULT_MAX_EDGE)
        self.max_edge.valueChanged.connect(self._changed)
        note = QLabel(
            self.tr(
                "Bigger pictures are scaled down before they are sent: models see no more "
                "detail than this, and smaller requests are faster and cheaper."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Longest edge"), self.max_edge)
        form.addRow(note)

    def _changed(self, value: int) -> None:
        self._settings.image_max_edge = value
        self._store.save(self._settings)
