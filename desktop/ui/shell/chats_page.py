"""The Chats page: the conversation sidebar beside the chat column.

The chat column shows the chat, or the setup card in its place while nothing is set up
and no conversation is open; with a conversation open, a dismissible notice says what is
missing instead. The sidebar is never covered: a history stays in reach before any model
is set up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.design import Space
from desktop.ui.shell.first_run import FirstRunPanel, SetupNotice

SIDEBAR_WIDTH = 280
CARD_WIDTH = 600


class ChatsOutline(QWidget):
    """The page's two columns, empty: what the window shows before the page is built."""

    def __init__(self, sidebar_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for name, width in (("sidebarColumn", sidebar_width), ("chatColumn", 0)):
            column = QWidget()
            column.setObjectName(name)
            column.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            if width:
                column.setFixedWidth(width)
            row.addWidget(column, 0 if width else 1)


class ChatsPage(QWidget):
    def __init__(
        self,
        sidebar: QWidget,
        chat: QWidget,
        first_run: FirstRunPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatsPage")
        self.chat = chat
        self.first_run = first_run

        side = QWidget()
        side.setObjectName("sidebarColumn")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(Space.M, Space.M, Space.S, Space.S)
        side_layout.setSpacing(Space.S)
        side_layout.addWidget(sidebar, 1)

        self.notice = SetupNotice()
        self.notice.hide()
        welcome = QWidget()
        welcome.setObjectName("setupArea")
        row = QHBoxLayout()
        row.addStretch(1)
        first_run.setMaximumWidth(CARD_WIDTH)
        row.addWidget(first_run, 100)
        row.addStretch(1)
        welcome_layout = QVBoxLayout(welcome)
        welcome_layout.setContentsMargins(Space.XL, Space.XXL, Space.XL, Space.XL)
        welcome_layout.addLayout(row)
        welcome_layout.addStretch(1)
        self.setup_area = QScrollArea()
        self.setup_area.setWidgetResizable(True)
        self.setup_area.setWidget(welcome)
        self.setup_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.content = QStackedWidget()
        self.content.addWidget(chat)
        self.content.addWidget(self.setup_area)

        self.column = QWidget()
        self.column.setObjectName("chatColumn")
        self.column.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(0, 0, 0, 0)
        self.column_layout.setSpacing(0)
        self.column_layout.addWidget(self.notice)
        self.column_layout.addWidget(self.content, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.column)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([SIDEBAR_WIDTH, 820])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def show_setup(self, card: bool, notice: bool) -> None:
        """Where the setup help goes: the card in place of an empty chat, or the notice."""
        self.content.setCurrentWidget(self.setup_area if card else self.chat)
        self.notice.setVisible(notice)

    def showing_setup_card(self) -> bool:
        return self.content.currentWidget() is self.setup_area
