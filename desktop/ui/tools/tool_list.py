"""The list of a server's tools: painted rows, arrow keys to move, and a menu (right click,
the Menu key or Shift+F10) to choose what happens when a model calls the tool."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QMenu, QWidget

from desktop.core.toolbox import Policy
from desktop.ui.design import Space
from desktop.ui.tools.tool_delegate import ToolDelegate
from desktop.ui.tools.tool_model import POLICY_ROLE, SERVERS_CHOICE, ToolModel, choice_words

CHOICES = (SERVERS_CHOICE, Policy.ALLOW.value, Policy.DENY.value)


class ToolList(QListView):
    choiceRequested = Signal(int, str)
    """(row, a Policy value or SERVERS_CHOICE), from the row's menu."""

    def __init__(self, model: ToolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolList")
        self.delegate = ToolDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self.setUniformItemSizes(True)
        self.setSpacing(Space.XS // 2)
        self.setMouseTracking(True)  # hover
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.menu: QMenu | None = None
        """The policy menu open now (or last)."""
        self.retranslate()

    def policy_menu(self, row: int) -> QMenu | None:
        """The menu of ``row``'s choices, or None where the person's policies are unknown."""
        index = self.model().index(row, 0)
        current = index.data(POLICY_ROLE)
        if not isinstance(current, str):
            return None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setTitle(self.tr("When a model calls {tool}").format(tool=index.data()))
        group = QActionGroup(menu)
        for choice in CHOICES:
            action = QAction(choice_words(choice), group)
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.triggered.connect(lambda _=False, c=choice: self.choiceRequested.emit(row, c))
            menu.addAction(action)
        self.menu = menu
        menu.destroyed.connect(lambda *_: setattr(self, "menu", None))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.currentIndex()
            spot = self.visualRect(index).bottomLeft() + QPoint(Space.M, 0)
        else:
            index = self.indexAt(event.pos())
            spot = event.pos()
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        menu = self.policy_menu(index.row())
        if menu is not None:
            menu.popup(self.viewport().mapToGlobal(spot))  # never exec(): no nested loop
        event.accept()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tools of this server"))
        self.delegate.retranslate()
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
