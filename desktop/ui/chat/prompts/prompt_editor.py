"""One prompt or persona being edited in the library window: name, tags, text.

Built-in ones are shown read-only (the window offers Duplicate to change a copy). What
is wrong with the draft (no name, a name already taken, a `{{` without its `}}`) is said
under the fields; the first two keep Save disabled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.prompt_library import Kind, Prompt, unmatched_braces, variables
from desktop.ui.design import Space


class PromptEditor(QWidget):
    saveRequested = Signal(object)  # Prompt

    def __init__(
        self, name_taken: Callable[[str, Kind], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptEditor")
        self._name_taken = name_taken
        self._prompt: Prompt | None = None
        self._kind: Kind = "prompt"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        self.notice = QLabel()
        self.notice.setObjectName("promptEditorNotice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        form = QFormLayout()
        form.setSpacing(Space.S)
        self.name = QLineEdit()
        self.tags = QLineEdit()
        self.name_label, self.tags_label = QLabel(), QLabel()
        form.addRow(self.name_label, self.name)
        form.addRow(self.tags_label, self.tags)
        layout.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setObjectName("promptEditorText")
        layout.addWidget(self.text, 1)
        self.hint = QLabel()
        self.hint.setObjectName("promptEditorHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.problem = QLabel()
        self.problem.setObjectName("promptEditorProblem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton()
        self.save_button.setProperty("kind", "primary")
        self.save_button.clicked.connect(self._save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        for signal in (self.name.textChanged, self.tags.textChanged, self.text.textChanged):
            signal.connect(self._check)
        self.retranslate()
        self.show_prompt(None, "prompt")

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.name_label.setText(self.tr("Name"))
        self.tags_label.setText(self.tr("Tags"))
        self.name.setAccessibleName(self.tr("Name"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("Optional, separated by commas"))
        self.text.setAccessibleName(self.tr("Text"))
        self.save_button.setText(self.tr("Save"))
        self._check()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def prompt(self) -> Prompt | None:
        """The prompt shown (None for a new one not saved yet)."""
        return self._prompt

    def show_prompt(self, prompt: Prompt | None, kind: Kind) -> None:
        """Show ``prompt`` (None: an empty new one of ``kind``)."""
        self._prompt, self._kind = prompt, prompt.kind if prompt else kind
        readonly = bool(prompt and prompt.builtin)
        self.name.setText(prompt.name if prompt else "")
        self.tags.setText(", ".join(prompt.tags) if prompt else "")
        self.text.setPlainText(prompt.text if prompt else "")
        for field in (self.name, self.tags):
            field.setReadOnly(readonly)
        self.text.setReadOnly(readonly)
        self.save_button.setVisible(not readonly)
        self._check()

    def unsaved(self) -> bool:
        """The fields differ from what was shown (a new one: something was typed)."""
        if self._prompt is not None and self._prompt.builtin:
            return False
        draft = self.draft()
        if self._prompt is None:
            return bool(draft.name or draft.text.strip())
        return draft != self._prompt

    def can_save(self) -> bool:
        return self.save_button.isEnabled()

    def draft(self) -> Prompt:
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        return Prompt(self.name.text().strip(), self.text.toPlainText(), self._kind, tags)

    def _check(self) -> None:
        builtin = bool(self._prompt and self._prompt.builtin)
        if builtin:
            self.notice.setText(
                self.tr("Built into Parley. Duplicate it to make your own version.")
            )
        elif self._kind == "persona":
            self.notice.setText(self.tr("A persona is a system prompt you can pick for any chat."))
        else:
            self.notice.setText(
                self.tr("Type / and its name at the start of a line in the message box.")
            )
        self.text.setPlaceholderText(
            self.tr("How the model should behave…")
            if self._kind == "persona"
            else self.tr("For example: Explain {{topic}} in simple words.")
        )
        draft = self.draft()
        found = variables(draft.text)
        self.hint.setVisible(self._kind == "prompt")
        self.hint.setText(
            self.tr("Asks for: {names}").format(names=", ".join(found))
            if found
            else self.tr("Write {{name}} where a value should be asked for when it is inserted.")
        )
        problem, blocking = "", True
        if not builtin:
            original = self._prompt.name.casefold() if self._prompt else None
            if not draft.name:
                problem = self.tr("Give it a name.")
            elif draft.name.casefold() != original and self._name_taken(draft.name, self._kind):
                problem = self.tr("Another one is already called “{name}”.").format(name=draft.name)
            elif not draft.text.strip():
                problem = self.tr("Write its text.")
            else:
                blocking = False
                if unmatched_braces(draft.text) is not None:  # a warning, not a refusal
                    problem = self.tr(
                        "A “{{” or “}}” has no partner; it will be inserted as written."
                    )
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(not blocking)

    def _save(self) -> None:
        if self.save_button.isEnabled():
            self.saveRequested.emit(self.draft())
