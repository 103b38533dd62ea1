"""Rows of names and values (a server's environment variables or HTTP headers), each
marked secret or not. A secret's value goes to the keyring; one already stored there is
not shown, and stays as it is unless a new value is typed."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.tools.server_config import looks_secret
from desktop.ui.design import Space
from desktop.ui.icons import icon
from desktop.ui.theme import QUIET, set_kind


@dataclass(frozen=True)
class Entry:
    name: str
    value: str
    secret: bool
    stored: bool = False
    """A secret already in the keyring, whose value was left as it is."""


class _Row(QWidget):
    def __init__(self, entry: Entry, owner: KeyValueRows) -> None:
        super().__init__()
        self.stored = entry.stored
        self.name = QLineEdit(entry.name)
        self.value = QLineEdit(entry.value)
        self.secret = QCheckBox()
        self.secret.setChecked(entry.secret)
        self.remove = QPushButton(icon("x"), "")
        set_kind(self.remove, QUIET)
        self.remove.clicked.connect(lambda: owner.remove_row(self))
        self.secret.toggled.connect(self._secret_changed)
        self.name.textEdited.connect(self._name_edited)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(Space.S)
        row.addWidget(self.name, 2)
        row.addWidget(self.value, 3)
        row.addWidget(self.secret)
        row.addWidget(self.remove)
        self._secret_changed(entry.secret)
        self.retranslate()

    def _name_edited(self, name: str) -> None:
        if looks_secret(name) and not self.value.text():
            self.secret.setChecked(True)

    def _secret_changed(self, secret: bool) -> None:
        mode = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        self.value.setEchoMode(mode)

    def entry(self) -> Entry:
        value = self.value.text()
        stored = self.stored and self.secret.isChecked() and not value
        return Entry(self.name.text().strip(), value, self.secret.isChecked(), stored)

    def retranslate(self) -> None:
        self.name.setPlaceholderText(self.tr("Name"))
        self.value.setPlaceholderText(
            self.tr("Saved in the keyring; type to replace") if self.stored else self.tr("Value")
        )
        self.secret.setText(self.tr("Secret"))
        self.secret.setToolTip(self.tr("Kept in the system keyring, never in a settings file"))
        self.remove.setToolTip(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove this row"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class KeyValueRows(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_Row] = []
        self._rows = QVBoxLayout()
        self._rows.setSpacing(Space.XS)
        self.add = QPushButton(icon("plug"), "")
        set_kind(self.add, QUIET)
        self.add.clicked.connect(lambda: self.add_row(Entry("", "", False)).name.setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        layout.addLayout(self._rows)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.add_label = ""

    def set_entries(self, entries: list[Entry]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for entry in entries:
            self.add_row(entry)

    def add_row(self, entry: Entry) -> _Row:
        row = _Row(entry, self)
        self.rows.append(row)
        self._rows.addWidget(row)
        return row

    def remove_row(self, row: _Row) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()

    def entries(self) -> list[Entry]:
        return [entry for entry in (row.entry() for row in self.rows) if entry.name]

    def set_add_text(self, words: str) -> None:
        self.add.setText(words)
