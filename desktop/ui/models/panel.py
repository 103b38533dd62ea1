"""A card with a title row that folds its body away: Downloads and Loaded in memory."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from desktop.ui.fitting_label import ElidingLabel
from desktop.ui.icons import icon


class FoldingPanel(QFrame):
    toggled = Signal(bool)

    def __init__(
        self, title: str, body: QWidget, *, expanded: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("modelsCard")
        self.body = body
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 10, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.toggle = QToolButton()
        self.toggle.setObjectName("panelToggle")
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setIconSize(QSize(16, 16))
        self.toggle.setAccessibleName(title)
        top.addWidget(self.toggle)
        self.summary = ElidingLabel()
        self.summary.setObjectName("sectionCount")
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        body_box = QVBoxLayout()
        body_box.setContentsMargins(6, 0, 0, 0)
        body_box.addWidget(body)
        layout.addLayout(body_box, 1)
        self.toggle.setChecked(expanded)
        self._toggled(expanded)
        self.toggle.toggled.connect(self._toggled)

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def set_title(self, title: str) -> None:
        self.toggle.setText(title)
        self.toggle.setAccessibleName(title)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def _toggled(self, expanded: bool) -> None:
        self.body.setVisible(expanded)
        self.toggle.setIcon(icon("chevron-down" if expanded else "chevron-right", "muted", "muted"))
        self.toggled.emit(expanded)
