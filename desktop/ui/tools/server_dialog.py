"""Adding or editing one server: a local command (stdio) or a URL (Streamable HTTP).

Opened with ``open()`` (never a nested event loop); ``saved`` carries the new settings,
the secret values typed (by slot) and the name of the server they replace.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.tools.server_config import (
    TOKEN_SLOT,
    ServerConfig,
    Transport,
    env_slot,
    header_slot,
)
from desktop.ui.design import Space
from desktop.ui.icons import icon
from desktop.ui.theme import PRIMARY, set_kind
from desktop.ui.tools.key_values import Entry, KeyValueRows


class ServerDialog(QDialog):
    saved = Signal(object, object, str)
    """(ServerConfig, {slot: secret value}, the name of the server replaced or "")."""

    def __init__(
        self, parent: QWidget | None, config: ServerConfig | None, taken: Collection[str]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setMinimumWidth(660)
        self._old = config
        self._taken = set(taken) - ({config.name} if config else set())
        self.name = QLineEdit(config.name if config else "")
        self.local = QRadioButton()
        self.remote = QRadioButton()
        kinds = QButtonGroup(self)
        kinds.addButton(self.local)
        kinds.addButton(self.remote)
        http = config is not None and config.transport is Transport.HTTP
        (self.remote if http else self.local).setChecked(True)
        self.local.toggled.connect(self._kind_changed)

        self.command = QLineEdit(config.command if config else "")
        self.args = QLineEdit(shlex.join(config.args) if config else "")
        self.cwd = QLineEdit(config.cwd if config else "")
        self.browse = QPushButton(icon("folder-open"), "")
        self.browse.clicked.connect(self._choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(self.cwd, 1)
        folder.addWidget(self.browse)
        self.env = KeyValueRows()
        self.env.set_entries(_entries(config, "env") if config else [])
        self.url = QLineEdit(config.url if config else "")
        self.headers = KeyValueRows()
        self.headers.set_entries(_entries(config, "headers") if config else [])
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self._had_token = bool(config and config.has_token)

        self.stdio_form = QWidget()
        stdio = QFormLayout(self.stdio_form)
        stdio.setContentsMargins(0, 0, 0, 0)
        self._stdio_labels = [QLabel() for _ in range(4)]
        labels = self._stdio_labels
        stdio.addRow(labels[0], self.command)
        stdio.addRow(labels[1], self.args)
        stdio.addRow(labels[2], folder)
        stdio.addRow(labels[3], self.env)
        for label, buddy in zip(labels, (self.command, self.args, self.cwd, self.env), strict=True):
            label.setBuddy(buddy)
        self.http_form = QWidget()
        remote = QFormLayout(self.http_form)
        remote.setContentsMargins(0, 0, 0, 0)
        self._http_labels = [QLabel() for _ in range(3)]
        for label, field in zip(
            self._http_labels, (self.url, self.token, self.headers), strict=True
        ):
            remote.addRow(label, field)
            label.setBuddy(field)
        self.forms = QStackedWidget()
        self.forms.addWidget(self.stdio_form)
        self.forms.addWidget(self.http_form)

        top = QFormLayout()
        self._name_label, self._kind_label = QLabel(), QLabel()
        self._name_label.setBuddy(self.name)
        top.addRow(self._name_label, self.name)
        kind_row = QVBoxLayout()
        kind_row.setSpacing(Space.XS)
        kind_row.addWidget(self.local)
        kind_row.addWidget(self.remote)
        top.addRow(self._kind_label, kind_row)
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        set_kind(self.buttons.button(QDialogButtonBox.StandardButton.Save), PRIMARY)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.L, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        layout.addLayout(top)
        layout.addWidget(self.forms)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._kind_changed()
        self.retranslate()

    def _kind_changed(self) -> None:
        self.forms.setCurrentWidget(self.stdio_form if self.local.isChecked() else self.http_form)

    def _choose_folder(self) -> None:
        chooser = QFileDialog(self, self.tr("Working folder"), self.cwd.text())
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.fileSelected.connect(self.cwd.setText)
        chooser.open()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit MCP server") if self._old else self.tr("Add MCP server"))
        self._name_label.setText(self.tr("Name"))
        self._kind_label.setText(self.tr("Runs as"))
        self.local.setText(self.tr("A command on this computer (stdio)"))
        self.remote.setText(self.tr("A server at a URL (Streamable HTTP)"))
        for label, words in zip(
            self._stdio_labels,
            (
                self.tr("Command"),
                self.tr("Arguments"),
                self.tr("Working folder"),
                self.tr("Environment"),
            ),
            strict=True,
        ):
            label.setText(words)
        for label, words in zip(
            self._http_labels,
            (self.tr("URL"), self.tr("Bearer token"), self.tr("Headers")),
            strict=True,
        ):
            label.setText(words)
        self.name.setPlaceholderText(self.tr("weather, files, github…"))
        self.command.setPlaceholderText(self.tr("npx, uvx, docker, python… or a full path"))
        self.args.setPlaceholderText("-y @modelcontextprotocol/server-filesystem ~/Documents")
        self.args.setProperty("example", "code")  # an example command line, not words
        self.cwd.setPlaceholderText(self.tr("Parley's own (leave empty)"))
        self.browse.setText(self.tr("Choose…"))
        self.url.setPlaceholderText("https://example.com/mcp")
        self.token.setPlaceholderText(
            self.tr("Saved in the keyring; type to replace")
            if self._had_token
            else self.tr("Optional; sent as Authorization: Bearer …")
        )
        self.env.set_add_text(self.tr("Add variable"))
        self.headers.set_add_text(self.tr("Add header"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- saving ----------------------------------------------------------------------
    def save(self) -> None:
        try:
            config, secrets = self.result_config()
        except ValueError as problem:
            self.problem.setText(str(problem))
            self.problem.show()
            return
        self.saved.emit(config, secrets, self._old.name if self._old else "")
        self.accept()

    def result_config(self) -> tuple[ServerConfig, dict[str, str]]:
        """The settings and secrets in the form; ValueError says what is wrong (translated)."""
        name = self.name.text().strip()
        if not name:
            raise ValueError(self.tr("Give the server a name."))
        if name in self._taken:
            raise ValueError(self.tr("Another server is already called {name}.").format(name=name))
        secrets: dict[str, str] = {}
        env, secret_env = _split(self.env.entries(), env_slot, secrets)
        enabled = self._old.enabled if self._old else True
        key_id = self._old.key_id if self._old else ""
        if self.local.isChecked():
            command = self.command.text().strip()
            if not command:
                raise ValueError(self.tr("Say which command starts the server."))
            try:
                args = tuple(shlex.split(self.args.text()))
            except ValueError as error:
                raise ValueError(
                    self.tr("The arguments cannot be read: {error}.").format(error=error)
                ) from None
            config = ServerConfig(
                name, Transport.STDIO, command=command, args=args, env=env,
                secret_env=secret_env, cwd=self.cwd.text().strip(), enabled=enabled, key_id=key_id,
            )  # fmt: skip
            return config, secrets
        url = self.url.text().strip()
        if not url.startswith(("http://", "https://")):
            raise ValueError(self.tr("The URL must start with http:// or https://."))
        headers, secret_headers = _split(self.headers.entries(), header_slot, secrets)
        token = self.token.text().strip()
        if token:
            secrets[TOKEN_SLOT] = token
        config = ServerConfig(
            name, Transport.HTTP, url=url, headers=headers, secret_headers=secret_headers,
            has_token=bool(token) or self._had_token, env=env, secret_env=secret_env,
            enabled=enabled, key_id=key_id,
        )  # fmt: skip
        return config, secrets


def _entries(config: ServerConfig, which: str) -> list[Entry]:
    plain = config.env if which == "env" else config.headers
    secret = config.secret_env if which == "env" else config.secret_headers
    return [Entry(k, v, False) for k, v in plain.items()] + [
        Entry(name, "", True, stored=True) for name in secret
    ]


def _split(
    entries: list[Entry], slot: object, secrets: dict[str, str]
) -> tuple[dict[str, str], tuple[str, ...]]:
    plain: dict[str, str] = {}
    secret_names: list[str] = []
    for entry in entries:
        if entry.secret:
            secret_names.append(entry.name)
            if not entry.stored:
                secrets[slot(entry.name)] = entry.value  # type: ignore[operator]
        else:
            plain[entry.name] = entry.value
    return plain, tuple(secret_names)
