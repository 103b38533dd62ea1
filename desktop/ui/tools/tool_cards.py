"""A server's tools: a painted list (name, read-only badge, policy pill, two lines of
description) above the chosen tool in full (tool_detail.py).

This used to be a card widget per tool. Building, styling and laying out those cards when a
server's tools arrived held the window still for 30-150 ms per start; the list costs one
model reset and paints only the rows in sight.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.tools.results import RemoteTool
from desktop.ui.design import Space
from desktop.ui.tools.tool_detail import ToolDetail
from desktop.ui.tools.tool_list import ToolList
from desktop.ui.tools.tool_model import (
    POLICY_ROLE,
    SERVERS_CHOICE,
    PolicyOf,
    ToolModel,
)

__all__ = ["SERVERS_CHOICE", "PolicyOf", "ToolCards"]

SAMPLE = (
    RemoteTool(
        "abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789",
        "The quick brown fox jumps over the lazy dog; THE QUICK BROWN FOX, 0123456789 (a/b).",
        read_only=True,
    ),
)


class ToolCards(QWidget):
    policyChosen = Signal(str, str)
    """A tool's own choice: (the tool's name, a Policy value or SERVERS_CHOICE)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolCards")
        self.model = ToolModel(self)
        self.list = ToolList(self.model)
        self.detail = ToolDetail()
        self.detail.hide()
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.choiceRequested.connect(self._choose)
        self.list.activated.connect(self._go_to_choice)  # Enter or a double click
        self.detail.choiceChosen.connect(
            lambda choice: self._choose(self.list.currentIndex().row(), choice)
        )
        self.detail.schema_button.toggled.connect(  # once the panel has grown
            lambda _shown: QTimer.singleShot(0, self.list, self._keep_chosen_in_sight)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, Space.S, 0, 0)
        layout.setSpacing(Space.S)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        self.setFocusProxy(self.list)
        self._warm = False

    def warm_up(self) -> None:
        """Lay out and draw a sample tool once, unseen: the first real tools then find the
        fonts' glyphs, the card's pixmaps and the panel's layout made (10-15 ms less in
        the turn they arrive, when the server's start competes for the CPU)."""
        if self.model.tools or self._warm:
            return
        self._warm = True
        parent = self.parentWidget()
        if parent is not None and self.isHidden():  # a stack's hidden page keeps 640×480
            self.resize(parent.size())
        with QSignalBlocker(self):
            self.model.set_tools(SAMPLE)
            self.choose_row(0)
            self.grab()
            self.model.set_tools(())
            self.choose_row(-1)

    @property
    def policy_of(self) -> PolicyOf | None:
        return self.model.policy_of

    @policy_of.setter
    def policy_of(self, policy_of: PolicyOf | None) -> None:
        """Each tool's own policy, where the person's policies are known."""
        self.model.policy_of = policy_of

    @property
    def tools(self) -> tuple[RemoteTool, ...]:
        return self.model.tools

    def set_tools(self, tools: tuple[RemoteTool, ...]) -> None:
        """Show ``tools``, keeping the chosen one where it is still there."""
        if tools == self.model.tools:
            return
        kept = self.chosen()
        self.model.set_tools(tools)
        row = self.model.row_of(kept.name) if kept is not None else -1
        self.choose_row(max(row, 0) if tools else -1)

    def show_policies(self) -> None:
        """Show each tool's policy again (another server, or its policies changed)."""
        self.model.refresh_policies()
        self._show_detail()

    def chosen(self) -> RemoteTool | None:
        row = self.list.currentIndex().row()
        return self.model.tools[row] if 0 <= row < len(self.model.tools) else None

    def choose(self, name: str) -> None:
        self.choose_row(self.model.row_of(name))

    def choose_row(self, row: int) -> None:
        index = self.model.index(row, 0) if row >= 0 else QModelIndex()
        self.list.setCurrentIndex(index)
        self._show_detail()  # also when it did not move (a reset, the same row)
        if index.isValid():
            self.list.scrollTo(index)
            QTimer.singleShot(0, self.list, self._keep_chosen_in_sight)  # the panel resized

    def _go_to_choice(self, _index: QModelIndex) -> None:
        target = self.detail.policy if self.detail.policy.isVisible() else self.detail.schema_button
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def _keep_chosen_in_sight(self) -> None:
        self.list.scrollTo(self.list.currentIndex())

    def _current_changed(self, _current: QModelIndex, _old: QModelIndex) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        index = self.list.currentIndex()
        choice = index.data(POLICY_ROLE) if index.isValid() else None
        self.detail.show_tool(self.chosen(), choice if isinstance(choice, str) else None)

    def _choose(self, row: int, choice: str) -> None:
        if not 0 <= row < len(self.model.tools):
            return
        self.model.set_choice(row, choice)
        if row == self.list.currentIndex().row():
            self._show_detail()
        self.policyChosen.emit(self.model.tools[row].name, choice)
