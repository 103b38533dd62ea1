"""An answer's tool calls, above its text: a card per call, the approval card while the
person decides, and a line naming the servers the answer reached.

:class:`CardApprover` is the chat page's :class:`~desktop.core.toolbox.Approver`: the
tool loop awaits it; it puts an approval card into the answer being written and returns
the person's decision (Stop cancels the wait and takes the card away).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desktop.core.events import ToolCall
from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep, servers_reached
from desktop.core.toolbox import AvailableTool, Decision
from desktop.core.tools import ToolDefinition
from desktop.ui.chat.approval_card import ApprovalCard
from desktop.ui.chat.tool_card import Pictures, ToolCard


class ToolStepsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolSteps")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 4)
        self._layout.setSpacing(6)
        self.cards: dict[tuple[int, int], ToolCard] = {}
        self.arriving: dict[int, QLabel] = {}
        """Calls the model is still writing, by index (until their round is saved)."""
        self.approval: ApprovalCard | None = None
        self.reached = QLabel()
        self.reached.setObjectName("toolsReached")
        self.reached.hide()
        self._layout.addWidget(self.reached)
        self._servers: list[str] = []
        self.pictures: Pictures | None = None
        """Where the cards find thumbnails of results' pictures (None: not shown)."""
        self.open_image: Callable[[str], None] | None = None

    def retranslate(self) -> None:
        self._show_reached()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_arriving(self, index: int, name: str) -> None:
        """The model is writing a call of ``name``: a quiet line until the call is whole."""
        line = self.arriving.get(index)
        if line is None:
            line = QLabel()
            line.setObjectName("toolArriving")
            self.arriving[index] = line
            self._layout.insertWidget(self._layout.indexOf(self.reached), line)
        line.setText(self.tr("Preparing a call of {tool}…").format(tool=name))
        self.show()

    def drop_arriving(self) -> None:
        for line in self.arriving.values():
            line.hide()
            line.deleteLater()
        self.arriving.clear()

    def show_step(self, round_number: int, position: int, step: ToolStep) -> ToolCard:
        self.drop_arriving()
        key = (round_number, position)
        card = self.cards.get(key)
        if card is None:
            card = ToolCard(step, self.pictures, self)
            if self.open_image is not None:
                card.openRequested.connect(self.open_image)
            self.cards[key] = card
            self._layout.insertWidget(self._layout.indexOf(self.reached), card)
        else:
            card.show_step(step)
        if step.server and step.outcome.reached_server and step.server not in self._servers:
            self._servers.append(step.server)
            self._show_reached()
        self.show()
        return card

    def end_live(self, outcome: ToolOutcome) -> None:
        """The answer ended (Stop): calls still waiting or running show ``outcome``, as
        the loop saved them."""
        for key, card in self.cards.items():
            if card.step.outcome.live:
                self.show_step(*key, dataclasses.replace(card.step, outcome=outcome))

    def show_rounds(
        self,
        rounds: Sequence[ToolRound],
        pictures: Pictures | None = None,
        open_image: Callable[[str], None] | None = None,
    ) -> None:
        """A saved answer's calls (``pictures``: thumbnails of their results' pictures)."""
        self.pictures, self.open_image = pictures, open_image
        for round_ in rounds:
            for position, step in enumerate(round_.steps):
                self.show_step(round_.number, position, step)
        self._servers = servers_reached(rounds)
        self._show_reached()

    def _show_reached(self) -> None:
        if self._servers:
            self.reached.setText(
                self.tr("Used tools on: {servers}").format(servers=", ".join(self._servers))
            )
        self.reached.setVisible(bool(self._servers))

    def ask(
        self, tool: AvailableTool, call: ToolCall, changed_from: ToolDefinition | None
    ) -> ApprovalCard:
        self.drop_approval()
        card = ApprovalCard(tool, call, changed_from, self)
        self.approval = card
        self._layout.insertWidget(self._layout.indexOf(self.reached), card)
        self.show()
        focused = QApplication.focusWidget()
        if focused is None or focused.objectName() != "composerEdit":  # not while typing
            card.editor.setFocus()
        return card

    def drop_approval(self) -> None:
        if self.approval is not None:
            self.approval.hide()
            self.approval.deleteLater()
            self.approval = None


class CardApprover:
    """Asks in the answer being written (``view()``: its tool steps, or None when no
    answer is showing: then the call is denied)."""

    def __init__(self, view: Callable[[], ToolStepsView | None]) -> None:
        self._view = view

    async def decide(
        self, tool: AvailableTool, call: ToolCall, changed_from: ToolDefinition | None
    ) -> Decision:
        from desktop.core.toolbox import Verdict

        view = self._view()
        if view is None:
            return Decision(Verdict.DENY)
        card = view.ask(tool, call, changed_from)
        answered: asyncio.Future[Decision] = asyncio.get_running_loop().create_future()

        def take(decision: object) -> None:
            if not answered.done() and isinstance(decision, Decision):
                answered.set_result(decision)

        card.decided.connect(take)
        try:
            return await answered
        finally:
            if view.approval is card:
                view.drop_approval()
