"""One server in detail: its state and what went wrong, its tools, its log, and the
actions on it (Start/Restart, Edit, Remove)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.toolbox import Policy
from desktop.tools.connection import LOG_LINES
from desktop.tools.manager import ServerState, ServerStatus
from desktop.tools.server_config import ServerConfig
from desktop.ui.design import Space
from desktop.ui.icons import icon
from desktop.ui.strings import translated
from desktop.ui.theme import DESTRUCTIVE, SECONDARY, set_kind
from desktop.ui.tools.log_view import LogView
from desktop.ui.tools.state_words import set_state, state_dot, state_key, state_words
from desktop.ui.tools.tool_cards import ToolCards

LogReader = Callable[[int], tuple[list[str], int]]
"""A server's log lines after the first n, and how many it has had (ServerLogs.since)."""
WARM_UP_AFTER_MS = 250
"""After the page is first shown: idle time, in the common case."""


class ServerDetail(QFrame):
    restartRequested = Signal(str)
    editRequested = Signal(str)
    removeRequested = Signal(str)
    policyChosen = Signal(str, str)
    """(server identity, Policy value): what to do when a tool of this server is called."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverDetail")
        self.config: ServerConfig | None = None
        self.status = ServerStatus()
        self.dot = state_dot()
        self.name = QLabel()
        self.name.setObjectName("detailName")
        self.state = QLabel()
        self.state.setObjectName("stateWords")
        self.identity = QLabel()
        self.identity.setObjectName("serverIdentity")
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restart = QPushButton(icon("refresh-cw"), "")
        self.edit = QPushButton(icon("pencil"), "")
        self.remove = QPushButton(icon("trash-2"), "")
        set_kind(self.restart, SECONDARY)
        set_kind(self.edit, SECONDARY)
        set_kind(self.remove, DESTRUCTIVE)
        self.restart.clicked.connect(lambda: self.restartRequested.emit(self._name()))
        self.edit.clicked.connect(lambda: self.editRequested.emit(self._name()))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self._name()))
        self.policy_label = QLabel()
        self.policy = QComboBox()
        self.policy_label.setBuddy(self.policy)
        for value in (Policy.ASK, Policy.ALLOW, Policy.DENY):
            self.policy.addItem("", value.value)
        self.policy.activated.connect(self._policy_activated)
        policy_row = QHBoxLayout()
        policy_row.setSpacing(Space.S)
        policy_row.addWidget(self.policy_label)
        policy_row.addWidget(self.policy)
        policy_row.addStretch(1)
        self.problem = QFrame()
        self.problem.setObjectName("serverProblem")
        self.problem_text = QLabel()
        self.problem_text.setWordWrap(True)
        self.problem_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        problem_row = QHBoxLayout(self.problem)
        problem_row.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        problem_row.addWidget(self.problem_text)
        self.tools = ToolCards()
        self.no_tools = QLabel()
        self.no_tools.setObjectName("toolsHint")
        self.no_tools.setWordWrap(True)
        self.no_tools.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tool_stack = QStackedWidget()
        self.tool_stack.addWidget(self.tools)
        self.tool_stack.addWidget(self.no_tools)
        self.log = LogView(LOG_LINES)
        self.log.setObjectName("serverLog")
        self._log_seen = 0
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tool_stack, "")
        self.tabs.addTab(self.log, "")

        title = QHBoxLayout()
        title.setSpacing(Space.S)
        title.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addWidget(self.name)
        title.addWidget(self.state)
        title.addStretch(1)
        title.addWidget(self.restart)
        title.addWidget(self.edit)
        title.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.L, Space.L, Space.L, Space.L)
        layout.setSpacing(Space.S)
        layout.addLayout(title)
        layout.addWidget(self.identity)
        layout.addLayout(policy_row)
        layout.addWidget(self.problem)
        layout.addSpacing(Space.XS)
        layout.addWidget(self.tabs, 1)
        self._warming = False
        self.retranslate()

    def _name(self) -> str:
        return self.config.name if self.config is not None else ""

    def show_server(self, config: ServerConfig, status: ServerStatus) -> None:
        self.config, self.status = config, status
        self.name.setText(config.name)
        self.identity.setText(config.identity)
        self.identity.setToolTip(config.cwd and self.tr("In {folder}").format(folder=config.cwd))
        key = state_key(config, status)
        set_state(self.dot, key)
        set_state(self.state, key)
        self.state.setText(state_words(config, status))
        failed = status.state is ServerState.FAILED
        self.problem.setVisible(failed or (bool(status.message) and config.enabled))
        self.problem_text.setText(translated(status.message))
        if status.state is ServerState.RUNNING:  # a restart keeps the cards it had
            self.tools.set_tools(status.tools)
        self.restart.setEnabled(config.enabled and status.state is not ServerState.STARTING)
        self.retranslate()

    def show_policy(self, policy: Policy | None) -> None:
        """The server's policy, or None to hide the choice (no policies in this window)."""
        self.policy.setVisible(policy is not None)
        self.policy_label.setVisible(policy is not None)
        if policy is not None:
            self.policy.setCurrentIndex(max(0, self.policy.findData(policy.value)))

    def _policy_activated(self, index: int) -> None:
        if self.config is not None:
            self.policyChosen.emit(self.config.identity, str(self.policy.itemData(index)))

    def show_log(self, read: LogReader, *, anew: bool = False) -> None:
        """Show what the log ``read`` gives since last time, or all of it ``anew`` (another
        server). New lines are appended: the person's place in the log stays where it was
        (setting the whole text again threw it to the top at every line)."""
        lines, added = read(0 if anew else self._log_seen)
        if anew or added < self._log_seen:  # another server, or its log began again
            self.log.show_lines(lines)
        else:
            self.log.add_lines(lines)
        self._log_seen = added

    def retranslate(self) -> None:
        running = self.status.state is ServerState.RUNNING
        self.restart.setText(self.tr("Restart") if running else self.tr("Start"))
        self.edit.setText(self.tr("Edit…"))
        self.remove.setText(self.tr("Remove"))
        name = self.config.name if self.config is not None else ""
        self.restart.setAccessibleName(
            (self.tr("Restart {name}") if running else self.tr("Start {name}")).format(name=name)
        )
        self.edit.setAccessibleName(self.tr("Edit {name}").format(name=name))
        self.remove.setAccessibleName(self.tr("Remove {name}").format(name=name))
        count = len(self.status.tools)
        self.tabs.setTabText(
            0, self.tr("Tools ({count})").format(count=count) if running else self.tr("Tools")
        )
        self.tabs.setTabText(1, self.tr("Log"))
        self.policy_label.setText(self.tr("When a model calls one of its tools"))
        for index, words in enumerate(
            (self.tr("Ask me each time"), self.tr("Run without asking"), self.tr("Never run"))
        ):
            self.policy.setItemText(index, words)
        self.log.setPlaceholderText(
            self.tr("What the server writes to its error output shows here.")
        )
        if self.config is not None and not self.config.enabled:
            hint = self.tr("This server is off. Turn it on to offer its tools to models.")
        elif self.status.state is ServerState.STARTING:
            hint = self.tr("Starting the server and asking for its tools…")
        elif self.status.state is ServerState.FAILED:
            hint = self.tr("The server did not start; its log may say more.")
        elif running:
            hint = self.tr("This server offers no tools.")
        else:
            hint = self.tr(
                "Parley starts the server when a chat first needs its tools. Start it now to "
                "see them."
            )
        self.no_tools.setText(hint)
        self.tool_stack.setCurrentWidget(self.tools if running and count else self.no_tools)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warming:  # the tools' list, unseen, once the page has had its turn
            self._warming = True
            QTimer.singleShot(WARM_UP_AFTER_MS, self.tools, self.tools.warm_up)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
