"""A server's tools as cards: name, read-only badge, description, the input schema on
demand, and what happens when a model calls it (the server's choice, or the tool's own)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.toolbox import Policy
from desktop.tools.results import RemoteTool, schema_text
from desktop.ui.design import Space
from desktop.ui.theme import QUIET, set_kind

CARDS_PER_TURN = 1
SERVERS_CHOICE = ""
"""The tool follows its server's choice (it has no policy of its own)."""

PolicyOf = Callable[[RemoteTool], "Policy | None"]
"""A tool's own policy (None: the server's applies)."""


class ToolCard(QFrame):
    policyChosen = Signal(str, str)
    """(the tool's name, a Policy value or SERVERS_CHOICE)."""

    def __init__(self, tool: RemoteTool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolCard")
        self.tool = tool
        self.name = QLabel(tool.name)
        self.name.setObjectName("toolName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = QLabel()
        self.badge.setObjectName("toolBadge")
        self.badge.setVisible(tool.read_only)
        self.schema_button = QPushButton()
        set_kind(self.schema_button, QUIET)
        self.schema_button.setCheckable(True)
        self.schema_button.toggled.connect(self._show_schema)
        self.description = QLabel(tool.description)
        self.description.setObjectName("toolDescription")
        self.description.setWordWrap(True)
        self.description.setVisible(bool(tool.description))
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.schema: QPlainTextEdit | None = None
        """Made the first time it is asked for: most people never look at a schema."""
        self.policy = QComboBox()
        self.policy.setObjectName("toolPolicy")
        for value in (SERVERS_CHOICE, Policy.ALLOW.value, Policy.DENY.value):
            self.policy.addItem("", value)
        self.policy.hide()  # shown where the person's policies are known
        self.policy.activated.connect(
            lambda index: self.policyChosen.emit(self.tool.name, self.policy.itemData(index))
        )
        top = QHBoxLayout()
        top.setSpacing(Space.S)
        top.addWidget(self.name)
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.policy)
        top.addWidget(self.schema_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        layout.setSpacing(Space.XS)
        layout.addLayout(top)
        layout.addWidget(self.description)
        self._layout = layout
        self.retranslate()

    def show_policy(self, policy: Policy | None) -> None:
        """The tool's own policy (None: its server's choice applies)."""
        value = policy.value if policy is not None and policy is not Policy.ASK else ""
        self.policy.setCurrentIndex(max(0, self.policy.findData(value)))
        self.policy.show()

    def _show_schema(self, shown: bool) -> None:
        if self.schema is None:
            schema = self.schema = QPlainTextEdit(schema_text(self.tool.input_schema))
            schema.setObjectName("toolSchema")
            schema.setReadOnly(True)
            lines = schema.toPlainText().count("\n") + 1
            schema.setFixedHeight(min(260, 18 * lines + 16))
            self._layout.addWidget(schema)
        self.schema.setVisible(shown)
        self.retranslate()

    def retranslate(self) -> None:
        for index, words in enumerate(
            (self.tr("As the server says"), self.tr("Run without asking"), self.tr("Never run"))
        ):
            self.policy.setItemText(index, words)
        self.policy.setAccessibleName(
            self.tr("When a model calls {tool}").format(tool=self.tool.name)
        )
        self.badge.setText(self.tr("read-only"))
        self.badge.setToolTip(self.tr("The server says this tool only reads, never changes."))
        shown = self.schema_button.isChecked()
        self.schema_button.setText(self.tr("Hide schema") if shown else self.tr("Schema"))
        self.schema_button.setAccessibleName(
            (
                self.tr("Hide the input schema of {tool}")
                if shown
                else self.tr("Show the input schema of {tool}")
            ).format(tool=self.tool.name)
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class ToolCards(QScrollArea):
    filled = Signal()
    """Every card of the last :meth:`set_tools` is shown."""
    policyChosen = Signal(str, str)
    """A card's choice: (the tool's name, a Policy value or SERVERS_CHOICE)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget()
        self._body.setObjectName("toolCards")
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(0, 0, Space.XS, 0)
        self._layout.setSpacing(Space.S)
        self._layout.addStretch(1)
        self.setWidget(self._body)
        self.cards: list[ToolCard] = []
        self._target: tuple[RemoteTool, ...] = ()
        self._waiting: tuple[RemoteTool, ...] = ()
        self._scheduled = False
        self.policy_of: PolicyOf | None = None
        """Each tool's own policy, where the person's policies are known."""

    def show_policies(self) -> None:
        """Show each card's policy again (another server, or its policies changed)."""
        for card in self.cards:
            self._show_policy(card)

    def _show_policy(self, card: ToolCard) -> None:
        if self.policy_of is not None:
            card.show_policy(self.policy_of(card.tool))
        else:
            card.policy.hide()

    def set_tools(self, tools: tuple[RemoteTool, ...]) -> None:
        """Show ``tools``: a few cards per turn of the event loop, so that a server with
        many tools never holds the window still (a card costs a few ms to style)."""
        if tools == self._target:
            return
        self._target = tools
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        self._waiting = tools
        if not self._scheduled:  # not in this turn: it already shows the server's new state
            self._scheduled = True
            QTimer.singleShot(0, self._add_some)

    @property
    def complete(self) -> bool:
        return not self._waiting

    def _add_some(self) -> None:
        self._scheduled = False
        for tool in self._waiting[:CARDS_PER_TURN]:
            card = ToolCard(tool, self._body)
            card.policyChosen.connect(self.policyChosen)
            self._show_policy(card)
            self._layout.insertWidget(len(self.cards), card)
            self.cards.append(card)
        self._waiting = self._waiting[CARDS_PER_TURN:]
        if self._waiting:
            self._scheduled = True
            QTimer.singleShot(0, self._add_some)
        else:
            self.filled.emit()
