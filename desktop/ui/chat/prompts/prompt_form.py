"""The small form that asks for a prompt's ``{{variables}}`` before it is inserted.

One field per variable, the first focused; Tab moves between them, Enter inserts the
filled text (``filled``), Esc closes and leaves the composer as it was. Opened with
``open()``, never ``exec()``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.prompt_library import Prompt, fill, unmatched_braces
from desktop.ui.design import Space

PREVIEW_CHARS = 280


class PromptForm(QDialog):
    filled = Signal(str)

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptForm")
        self.prompt = prompt
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.L, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        self.title = QLabel()
        self.title.setObjectName("promptFormTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.preview = QLabel()
        self.preview.setObjectName("promptFormPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.preview)
        self.warning = QLabel()
        self.warning.setObjectName("promptFormWarning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        form = QFormLayout()
        form.setSpacing(Space.S)
        self.fields: dict[str, QLineEdit] = {}
        for name in prompt.variables:
            field = QLineEdit()
            field.setAccessibleName(name)
            form.addRow(name, field)
            self.fields[name] = field
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.insert_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.insert_button.setDefault(True)  # Enter in any field inserts
        self.buttons.accepted.connect(self._insert)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setWindowTitle(self.tr("Fill in the prompt"))
        self.title.setText(self.prompt.name)
        text = self.prompt.text
        self.preview.setText(text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…")
        broken = unmatched_braces(text)
        self.warning.setVisible(broken is not None)
        self.warning.setText(
            self.tr("A “{{” or “}}” in this prompt has no partner; it is inserted as written.")
        )
        self.insert_button.setText(self.tr("Insert"))
        for name, field in self.fields.items():
            field.setPlaceholderText(self.tr("Value for {name}").format(name=name))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def values(self) -> dict[str, str]:
        return {name: field.text() for name, field in self.fields.items()}

    def _insert(self) -> None:
        self.filled.emit(fill(self.prompt.text, self.values()))
        self.accept()
