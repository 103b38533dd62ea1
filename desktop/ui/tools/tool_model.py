"""A server's tools as a Qt model: one row per tool, with its own policy where the person's
policies are known. The view paints the rows (tool_delegate.py): no widget per tool, so a
server with fifty tools costs the window one list, not fifty cards to build and style."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.core.toolbox import Policy
from desktop.tools.results import RemoteTool

SERVERS_CHOICE = ""
"""The tool follows its server's choice (it has no policy of its own)."""

PolicyOf = Callable[[RemoteTool], "Policy | None"]
"""A tool's own policy (None: the server's applies)."""

TOOL_ROLE = Qt.ItemDataRole.UserRole
"""The row's :class:`RemoteTool`."""
POLICY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The tool's own choice: a Policy value or SERVERS_CHOICE; None where no policies are
known (nothing to show)."""
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def choice_of(policy: Policy | None) -> str:
    """What a tool's own policy looks like as a choice (ask is the server's choice)."""
    return policy.value if policy is not None and policy is not Policy.ASK else SERVERS_CHOICE


def choice_words(choice: str) -> str:
    # Spelled out each time: lupdate reads only QCoreApplication.translate("Context", ...).
    if choice == Policy.ALLOW.value:
        return QCoreApplication.translate("ToolCard", "Run without asking")
    if choice == Policy.DENY.value:
        return QCoreApplication.translate("ToolCard", "Never run")
    return QCoreApplication.translate("ToolCard", "As the server says")


class ToolModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tools: tuple[RemoteTool, ...] = ()
        self._choices: list[str | None] = []
        self.policy_of: PolicyOf | None = None
        """Each tool's own policy, where the person's policies are known."""

    def set_tools(self, tools: tuple[RemoteTool, ...]) -> None:
        self.beginResetModel()
        self.tools = tools
        self._choices = [self._choice(tool) for tool in tools]
        self.endResetModel()

    def refresh_policies(self) -> None:
        """Read each tool's policy again (another server, or its policies changed)."""
        self._choices = [self._choice(tool) for tool in self.tools]
        if self.tools:
            self.dataChanged.emit(self.index(0), self.index(len(self.tools) - 1), [POLICY_ROLE])

    def set_choice(self, row: int, choice: str) -> None:
        self._choices[row] = choice
        self.dataChanged.emit(self.index(row), self.index(row), [POLICY_ROLE])

    def _choice(self, tool: RemoteTool) -> str | None:
        return None if self.policy_of is None else choice_of(self.policy_of(tool))

    def row_of(self, name: str) -> int:
        return next((row for row, tool in enumerate(self.tools) if tool.name == name), -1)

    # -- Qt ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tools)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.tools):
            return None
        tool = self.tools[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return tool.name
        if role == TOOL_ROLE:
            return tool
        if role == DESCRIPTION_ROLE:
            return tool.description
        if role == POLICY_ROLE:
            return self._choices[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tool.description or None
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            words = [tool.description]
            if tool.read_only:
                words.append(QCoreApplication.translate("ToolCard", "read-only"))
            choice = self._choices[index.row()]
            if choice is not None:
                words.append(choice_words(choice))
            return ". ".join(word for word in words if word)
        return None
