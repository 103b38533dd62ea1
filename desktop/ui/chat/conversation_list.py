"""The saved conversations under date headings (Pinned, Today, Yesterday, ...).

Rename (F2 or double-click), pin and delete act on the current conversation, from the
keyboard or the context menu; the list only asks, its owner does the work.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QWidget,
)

from desktop.core.conversation import Conversation
from desktop.core.conversation_groups import DateGroup, Period, date_group
from desktop.ui.formatting import format_date

ID_ROLE = Qt.ItemDataRole.UserRole
PINNED_ROLE = Qt.ItemDataRole.UserRole + 1


class ConversationList(QListWidget):
    conversationSelected = Signal(int)
    renameRequested = Signal(int, str)
    pinRequested = Signal(int, bool)
    deleteRequested = Signal(int)
    refreshWanted = Signal()
    """The list changed while a title was edited: show it anew."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.setAccessibleName(self.tr("Conversations"))
        # Long titles end in "…" instead of needing a sideways scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.currentItemChanged.connect(self._current_changed)
        self.itemChanged.connect(self._item_changed)
        self._updating = False
        self._refresh_wanted = False  # the list changed while a title was edited
        self._titles: dict[int, str] = {}

        self.rename_action = QAction(self.tr("Rename"), self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.triggered.connect(self.rename_current)
        self.pin_action = QAction(self.tr("Pin"), self)
        self.pin_action.triggered.connect(self._toggle_pin)
        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self._delete_current)
        for action in (self.rename_action, self.pin_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.addAction(action)

    # -- content -------------------------------------------------------------
    def set_conversations(
        self, conversations: list[Conversation], current: int | None, today: date | None = None
    ) -> None:
        """Show ``conversations``. While a title is being edited the list is left as it
        is (refilling it would drop what the person typed); ``refreshWanted`` asks for
        the list again once the edit is done."""
        if self.state() == QAbstractItemView.State.EditingState:
            self._refresh_wanted = True
            return
        today = today or date.today()
        self._updating = True
        try:
            self.clear()
            self._titles = {c.id: c.title for c in conversations}
            ordered = sorted(conversations, key=lambda c: not c.pinned)  # stable: pins first
            last_group: DateGroup | None = None
            for conversation in ordered:
                group = date_group(conversation.updated_at, today, pinned=conversation.pinned)
                if group != last_group:
                    self.addItem(self._header(group))
                    last_group = group
                item = QListWidgetItem(conversation.title or self.tr("New chat"))
                item.setData(ID_ROLE, conversation.id)
                item.setData(PINNED_ROLE, conversation.pinned)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(
                    self.tr("{model} · {date}").format(
                        model=conversation.model, date=format_date(conversation.updated_at)
                    )
                )
                self.addItem(item)
                if conversation.id == current:
                    self.setCurrentItem(item)
        finally:
            self._updating = False

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)  # a typed title is saved by now
        if self._refresh_wanted:
            self._refresh_wanted = False
            self.refreshWanted.emit()

    def _header(self, group: DateGroup) -> QListWidgetItem:
        names = {
            Period.PINNED: self.tr("Pinned"),
            Period.TODAY: self.tr("Today"),
            Period.YESTERDAY: self.tr("Yesterday"),
            Period.WEEK: self.tr("Previous 7 days"),
        }
        if group.month is not None:
            text = QLocale().toString(QDate(group.month.year, group.month.month, 1), "MMMM yyyy")
        else:
            text = names[group.period]
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setFont(self._heading_font())
        return item

    def _heading_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        return font

    def changeEvent(self, event: QEvent) -> None:
        """Headings follow the list's font (the style sheet may set it after they exist)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            font = self._heading_font()
            for row in range(self.count()):
                if self.item(row).data(ID_ROLE) is None:
                    self.item(row).setFont(font)

    def headings(self) -> list[str]:
        return [
            self.item(row).text()
            for row in range(self.count())
            if self.item(row).data(ID_ROLE) is None
        ]

    def titles(self) -> list[str]:
        return [
            self.item(row).text()
            for row in range(self.count())
            if self.item(row).data(ID_ROLE) is not None
        ]

    def item_for(self, conversation_id: int) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == conversation_id:
                return self.item(row)
        return None

    def current_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    # -- selection -----------------------------------------------------------
    def _current_changed(
        self, item: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if item is None or self._updating:
            return
        if item.data(ID_ROLE) is None:  # a heading: move on to the nearest conversation
            row = self.row(item)
            step = -1 if previous is not None and self.row(previous) > row else 1
            while 0 <= row < self.count() and self.item(row).data(ID_ROLE) is None:
                row += step
            if 0 <= row < self.count():
                self.setCurrentRow(row)
            return
        pinned = bool(item.data(PINNED_ROLE))
        self.pin_action.setText(self.tr("Unpin") if pinned else self.tr("Pin"))
        self.conversationSelected.emit(int(item.data(ID_ROLE)))

    # -- actions -------------------------------------------------------------
    def rename_current(self) -> None:
        item = self.currentItem()
        if item is not None and item.data(ID_ROLE) is not None:
            self.editItem(item)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._updating or item.data(ID_ROLE) is None:
            return
        conversation_id = int(item.data(ID_ROLE))
        title = item.text().strip()
        old = self._titles.get(conversation_id, "")
        if not title:
            self._updating = True
            item.setText(old)
            self._updating = False
        elif title != old:
            self._titles[conversation_id] = title
            self.renameRequested.emit(conversation_id, title)

    def _toggle_pin(self) -> None:
        item = self.currentItem()
        if item is not None and item.data(ID_ROLE) is not None:
            self.pinRequested.emit(int(item.data(ID_ROLE)), not bool(item.data(PINNED_ROLE)))

    def _delete_current(self) -> None:
        conversation_id = self.current_id()
        if conversation_id is not None:
            self.deleteRequested.emit(conversation_id)

    def _context_menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        if item is None or item.data(ID_ROLE) is None:
            return
        self.setCurrentItem(item)
        menu = QMenu(self)
        menu.addActions([self.rename_action, self.pin_action, self.delete_action])
        menu.popup(self.viewport().mapToGlobal(position))
