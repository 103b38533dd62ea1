"""Two or more buttons of which one is on, drawn as one segmented control."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget


class SectionSwitch(QWidget):
    """Two or more buttons of which one is on: Installed | Discover, Hugging Face | library."""

    chosen = Signal(int)

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.group = QButtonGroup(self)
        self.buttons: list[QPushButton] = []
        for index in range(count):
            button = QPushButton()
            button.setObjectName("segment")
            button.setCheckable(True)
            button.setProperty(
                "edge", "first" if index == 0 else "last" if index == count - 1 else "middle"
            )
            self.group.addButton(button, index)
            row.addWidget(button)
            self.buttons.append(button)
        self.buttons[0].setChecked(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.group.idClicked.connect(self.chosen)

    def set_texts(self, *texts: str) -> None:
        for button, text in zip(self.buttons, texts, strict=True):
            button.setText(text)

    def current(self) -> int:
        return self.group.checkedId()

    def choose(self, index: int) -> None:
        if self.current() != index:
            self.buttons[index].setChecked(True)
            self.chosen.emit(index)
