"""The list of saved conversations, most recent first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.core.conversation import Conversation
from desktop.ui.formatting import format_date


class ConversationList(QListWidget):
    conversationSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Conversations"))
        self.currentItemChanged.connect(self._current_changed)
        self._updating = False

    def set_conversations(self, conversations: list[Conversation], current: int | None) -> None:
        self._updating = True
        try:
            self.clear()
            for conversation in conversations:
                item = QListWidgetItem(conversation.title or self.tr("New chat"))
                item.setData(Qt.ItemDataRole.UserRole, conversation.id)
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

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None and not self._updating:
            self.conversationSelected.emit(int(item.data(Qt.ItemDataRole.UserRole)))
