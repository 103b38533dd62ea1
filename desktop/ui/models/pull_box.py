"""The Pull field: checks the name as it is typed and offers corrected names to click."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.core.pull_name import NameCheck, validate_pull_name
from desktop.ui.i18n_core import core_text

MAX_SUGGESTIONS = 3


class PullBox(QWidget):
    pullRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = validate_pull_name("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Model to download, e.g. qwen3:4b or llama3.2"))
        self.name_edit.setAccessibleName(self.tr("Name of the model to download"))
        self.name_edit.setClearButtonEnabled(True)
        row.addWidget(self.name_edit, 1)
        self.pull_button = QPushButton(self.tr("Pull"))
        self.pull_button.setAccessibleName(self.tr("Download the model"))
        row.addWidget(self.pull_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        suggestions = QHBoxLayout()
        self.suggestion_buttons: list[QPushButton] = []
        for _ in range(MAX_SUGGESTIONS):
            button = QPushButton()
            button.clicked.connect(lambda _=False, b=button: self._use(b.property("name")))
            suggestions.addWidget(button)
            self.suggestion_buttons.append(button)
        suggestions.addStretch(1)
        layout.addLayout(suggestions)
        self.name_edit.textChanged.connect(self._changed)
        self.name_edit.returnPressed.connect(self.pull)
        self.pull_button.clicked.connect(self.pull)
        self._changed("")

    @property
    def check(self) -> NameCheck:
        return self._check

    def pull(self) -> None:
        if self._check.ok:
            self.pullRequested.emit(self._check.normalized)
            self.name_edit.clear()

    def _use(self, name: object) -> None:
        if isinstance(name, str):
            self.name_edit.setText(name)
            self.name_edit.setFocus()

    def _changed(self, text: str) -> None:
        check = validate_pull_name(text) if text.strip() else None
        self._check = check or validate_pull_name("")
        self.pull_button.setEnabled(check is not None and check.ok)
        self.message.setText(core_text(check.problem) if check is not None else "")
        self.message.setProperty("warning", check is not None and not check.ok)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        suggestions = check.suggestions if check is not None else ()
        for index, button in enumerate(self.suggestion_buttons):
            if index < len(suggestions):
                button.setText(self.tr("Use {name}").format(name=suggestions[index]))
                button.setProperty("name", suggestions[index])
                button.show()
            else:
                button.hide()
