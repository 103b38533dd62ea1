"""The chosen tool in full, below the list: its name, whole description, what happens when
a model calls it, and its input schema on demand. One panel for whichever tool is chosen,
so a server's tools cost the same few widgets however many there are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
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

from desktop.tools.results import RemoteTool, schema_text
from desktop.ui.design import Space
from desktop.ui.theme import QUIET, set_kind
from desktop.ui.tools.tool_list import CHOICES
from desktop.ui.tools.tool_model import choice_words

SCHEMA_HEIGHT = 180
DESCRIPTION_LINES = 5
"""Lines of a tool's description shown at once below the list (more scroll)."""


class ToolDetail(QFrame):
    choiceChosen = Signal(str)
    """A Policy value or SERVERS_CHOICE, for the tool shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolDetail")
        self.tool: RemoteTool | None = None
        self.name = QLabel()
        self.name.setObjectName("toolName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = QLabel()
        self.badge.setObjectName("toolBadge")
        self.badge.hide()
        self.description = QLabel()
        self.description.setObjectName("toolDescription")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.policy = QComboBox()
        self.policy.setObjectName("toolPolicy")
        for value in CHOICES:
            self.policy.addItem("", value)
        self.policy.hide()  # shown where the person's policies are known
        self.policy.activated.connect(
            lambda index: self.choiceChosen.emit(self.policy.itemData(index))
        )
        self.schema_button = QPushButton()
        set_kind(self.schema_button, QUIET)
        self.schema_button.setCheckable(True)
        self.schema_button.toggled.connect(self._show_schema)
        self.schema: QPlainTextEdit | None = None
        """Made the first time it is asked for: most people never look at a schema."""
        top = QHBoxLayout()
        top.setSpacing(Space.S)
        top.addWidget(self.name)
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.policy)
        top.addWidget(self.schema_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.M, Space.S, Space.M, Space.M)
        layout.setSpacing(Space.XS)
        self.description_area = QScrollArea()
        self.description_area.setObjectName("toolDescriptionArea")
        self.description_area.setWidget(self.description)
        self.description_area.setWidgetResizable(True)
        self.description_area.setFrameShape(QFrame.Shape.NoFrame)
        self.description_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addLayout(top)
        layout.addWidget(self.description_area)
        self._layout = layout
        self.retranslate()

    def show_tool(self, tool: RemoteTool | None, choice: str | None) -> None:
        """``tool`` with its own choice (None: no policies known, the choice is hidden)."""
        self.tool = tool
        self.setVisible(tool is not None)
        if tool is None:
            return
        self.name.setText(tool.name)
        self.badge.setVisible(tool.read_only)
        self.description.setText(tool.description)
        self.policy.setVisible(choice is not None)
        if choice is not None:
            self.policy.setCurrentIndex(max(0, self.policy.findData(choice)))
        if self.schema is not None:
            self.schema.setPlainText(schema_text(tool.input_schema))
        self.retranslate()

    def _fit_description(self) -> None:
        """As tall as the description, up to a few lines: some servers describe a tool in
        forty lines, which would push the list out of the window; the rest scrolls."""
        width = self.description_area.viewport().width() or self.width() - 2 * Space.M
        needed = self.description.heightForWidth(max(width, 100))
        limit = DESCRIPTION_LINES * self.description.fontMetrics().lineSpacing()
        self.description_area.setFixedHeight(max(1, min(needed, limit)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_description()

    def _show_schema(self, shown: bool) -> None:
        if self.schema is None:
            schema = self.schema = QPlainTextEdit()
            schema.setObjectName("toolSchema")
            schema.setReadOnly(True)
            schema.setMaximumHeight(SCHEMA_HEIGHT)
            self._layout.addWidget(schema)
            if self.tool is not None:
                schema.setPlainText(schema_text(self.tool.input_schema))
        self.schema.setVisible(shown)
        self.retranslate()

    def retranslate(self) -> None:
        # The card's words keep their context (ToolCard), spelled out for lupdate.
        if self.tool is not None and not self.tool.description:
            self.description.setText(QCoreApplication.translate("ToolCard", "No description"))
        self._fit_description()
        for index, value in enumerate(CHOICES):
            self.policy.setItemText(index, choice_words(value))
        name = self.tool.name if self.tool is not None else ""
        self.policy.setAccessibleName(
            QCoreApplication.translate("ToolCard", "When a model calls {tool}").format(tool=name)
        )
        self.badge.setText(QCoreApplication.translate("ToolCard", "read-only"))
        self.badge.setToolTip(
            QCoreApplication.translate(
                "ToolCard", "The server says this tool only reads, never changes."
            )
        )
        shown = self.schema_button.isChecked()
        self.schema_button.setText(
            QCoreApplication.translate("ToolCard", "Hide schema")
            if shown
            else QCoreApplication.translate("ToolCard", "Schema")
        )
        self.schema_button.setAccessibleName(
            (
                QCoreApplication.translate("ToolCard", "Hide the input schema of {tool}")
                if shown
                else QCoreApplication.translate("ToolCard", "Show the input schema of {tool}")
            ).format(tool=name)
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
