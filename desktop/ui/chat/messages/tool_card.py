"""One tool call inside an answer: a quiet, collapsible card.

Folded it is one line: a wrench, "server · tool", what became of it (a chip coloured by
the ``outcome`` property in look.py) and how long it ran. Unfolded it shows the
arguments it ran with and the result, as selectable monospace text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.core.tool_steps import ToolOutcome, ToolStep
from desktop.ui.icons import icon

Pictures = Callable[[Sequence[str]], dict[str, bytes]]
"""Thumbnails of pictures by digest (the history's)."""
RESULT_CHARS = 4000
"""A longer result is cut for the card (the history keeps it whole)."""


def outcome_words(outcome: ToolOutcome) -> str:
    """What became of a call, in the language in use (literal texts: lupdate finds them)."""
    words = {
        ToolOutcome.ASKING: QCoreApplication.translate("ToolCard", "Waiting for you"),
        ToolOutcome.RUNNING: QCoreApplication.translate("ToolCard", "Running…"),
        ToolOutcome.RAN: QCoreApplication.translate("ToolCard", "Done"),
        ToolOutcome.FAILED: QCoreApplication.translate("ToolCard", "Failed"),
        ToolOutcome.DENIED: QCoreApplication.translate("ToolCard", "Denied"),
        ToolOutcome.TIMED_OUT: QCoreApplication.translate("ToolCard", "Timed out"),
        ToolOutcome.CANCELLED: QCoreApplication.translate("ToolCard", "Cancelled"),
        ToolOutcome.NOT_RUN: QCoreApplication.translate("ToolCard", "Not run"),
        ToolOutcome.INTERRUPTED: QCoreApplication.translate("ToolCard", "Interrupted"),
    }
    return words[outcome]


def pretty_arguments(step: ToolStep) -> str:
    if step.call.problem is not None:
        return step.call.raw_arguments
    return json.dumps(dict(step.ran_arguments), ensure_ascii=False, indent=2)


class ToolCard(QFrame):
    openRequested = Signal(str)  # the digest of a picture of the result, to view it

    def __init__(
        self, step: ToolStep, pictures: Pictures | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("toolCard")
        self.step = step
        self._pictures = pictures
        self.picture_row: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(6)
        head = QHBoxLayout()
        head.setSpacing(8)
        self.toggle = QToolButton()
        self.toggle.setObjectName("toolCardToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setIconSize(QSize(14, 14))
        self.toggle.toggled.connect(self._unfold)
        head.addWidget(self.toggle, 1, Qt.AlignmentFlag.AlignLeft)
        self.outcome = QLabel()
        self.outcome.setObjectName("toolOutcome")
        head.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignVCenter)
        self.duration = QLabel()
        self.duration.setObjectName("toolDuration")
        head.addWidget(self.duration, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(head)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(22, 0, 0, 2)
        details.setSpacing(4)
        self.arguments_caption = QLabel()
        self.arguments_caption.setObjectName("toolCaption")
        self.arguments = QLabel()
        self.result_caption = QLabel()
        self.result_caption.setObjectName("toolCaption")
        self.result = QLabel()
        for label in (self.arguments, self.result):
            label.setObjectName("toolCode")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.arguments_caption, self.arguments, self.result_caption, self.result):
            details.addWidget(widget)
        self._details_layout = details
        self.details.hide()
        layout.addWidget(self.details)
        self.retranslate()

    def retranslate(self) -> None:
        self.toggle.setAccessibleName(self.tr("Show or hide the call's arguments and result"))
        self.show_step(self.step)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_step(self, step: ToolStep) -> None:
        self.step = step
        server = f"{step.server} · " if step.server else ""
        self.toggle.setText(f"{server}{step.call.name}")
        self.outcome.setText(outcome_words(step.outcome))
        if self.outcome.property("outcome") != step.outcome.value:
            self.outcome.setProperty("outcome", step.outcome.value)
            self.outcome.style().unpolish(self.outcome)
            self.outcome.style().polish(self.outcome)
        seconds = step.duration
        self.duration.setText("" if seconds is None else self._seconds(seconds))
        self.duration.setVisible(seconds is not None)
        self.arguments.setText(pretty_arguments(step))
        said = step.result_text
        if step.reason:
            said = self.tr("Your reason: {reason}").format(reason=step.reason)
        self.result.setText(said[:RESULT_CHARS] + ("…" if len(said) > RESULT_CHARS else ""))
        self.result.setVisible(bool(said))
        self.result_caption.setVisible(bool(said))
        self.arguments_caption.setText(self.tr("Arguments"))
        pictures = len(step.images)
        if pictures == 1:
            caption = self.tr("Result, with a picture sent to the model")
        elif pictures:
            caption = self.tr("Result, with {n} pictures sent to the model").format(n=pictures)
        else:
            caption = self.tr("Result")
        self.result_caption.setText(caption)
        if step.images and self.picture_row is None and self._pictures is not None:
            from desktop.ui.chat.composer.attachments import ImageRow

            row = ImageRow(step.images, self._pictures(step.images))
            row.openRequested.connect(self.openRequested)
            self._details_layout.addWidget(row)
            self.picture_row = row
        self._draw_icon()

    def _seconds(self, seconds: float) -> str:
        if seconds < 1:
            return self.tr("{ms:.0f} ms").format(ms=seconds * 1000)
        return self.tr("{s:.1f} s").format(s=seconds)

    def _draw_icon(self) -> None:
        chevron = "chevron-down" if self.toggle.isChecked() else "chevron-right"
        self.toggle.setIcon(icon(chevron, "muted", "muted"))

    def _unfold(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self._draw_icon()

    def folded(self) -> bool:
        return not self.toggle.isChecked()
