"""The Tools page: the MCP servers that give models tools.

A list of servers (state dot, what it runs, an on/off switch) beside the chosen one's
tools and log; Add, Paste mcpServers JSON and Open… above; the time a tool call may take
below. Everything is done by :class:`~desktop.tools.manager.McpServerManager`; this page
shows it and asks it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.toolbox import AvailableTool, Policy
from desktop.tools.manager import McpServerManager
from desktop.tools.mcp_json import ImportResult
from desktop.tools.server_config import ServerConfig
from desktop.tools.tool_source import offered
from desktop.ui.design import Space
from desktop.ui.icons import icon
from desktop.ui.page_tasks import PageTasks
from desktop.ui.strings import counted, translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import PRIMARY, QUIET, SECONDARY, set_kind
from desktop.ui.tools.import_dialog import ImportDialog
from desktop.ui.tools.server_detail import ServerDetail
from desktop.ui.tools.server_dialog import ServerDialog
from desktop.ui.tools.server_list import ServerList
from desktop.ui.tools.tool_cards import SERVERS_CHOICE

LIST_WIDTH = 300


class ServerPolicies(Protocol):
    """The person's allow / ask / deny per server and per tool
    (desktop.core.tool_policy.ToolPolicies)."""

    def server_policy(self, identity: str) -> Policy: ...

    def set_server_policy(self, identity: str, policy: Policy) -> None: ...

    def tool_policy(self, tool: AvailableTool) -> Policy | None: ...

    def set_tool_policy(self, tool: AvailableTool, policy: Policy) -> None: ...


MAX_JSON_BYTES = 1_000_000


class ToolsPage(QWidget):
    def __init__(
        self,
        manager: McpServerManager,
        tasks: TaskOwner,
        parent: QWidget | None = None,
        *,
        policies: ServerPolicies | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("toolsPage")
        self.manager = manager
        self.policies = policies
        self._tasks = PageTasks(tasks, "tools page")
        self.dialog: QWidget | None = None
        """The dialog open now (add/edit, paste, open a file, confirm removal)."""

        self.title = QLabel()
        self.title.setObjectName("toolsTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("toolsSubtitle")
        self.subtitle.setWordWrap(True)
        self.paste = QPushButton(icon("file-text"), "")
        self.open_file = QPushButton(icon("folder-open"), "")
        self.add = QPushButton(icon("plug"), "")
        set_kind(self.paste, SECONDARY)
        set_kind(self.open_file, SECONDARY)
        set_kind(self.add, PRIMARY)
        self.paste.clicked.connect(lambda: self.paste_json())
        self.open_file.clicked.connect(lambda: self.open_json())
        self.add.clicked.connect(lambda: self.add_server())

        self.notice = QFrame()
        self.notice.setObjectName("toolsNotice")
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.notice_close = QPushButton(icon("x"), "")
        set_kind(self.notice_close, QUIET)
        self.notice_close.clicked.connect(self.notice.hide)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(Space.M, Space.S, Space.S, Space.S)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()

        self.servers = ServerList()
        self.servers.setFixedWidth(LIST_WIDTH)
        self.detail = ServerDetail()
        self.servers.chosen.connect(self._show_chosen)
        self.servers.toggled.connect(lambda name, on: self._run(self.manager.set_enabled(name, on)))
        self.detail.restartRequested.connect(lambda name: self._run(self.manager.restart(name)))
        self.detail.editRequested.connect(self.edit_server)
        self.detail.removeRequested.connect(self.confirm_removal)
        self.detail.policyChosen.connect(self._policy_chosen)
        self.detail.tools.policyChosen.connect(self._tool_policy_chosen)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(Space.L)
        columns.addWidget(self.servers)
        columns.addWidget(self.detail, 1)

        self.empty = QFrame()
        self.empty.setObjectName("toolsEmpty")
        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_text = QLabel()
        self.empty_text.setObjectName("toolsHint")
        self.empty_text.setWordWrap(True)
        self.empty_text.setFixedWidth(480)
        for label in (self.empty_title, self.empty_text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title, 0, Qt.AlignmentFlag.AlignHCenter)
        text_row = QHBoxLayout()  # not an aligned item: those ignore the height wrapping needs
        text_row.addStretch(1)
        text_row.addWidget(self.empty_text)
        text_row.addStretch(1)
        empty_layout.addLayout(text_row)
        self.empty_paste = QPushButton(icon("file-text"), "")
        self.empty_add = QPushButton(icon("plug"), "")
        set_kind(self.empty_paste, SECONDARY)
        set_kind(self.empty_add, PRIMARY)
        self.empty_paste.clicked.connect(lambda: self.paste_json())
        self.empty_add.clicked.connect(lambda: self.add_server())
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        empty_buttons.addWidget(self.empty_paste)
        empty_buttons.addWidget(self.empty_add)
        empty_buttons.addStretch(1)
        empty_layout.addSpacing(Space.M)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)

        self.timeout_label = QLabel()
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 3600)
        self.timeout.setValue(round(manager.tool_timeout))
        self.timeout.valueChanged.connect(lambda value: manager.set_tool_timeout(value))
        self.timeout_label.setBuddy(self.timeout)
        footer = QHBoxLayout()
        footer.setSpacing(Space.S)
        footer.addWidget(self.timeout_label)
        footer.addWidget(self.timeout)
        footer.addStretch(1)

        header = QHBoxLayout()
        header.setSpacing(Space.S)
        words = QVBoxLayout()
        words.setSpacing(Space.XS)
        words.addWidget(self.title)
        words.addWidget(self.subtitle)
        header.addLayout(words, 1)
        for button in (self.paste, self.open_file, self.add):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)

        subscriptions = [
            manager.on_servers.subscribe(self.reload),
            manager.on_status.subscribe(self._status_changed),
            manager.logs.on_log.subscribe(self._log_changed),
        ]
        self.destroyed.connect(lambda *_: [end() for end in subscriptions])
        self.retranslate()
        self.reload()
        if manager.load_problem is not None:
            self.say(translated(manager.load_problem), problem=True)

    # -- showing -------------------------------------------------------------------
    def reload(self) -> None:
        servers = [(config, self.manager.status(config.name)) for config in self.manager.servers]
        self.stack.setCurrentIndex(1 if servers else 0)
        self.servers.set_servers(servers)
        self._show_chosen(self.servers.current_name())

    def _show_chosen(self, name: str) -> None:
        config = self.manager.config(name)
        self.detail.setVisible(config is not None)
        if config is not None:
            self.detail.show_server(config, self.manager.status(name))
            self.detail.show_log(lambda seen: self.manager.logs.since(name, seen), anew=True)
            policies = self.policies
            shown = policies.server_policy(config.identity) if policies is not None else None
            self.detail.show_policy(shown)
            self.detail.tools.policy_of = (
                None
                if policies is None
                else lambda tool: policies.tool_policy(offered(config.name, config.identity, tool))
            )
            self.detail.tools.show_policies()

    def set_policies(self, policies: ServerPolicies | None) -> None:
        self.policies = policies
        self._show_chosen(self.servers.current_name())

    def _policy_chosen(self, identity: str, value: str) -> None:
        if self.policies is not None:
            self.policies.set_server_policy(identity, Policy(value))

    def _tool_policy_chosen(self, name: str, value: str) -> None:
        """A tool's own choice; SERVERS_CHOICE (stored as "ask") follows the server."""
        config = self.manager.config(self.servers.current_name())
        tool = (
            next(
                (tool for tool in self.manager.status(config.name).tools if tool.name == name), None
            )
            if config is not None
            else None
        )
        if self.policies is not None and config is not None and tool is not None:
            policy = Policy(value) if value != SERVERS_CHOICE else Policy.ASK
            self.policies.set_tool_policy(offered(config.name, config.identity, tool), policy)

    def _status_changed(self, name: str) -> None:
        config = self.manager.config(name)
        if config is None:
            return
        status = self.manager.status(name)
        self.servers.show_state(config, status)
        if self.servers.current_name() == name:
            self.detail.show_server(config, status)

    def _log_changed(self, name: str) -> None:
        if self.servers.current_name() == name:
            self.detail.show_log(lambda seen: self.manager.logs.since(name, seen))

    def say(self, words: str, *, problem: bool = False) -> None:
        self.notice.setProperty("kind", "problem" if problem else "info")
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice_text.setText(words)
        self.notice.show()

    # -- actions -------------------------------------------------------------------
    def add_server(self) -> ServerDialog:
        return self._server_dialog(None)

    def edit_server(self, name: str) -> ServerDialog | None:
        config = self.manager.config(name)
        return self._server_dialog(config) if config is not None else None

    def _server_dialog(self, config: ServerConfig | None) -> ServerDialog:
        names = [server.name for server in self.manager.servers]
        dialog = ServerDialog(self, config, names)
        dialog.saved.connect(self._save)
        self._open(dialog)
        return dialog

    def _save(self, config: ServerConfig, secrets: dict[str, str], replacing: str) -> None:
        async def save() -> None:
            saved = await self.manager.save_server(config, secrets, replacing=replacing)
            self.servers.choose(saved.name)

        self._run(save())

    def confirm_removal(self, name: str) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove {name}?").format(name=name))
        box.setText(
            self.tr("Remove the server {name}? Its secrets are deleted from the keyring.").format(
                name=name
            )
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._run(self.manager.remove_server(name)) if button is remove else None
        )
        self._open(box)
        return box

    def paste_json(self, document: str = "") -> ImportDialog:
        dialog = ImportDialog(self, document)
        dialog.imported.connect(self._import)
        self._open(dialog)
        return dialog

    def open_json(self) -> QFileDialog:
        chooser = QFileDialog(self, self.tr("Open an mcpServers JSON file"), str(Path.home()))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilters([self.tr("JSON files (*.json)"), self.tr("All files (*)")])
        chooser.fileSelected.connect(self.read_json_file)
        self._open(chooser)
        return chooser

    def read_json_file(self, path: str) -> ImportDialog | None:
        """Show the file's servers in the paste dialog, to look at before adding them."""
        try:
            data = Path(path).read_bytes()[:MAX_JSON_BYTES]
        except OSError as error:
            self.say(
                self.tr("{file} could not be read: {error}").format(file=path, error=error),
                problem=True,
            )
            return None
        return self.paste_json(data.decode("utf-8", "replace"))

    def _import(self, result: ImportResult) -> None:
        async def add() -> None:
            added, updated = await self.manager.import_servers(result)
            said = [counted(added, self.tr("Added 1 server."), self.tr("Added {count} servers."))]
            if updated:
                said.append(
                    counted(
                        updated,
                        self.tr("Updated 1 server of the same name."),
                        self.tr("Updated {count} servers of the same name."),
                    )
                )
            said += [translated(problem) for problem in result.problems]
            self.say(" ".join(said), problem=bool(result.problems))
            if result.servers:
                self.servers.choose(result.servers[0].config.name)

        self._run(add())

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]

    def _run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        return self._tasks.run(coro)

    async def idle(self) -> None:
        """Wait until every action the page started has finished (tests)."""
        await self._tasks.idle()

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Tools"))
        self.subtitle.setText(
            self.tr(
                "MCP servers give models tools: files, the web, your apps. Parley asks you "
                "before a tool runs."
            )
        )
        self.paste.setText(self.tr("Paste JSON…"))
        self.paste.setToolTip(
            self.tr("Paste the mcpServers JSON of Claude Desktop, LM Studio or Cursor")
        )
        self.open_file.setText(self.tr("Open…"))
        self.open_file.setToolTip(self.tr("Add the servers of an mcpServers JSON file"))
        self.add.setText(self.tr("Add server"))
        self.notice_close.setAccessibleName(self.tr("Close the message"))
        self.empty_title.setText(self.tr("No MCP servers yet"))
        self.empty_paste.setText(self.tr("Paste mcpServers JSON…"))
        self.empty_add.setText(self.tr("Add a server"))
        self.empty_text.setText(
            self.tr(
                "Add a server by its command (npx, uvx, docker…) or its URL, or paste the "
                "mcpServers JSON you use in another app. Servers start when a chat first "
                "needs their tools."
            )
        )
        self.timeout_label.setText(self.tr("Stop a tool call after"))
        self.timeout.setSuffix(self.tr(" s"))
        self.timeout.setAccessibleName(self.tr("Seconds a tool call may take"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
