"""What a new chat shows before its first message: the model in use, what it can do,
and a few prompts to start from. A setup card can take the top (``set_setup_card``)
when nothing is set up yet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model_records import ModelDetails

COLUMN_WIDTH = 560


class EmptyState(QWidget):
    starterChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(COLUMN_WIDTH)
        self._column = QVBoxLayout(column)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(10)
        self._setup_card: QWidget | None = None

        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column.addWidget(self.title)
        self.model_label = QLabel()
        self.model_label.setObjectName("emptyModel")
        self.model_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.model_label.setWordWrap(True)
        self.model_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._column.addWidget(self.model_label)

        chips = QHBoxLayout()
        chips.setSpacing(6)
        chips.addStretch(1)
        self.chips: dict[str, QLabel] = {}
        for key, text in (
            ("vision", self.tr("Sees images")),
            ("tools", self.tr("Uses tools")),
            ("thinking", self.tr("Thinks first")),
        ):
            chip = QLabel(text)
            chip.setObjectName("capabilityChip")
            chip.hide()
            chips.addWidget(chip)
            self.chips[key] = chip
        chips.addStretch(1)
        self._column.addLayout(chips)

        grid = QGridLayout()
        grid.setSpacing(8)
        self.starters: list[QPushButton] = []
        starters = (
            (
                self.tr("Explain a concept"),
                self.tr("Explain how a hash table works, simply, with a small example."),
            ),
            (
                self.tr("Draft an email"),
                self.tr("Help me write a short, friendly email asking to move a meeting."),
            ),
            (
                self.tr("Review code"),
                self.tr("Review this code and suggest improvements:\n\n"),
            ),
            (
                self.tr("Summarize a text"),
                self.tr("Summarize the key points of this text in five bullets:\n\n"),
            ),
        )
        for number, (label, prompt) in enumerate(starters):
            button = QPushButton(label)
            button.setObjectName("starterPrompt")
            button.setToolTip(prompt.strip())
            button.setAccessibleDescription(self.tr("Puts this prompt in the message box"))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, text=prompt: self.starterChosen.emit(text))
            grid.addWidget(button, number // 2, number % 2)
            self.starters.append(button)
        self._column.addSpacing(8)
        self._column.addLayout(grid)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslate()
        self.set_model("", None)

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.title.setText(self.tr("Start a conversation"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_model(self, model: str, details: ModelDetails | None) -> None:
        """The model a new message goes to and, once known, what it can do."""
        if model:
            text = self.tr("Your message goes to {model}.").format(model=model)
        else:
            text = self.tr("Choose a model below to start.")
        self.model_label.setText(text)
        capabilities = set(details.capabilities) if details is not None else set()
        if details is not None and details.can_think:
            capabilities.add("thinking")
        for key, chip in self.chips.items():
            chip.setVisible(key in capabilities)

    def set_setup_card(self, card: QWidget | None) -> None:
        """Show ``card`` (e.g. first-run setup) above the starters; None removes it."""
        if self._setup_card is not None:
            self._column.removeWidget(self._setup_card)
            self._setup_card.setParent(None)
        self._setup_card = card
        if card is not None:
            self._column.insertWidget(0, card)
            card.show()

    def setup_card(self) -> QWidget | None:
        return self._setup_card
