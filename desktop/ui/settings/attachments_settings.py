"""Settings → Images: how large an attached picture is sent."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from desktop.core.image_preparation import DEFAULT_MAX_EDGE, MAX_MAX_EDGE, MIN_MAX_EDGE
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.design import Space
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import relabel_row


class ImageSettingsBox(Section):
    """The longest edge attached images are scaled down to; saved as it changes."""

    def __init__(
        self, settings: Settings, store: SettingsStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.set_heading(self.tr("Images"), self.tr("Pictures you attach to a message."))
        self._settings = settings
        self._store = store
        self.max_edge = QSpinBox()
        self.max_edge.setRange(MIN_MAX_EDGE, MAX_MAX_EDGE)
        self.max_edge.setSingleStep(256)
        self.max_edge.setSuffix(self.tr(" px"))
        self.max_edge.setAccessibleName(self.tr("Longest edge of attached images"))
        self.max_edge.setValue(settings.image_max_edge or DEFAULT_MAX_EDGE)
        self.max_edge.valueChanged.connect(self._changed)
        note = self.note = QLabel(
            self.tr(
                "Bigger pictures are scaled down before they are sent: models see no more "
                "detail than this, and smaller requests are faster and cheaper."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        frame, inner = card()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(Space.L)
        form.addRow(self.tr("Longest edge"), self.max_edge)
        inner.addLayout(form)
        inner.addWidget(note)
        self.body.addWidget(frame)
        self.body.addStretch(1)
        unsubscribe = settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.set_heading(self.tr("Images"), self.tr("Pictures you attach to a message."))
        self.note.setText(
            self.tr(
                "Bigger pictures are scaled down before they are sent: models see no more "
                "detail than this, and smaller requests are faster and cheaper."
            )
        )
        self.max_edge.setSuffix(self.tr(" px"))
        self.max_edge.setAccessibleName(self.tr("Longest edge of attached images"))
        relabel_row(self.max_edge, self.tr("Longest edge"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _setting_changed(self, name: str) -> None:
        if name == "image_max_edge":
            with QSignalBlocker(self.max_edge):
                self.max_edge.setValue(self._settings.image_max_edge or DEFAULT_MAX_EDGE)

    def _changed(self, value: int) -> None:
        self._settings.image_max_edge = value
        self._store.save(self._settings)
