"""A server's tools as cards: name, read-only badge, description, and the input schema
on demand."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
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

CARDS_PER_TURN = 1


class ToolCard(QFrame):
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
        top = QHBoxLayout()
        top.setSpacing(Space.S)
        top.addWidget(self.name)
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.schema_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        layout.setSpacing(Space.XS)
        layout.addLayout(top)
        layout.addWidget(self.description)
        self._layout = layout
        self.retranslate()

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
        if not self._scheduled:
            self._add_some()

    @property
    def complete(self) -> bool:
        return not self._waiting

    def _add_some(self) -> None:
        self._scheduled = False
        for tool in self._waiting[:CARDS_PER_TURN]:
            card = ToolCard(tool, self._body)
            self._layout.insertWidget(len(self.cards), card)
            self.cards.append(card)
        self._waiting = self._waiting[CARDS_PER_TURN:]
        if self._waiting:
            self._scheduled = True
            QTimer.singleShot(0, self._add_some)
        else:
            self.filled.emit()
