"""Pasting the ``mcpServers`` JSON that other apps share (Claude Desktop, LM Studio,
Cursor): it is read as it is typed, and says what is wrong before anything is added."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.tools.mcp_json import ImportResult, McpJsonProblem, parse_mcp_servers
from desktop.ui.design import Space
from desktop.ui.strings import counted, translated
from desktop.ui.theme import PRIMARY, set_kind

EXAMPLE = """{
  "mcpServers": {
    "time": { "command": "uvx", "args": ["mcp-server-time"] },
    "remote": { "url": "https://example.com/mcp" }
  }
}"""


class ImportDialog(QDialog):
    imported = Signal(object)
    """The :class:`ImportResult` read (only sent when it names at least one server)."""

    def __init__(self, parent: QWidget | None, document: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setMinimumSize(560, 420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.editor = QPlainTextEdit(document)
        self.editor.setObjectName("toolSchema")
        self.editor.setPlaceholderText(EXAMPLE)
        self.editor.setProperty("example", "code")  # an example document, not words
        self.editor.textChanged.connect(self._check)
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        set_kind(self.add, PRIMARY)
        self.buttons.accepted.connect(self.accept_document)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.L, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        layout.addWidget(self.intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.result_read: ImportResult | None = None
        self.retranslate()
        self._check()

    def _check(self) -> None:
        document = self.editor.toPlainText()
        self.result_read = None
        if not document.strip():
            self.problem.setText("")
        else:
            try:
                self.result_read = parse_mcp_servers(document)
            except McpJsonProblem as problem:
                self.problem.setText(translated(problem.text))
            else:
                skipped = [translated(problem) for problem in self.result_read.problems]
                self.problem.setText("\n".join(skipped))
        found = len(self.result_read.servers) if self.result_read else 0
        self.add.setEnabled(found > 0)
        self.add.setText(
            counted(found, self.tr("Add 1 server"), self.tr("Add {count} servers"))
            if found
            else self.tr("Add")
        )

    def accept_document(self) -> None:
        if self.result_read is not None and self.result_read.servers:
            self.imported.emit(self.result_read)
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Paste mcpServers JSON"))
        self.intro.setText(
            self.tr(
                "Paste the JSON that Claude Desktop, LM Studio, Cursor and others use. "
                "Values of variables and headers that look secret (keys, tokens) go to the "
                "system keyring."
            )
        )
        self._check()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
