"""Create a variant of an installed model, or edit one: name, system prompt, template and
parameters, prefilled from /api/show, sent as /api/create ``from`` the model.

    ┌ Create a variant of qwen3:4b ───────────────────────────────┐
    │ Name          [qwen3-helper                              ]  │
    │ System prompt [You answer in one short paragraph.        ]  │
    │ Parameters    ┌ name ──────────┬ value ────┐ [+ Add] [−]    │
    │               │ num_ctx        │ 8192      │                │
    │ Template      [{{ .Prompt }} … (optional)                ]  │
    │ writing manifest                                            │
    │ Modelfile     [FROM …  SYSTEM "…"  PARAMETER …]            │
    │                                         [Close] [Create]    │
    └─────────────────────────────────────────────────────────────┘

Editing is the same dialog opened with the model's own name: saving creates it again
from itself. Ollama's statuses stream into the dialog; when it refuses (a bad name, a
bad parameter) its words show and the dialog stays open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ProviderError
from desktop.core.model_parameters import COMMON, parameters_from_rows, rows_from_show
from desktop.core.model_records import ModelDetails
from desktop.providers.ollama import OllamaProvider
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import PRIMARY, QUIET, set_kind


class ParameterTable(QTableWidget):
    """Rows of name and value; a name may repeat (``stop``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("variantParameters")
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(120)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        self.setRowCount(0)
        for name, value in rows:
            self.add_row(name, value)

    def add_row(self, name: str = "", value: str = "") -> int:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(name))
        self.setItem(row, 1, QTableWidgetItem(value))
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.selectedIndexes()}, reverse=True):
            self.removeRow(row)

    def rows(self) -> list[tuple[str, str]]:
        def cell(row: int, column: int) -> str:
            item = self.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(row, 0), cell(row, 1)) for row in range(self.rowCount())]


class VariantDialog(QDialog):
    created = Signal(str)  # the name Ollama created

    def __init__(
        self,
        provider: Callable[[], OllamaProvider],
        tasks: TaskOwner,
        base: str,
        *,
        edit: bool = False,
        taken: Callable[[str], bool] = lambda _name: False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("variantDialog")
        self._taken = taken
        """Whether a model of that full name is installed (it would be replaced)."""
        self._provider = provider
        self._tasks = tasks
        self.base = base
        self.edit = edit
        self._template = ""
        self.busy = False

        self.heading = QLabel()
        self.heading.setObjectName("variantHeading")
        self.name_edit = QLineEdit()
        self.system_edit = QPlainTextEdit()
        self.system_edit.setObjectName("variantSystem")
        self.system_edit.setTabChangesFocus(True)
        self.parameters = ParameterTable()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        for button in (self.add_button, self.remove_button):
            set_kind(button, QUIET)
        self.template_edit = QPlainTextEdit()
        self.template_edit.setObjectName("variantTemplate")
        self.template_edit.setTabChangesFocus(True)
        self.status = WrappingLabel()
        self.status.setObjectName("variantStatus")
        self.modelfile = QPlainTextEdit()
        self.modelfile.setObjectName("variantModelfile")
        self.modelfile.setReadOnly(True)
        self.modelfile.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        set_kind(self.create_button, PRIMARY)

        table_buttons = QVBoxLayout()
        table_buttons.addWidget(self.add_button)
        table_buttons.addWidget(self.remove_button)
        table_buttons.addStretch(1)
        table_row = QHBoxLayout()
        table_row.addWidget(self.parameters, 1)
        table_row.addLayout(table_buttons)
        self.labels = [QLabel() for _ in range(4)]
        self.form = QFormLayout()
        self.form.addRow(self.labels[0], self.name_edit)
        self.form.addRow(self.labels[1], self.system_edit)
        self.form.addRow(self.labels[2], table_row)
        self.form.addRow(self.labels[3], self.template_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.modelfile, 1)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self.parameters.remove_selected)
        self.create_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.setText(base if edit else base.split(":", 1)[0] + "-custom")
        self._set_busy(True)
        self.retranslate()
        self.resize(640, 620)
        self.loaded = tasks.spawn(self._load(), name="ollama-variant-show")
        self.creating: asyncio.Task[None] | None = None

    def retranslate(self) -> None:
        """Every text in the language in use (at start, and after a switch)."""
        self.setWindowTitle(self.tr("Edit model") if self.edit else self.tr("Create variant"))
        words = self.tr("Edit {name}") if self.edit else self.tr("Create a variant of {name}")
        self.heading.setText(words.format(name=self.base))
        texts = (self.tr("Name"), self.tr("System prompt"), self.tr("Parameters"))
        for label, words in zip(self.labels, (*texts, self.tr("Template")), strict=True):
            label.setText(words)
        self.name_edit.setPlaceholderText(self.tr("for example my-assistant"))
        self.system_edit.setPlaceholderText(
            self.tr("What the model is told before every chat (optional)")
        )
        self.template_edit.setPlaceholderText(self.tr("The model's own template (optional)"))
        self.parameters.setHorizontalHeaderLabels([self.tr("Parameter"), self.tr("Value")])
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.create_button.setText(self.tr("Save") if self.edit else self.tr("Create"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def request(self) -> dict[str, object]:
        """The /api/create body (less name and stream) for what the fields say now."""
        body: dict[str, object] = {"from": self.base}
        if system := self.system_edit.toPlainText().strip():
            body["system"] = system
        template = self.template_edit.toPlainText()
        if template.strip() and template != self._template:
            body["template"] = template
        if parameters := parameters_from_rows(self.parameters.rows()):
            body["parameters"] = parameters
        return body

    def submit(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self._say(self.tr("Give the new model a name."), error=True)
            return
        full = name if ":" in name else name + ":latest"
        if self._taken(full) and not (self.edit and full == self.base):
            self._say(
                self.tr("A model named {name} is installed already; choose another name.").format(
                    name=full
                ),
                error=True,
            )
            return
        self._set_busy(True)
        self.creating = self._tasks.spawn(self._create(name, self.request()), name="ollama-create")

    def done(self, result: int) -> None:
        """Closing stops what the dialog still waits for: its widgets go with it."""
        self.loaded.cancel()
        if self.creating is not None:
            self.creating.cancel()
        super().done(result)

    async def _load(self) -> None:
        try:
            details = await self._provider().show(self.base)
        except ProviderError as error:
            self._say(translated(error), error=True)
            return
        self._fill(details)
        self._set_busy(False)

    def _fill(self, details: ModelDetails) -> None:
        self.system_edit.setPlainText(details.system)
        self._template = details.template
        self.template_edit.setPlainText(details.template)
        self.parameters.set_rows(rows_from_show(details.parameters))

    async def _create(self, name: str, request: dict[str, object]) -> None:
        provider = self._provider()
        try:
            async for status in provider.create(name, request):
                self._say(status)
            details = await provider.show(name)
        except ProviderError as error:
            self._say(translated(error), error=True)
            self._set_busy(False)
            return
        self._say(self.tr("{name} is ready. Its Modelfile:").format(name=name))
        self.modelfile.setPlainText(details.modelfile)
        self.modelfile.show()
        self._set_busy(False)
        self.created.emit(name)

    def _add_row(self) -> None:
        used = {name for name, _ in self.parameters.rows()}
        name = next((name for name in COMMON if name not in used), "")
        row = self.parameters.add_row(name, "")
        column = 1 if name else 0
        self.parameters.setCurrentCell(row, column)
        if (item := self.parameters.item(row, column)) is not None:
            self.parameters.editItem(item)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.create_button.setEnabled(not busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
