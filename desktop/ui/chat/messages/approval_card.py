"""The person decides about one call: which server and tool, the full arguments (editable
as JSON), and Run once / Always allow this tool / Deny (with an optional reason the model
is told). When the tool's definition changed since the person allowed it, the card says
what changed before anything else.

Invalid JSON (or JSON that is not an object) disables both Run buttons and says why
beside them; the arguments run are exactly the ones in the editor.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.events import ToolCall
from desktop.core.tool_policy import changes
from desktop.core.toolbox import AvailableTool, Decision, Verdict
from desktop.core.tools import ToolDefinition
from desktop.ui.theme import DESTRUCTIVE, PRIMARY, QUIET, set_kind

EDITOR_LINES = 12
"""The arguments editor is as tall as the arguments (scrolling beyond this many lines)."""
MIN_LINES = 3


class ApprovalCard(QFrame):
    decided = Signal(object)  # Decision

    def __init__(
        self,
        tool: AvailableTool,
        call: ToolCall,
        changed_from: ToolDefinition | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalCard")
        self.tool = tool
        self.call = call
        self.changed_from = changed_from
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        self.title = QLabel()
        self.title.setObjectName("approvalTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.description = QLabel(tool.definition.description)
        self.description.setObjectName("approvalDescription")
        self.description.setWordWrap(True)
        self.description.setVisible(bool(tool.definition.description))
        layout.addWidget(self.description)
        self.changed = QLabel()
        self.changed.setObjectName("approvalChanged")
        self.changed.setWordWrap(True)
        self.changed.setTextFormat(Qt.TextFormat.PlainText)
        self.changed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changed.setVisible(changed_from is not None)
        layout.addWidget(self.changed)
        self.arguments_caption = QLabel()
        self.arguments_caption.setObjectName("toolCaption")
        layout.addWidget(self.arguments_caption)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("approvalArguments")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlainText(json.dumps(dict(call.arguments), ensure_ascii=False, indent=2))
        lines = self.editor.toPlainText().count("\n") + 2  # room to add a line
        shown = max(MIN_LINES, min(EDITOR_LINES, lines))
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * shown + 18)
        self.editor.textChanged.connect(self._check)
        self.arguments_caption.setBuddy(self.editor)
        layout.addWidget(self.editor)
        self.problem = QLabel()
        self.problem.setObjectName("approvalProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.reason = QLineEdit()
        self.reason.setObjectName("approvalReason")
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.run_button = QPushButton()
        set_kind(self.run_button, PRIMARY)
        self.always_button = QPushButton()
        set_kind(self.always_button, QUIET)
        self.deny_button = QPushButton()
        set_kind(self.deny_button, DESTRUCTIVE)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.always_button)
        buttons.addStretch(1)
        buttons.addWidget(self.deny_button)
        layout.addLayout(buttons)
        self.run_button.clicked.connect(lambda: self._decide(Verdict.RUN))
        self.editor.installEventFilter(self)  # Ctrl+Enter in the arguments: Run once
        self.always_button.clicked.connect(lambda: self._decide(Verdict.RUN_ALWAYS))
        self.deny_button.clicked.connect(lambda: self._decide(Verdict.DENY))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            self.tr("{server} wants to run {tool}").format(
                server=self.tool.server, tool=self.call.name
            )
        )
        self.arguments_caption.setText(self.tr("Arguments (you can edit them)"))
        self.editor.setAccessibleName(self.tr("Arguments of the call, as JSON"))
        self.reason.setPlaceholderText(self.tr("Reason for denying (optional, told to the model)"))
        self.reason.setAccessibleName(self.tr("Reason for denying"))
        self.run_button.setText(self.tr("Run once"))
        self.always_button.setText(self.tr("Always allow this tool"))
        self.deny_button.setText(self.tr("Deny"))
        if self.changed_from is not None:
            self.changed.setText(self._changes_text(self.changed_from))
        self._check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.editor
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.run_button.click()  # a disabled button ignores it
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _changes_text(self, before: ToolDefinition) -> str:
        lines = [self.tr("This tool changed since you allowed it. Check what it does now:")]
        for change in changes(before, self.tool.definition):
            if change.kind == "description":
                what = self.tr("Description")
            elif change.kind == "parameter":
                what = self.tr("Parameter {name}").format(name=change.name)
            else:
                what = self.tr("Parameters")
            lines.append(
                self.tr("• {what}: was “{was}”, now “{now}”").format(
                    what=what, was=change.before or "—", now=change.now or "—"
                )
            )
        return "\n".join(lines)

    def arguments(self) -> tuple[dict[str, object] | None, str]:
        """The editor's arguments, or None and why they cannot be used."""
        written = self.editor.toPlainText()
        if not written.strip():
            return {}, ""
        try:
            value = json.loads(written)
        except ValueError as error:
            return None, self.tr("Not valid JSON: {error}").format(error=error)
        if not isinstance(value, dict):
            return None, self.tr("The arguments must be a JSON object ({ … }).")
        return value, ""

    def _check(self) -> None:
        _, wrong = self.arguments()
        self.problem.setText(wrong)
        self.problem.setVisible(bool(wrong))
        for button in (self.run_button, self.always_button):
            button.setEnabled(not wrong)
        self.run_button.setToolTip(wrong or self.tr("Run this call once (Ctrl+Enter)"))
        self.always_button.setToolTip(wrong)

    def _decide(self, verdict: Verdict) -> None:
        arguments, _ = self.arguments()
        if verdict is not Verdict.DENY and arguments is None:
            return
        self.setEnabled(False)
        self.decided.emit(Decision(verdict, arguments or {}, self.reason.text().strip()))
