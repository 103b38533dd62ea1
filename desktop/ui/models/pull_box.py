"""The Pull field: checks the name as it is typed and offers corrected names to click.

The field and its button sit in the page's header; what the check says (``feedback``: a
line and up to three corrected names) is a separate widget the page puts under it, so
the header keeps its height until there is something to say.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from desktop.core.pull_name import NameCheck, validate_pull_name
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.icons import icon
from desktop.ui.strings import translated
from desktop.ui.theme import PRIMARY, QUIET, set_kind

MAX_SUGGESTIONS = 3


class PullBox(QWidget):
    pullRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = validate_pull_name("")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        # On a wide window the field stops growing at its maximum; the space left goes
        # before it, so the field and Pull stay together next to Import and Refresh.
        row.addStretch(0)
        self.name_edit = QLineEdit()
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.setMinimumWidth(160)
        self.name_edit.setMaximumWidth(460)
        row.addWidget(self.name_edit, 1)
        self.pull_button = QPushButton(icon("download", "accent_text"), "")
        set_kind(self.pull_button, PRIMARY)
        self.pull_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addWidget(self.pull_button)

        self.feedback = QWidget(self)  # the page places it under the header
        feedback = QHBoxLayout(self.feedback)
        feedback.setContentsMargins(0, 0, 0, 0)
        feedback.setSpacing(4)
        self.message = WrappingLabel()
        self.message.setObjectName("pullAdvice")
        feedback.addWidget(self.message, 1)
        suggestions = QHBoxLayout()
        self.suggestion_buttons: list[QPushButton] = []
        for _ in range(MAX_SUGGESTIONS):
            button = QPushButton()
            set_kind(button, QUIET)
            button.clicked.connect(lambda _=False, b=button: self._use(b.property("name")))
            suggestions.addWidget(button)
            self.suggestion_buttons.append(button)
        feedback.addLayout(suggestions)
        self.name_edit.textChanged.connect(self._changed)
        self.name_edit.returnPressed.connect(self.pull)
        self.pull_button.clicked.connect(self.pull)
        self.retranslate()
        self._changed("")

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.name_edit.setPlaceholderText(self.tr("Model to download, e.g. qwen3:4b or llama3.2"))
        self.name_edit.setAccessibleName(self.tr("Name of the model to download"))
        self.pull_button.setText(self.tr("Pull"))
        self.pull_button.setAccessibleName(self.tr("Download the model"))
        self.pull_button.setToolTip(self.tr("Download the model from the Ollama library"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def check(self) -> NameCheck:
        return self._check

    def pull(self) -> None:
        if self._check.ok:
            self.pullRequested.emit(self._check.normalized)
            self.name_edit.clear()

    def suggest(self, name: str) -> None:
        """Put ``name`` in the field for the person to check and Pull."""
        self._use(name)

    def _use(self, name: object) -> None:
        if isinstance(name, str):
            self.name_edit.setText(name)
            self.name_edit.setFocus()

    def _changed(self, text: str) -> None:
        check = validate_pull_name(text) if text.strip() else None
        self._check = check or validate_pull_name("")
        self.pull_button.setEnabled(check is not None and check.ok)
        self.message.setText(translated(check.problem) if check is not None else "")
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
        self.feedback.setVisible(bool(self.message.text() or suggestions))
