"""An answer's tool calls, inside its text where the model made them: a box per round
(its cards, and the approval card while the person decides) stands in the answer's body
between what the model said before the round and after it (MarkdownView.insert_break;
``place_round`` puts a live round there, ``show_rounds`` a saved answer's at their
``text_end``); this widget itself, below the answer, names the servers it reached.

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
from desktop.ui.chat.messages.approval_card import ApprovalCard
from desktop.ui.chat.messages.tool_card import Pictures, ToolCard


class RoundBox(QWidget):
    """One round's cards, between two stretches of the answer's text."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("toolRound")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 4, 0, 8)
        self.box.setSpacing(6)


PlaceRound = Callable[[QWidget], None]


class ToolStepsView(QWidget):
    def __init__(self, place_round: PlaceRound, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolSteps")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 4)
        self._layout.setSpacing(6)
        self.place_round = place_round
        """Puts a live round's box at the end of the answer so far (the reply runner's
        renderer, which draws the text that arrived first)."""
        self.rounds: dict[int, RoundBox] = {}
        self._open: RoundBox | None = None
        """The box of a round still being written (its number comes with its first step)."""
        self.cards: dict[tuple[int, int], ToolCard] = {}
        self.arriving: dict[int, QLabel] = {}
        """Calls the model is still writing, by index (until their round is saved)."""
        self.approval: ApprovalCard | None = None
        self.reached = QLabel()
        self.reached.setObjectName("toolsReached")
        self.reached.hide()
        self._layout.addWidget(self.reached)
        self.hide()  # until a server is reached
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
            self._next_round().box.addWidget(line)
            line.show()  # the box may be shown already
        line.setText(self.tr("Preparing a call of {tool}…").format(tool=name))

    def drop_arriving(self, *, ended: bool = False) -> None:
        """Take the lines of calls being written away (``ended``: the answer ended, so a
        round they began and no call finished is taken away too)."""
        for line in self.arriving.values():
            line.hide()
            line.deleteLater()
        self.arriving.clear()
        if ended and self._open is not None:
            self._open.hide()

    def _next_round(self) -> RoundBox:
        """The box of the round being written, placed below the text so far."""
        if self._open is None:
            self._open = RoundBox()
            self.place_round(self._open)
        return self._open

    def _round(self, number: int) -> RoundBox:
        box = self.rounds.get(number)
        if box is None:
            box = self.rounds[number] = self._next_round()
            self._open = None
        return box

    def show_step(self, round_number: int, position: int, step: ToolStep) -> ToolCard:
        self.drop_arriving()
        key = (round_number, position)
        card = self.cards.get(key)
        if card is None:
            box = self._round(round_number)
            card = ToolCard(step, self.pictures, box)
            if self.open_image is not None:
                card.openRequested.connect(self.open_image)
            self.cards[key] = card
            box.box.addWidget(card)
            card.show()  # the box may be shown already
        else:
            card.show_step(step)
        if step.server and step.outcome.reached_server and step.server not in self._servers:
            self._servers.append(step.server)
            self._show_reached()
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
    ) -> list[tuple[int, QWidget]]:
        """A saved answer's calls (``pictures``: thumbnails of their results' pictures),
        and where each round's box goes in the answer's text (the offsets for
        MarkdownView.set_text, which draws the text once, with the boxes in place)."""
        self.pictures, self.open_image = pictures, open_image
        live, self.place_round = self.place_round, lambda _box: None
        try:
            for round_ in rounds:
                for position, step in enumerate(round_.steps):
                    self.show_step(round_.number, position, step)
        finally:
            self.place_round = live
        ends = {round_.number: round_.text_end for round_ in rounds}
        self._servers = servers_reached(rounds)
        self._show_reached()
        return [(ends[number], box) for number, box in self.rounds.items()]

    def _show_reached(self) -> None:
        if self._servers:
            self.reached.setText(
                self.tr("Used tools on: {servers}").format(servers=", ".join(self._servers))
            )
        self.reached.setVisible(bool(self._servers))
        self.setVisible(bool(self._servers))

    def ask(
        self, tool: AvailableTool, call: ToolCall, changed_from: ToolDefinition | None
    ) -> ApprovalCard:
        self.drop_approval()
        box = self._open or (max(self.rounds.items())[1] if self.rounds else self._next_round())
        card = ApprovalCard(tool, call, changed_from, box)
        self.approval = card
        box.box.addWidget(card)
        card.show()  # the box may be shown already
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
