"""Dropping dragged conversations on the list: onto a folder (or a conversation in one)
moves them in, onto the dated part or empty space takes them out to no folder.

QListView's own drop would reorder the rows of the string list; this handles the drop
itself and reports ``moveRequested`` (the sidebar does the work and reads the list anew).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QListView

from desktop.ui.chat.conversation_delegate import RowDelegate
from desktop.ui.chat.conversation_model import (
    CONVERSATION_MIME,
    FOLDER_ROLE,
    ConversationListModel,
)

if TYPE_CHECKING:

    class _ListView(QListView):
        """What the drop handling uses of :class:`ConversationList`."""

        model_: ConversationListModel
        delegate: RowDelegate
        moveRequested: SignalInstance

else:
    _ListView = object


class ConversationDrops(_ListView):
    def drop_target(self, position: QPoint) -> tuple[bool, int | None]:
        """Where a conversation dropped at ``position`` goes: (True, folder id) for a
        folder or a conversation in one, (True, None) for no folder; (False, None) where
        nothing would happen."""
        index = self.indexAt(position)
        if not index.isValid():
            return True, None
        folder = index.data(FOLDER_ROLE)
        if folder is not None:
            return True, int(folder)
        conversation = self.model_.conversation_at(index.row())
        return True, None if conversation is None else conversation.folder_id

    def _drop_row(self, position: QPoint) -> int | None:
        index = self.indexAt(position)
        return index.row() if index.isValid() and index.data(FOLDER_ROLE) is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CONVERSATION_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(CONVERSATION_MIME):
            event.ignore()
            return
        row = self._drop_row(event.position().toPoint())
        if row != self.delegate.drop_row:
            self.delegate.drop_row = row
            self.viewport().update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.delegate.drop_row = None
        self.viewport().update()
        QListView.dragLeaveEvent(self, event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Our own handling: QListView would reorder the rows of the string list."""
        self.delegate.drop_row = None
        self.viewport().update()
        data = bytes(event.mimeData().data(CONVERSATION_MIME).data()).decode()
        ids = [int(part) for part in data.split(",") if part.strip().isdigit()]
        if not ids:
            event.ignore()
            return
        _, folder = self.drop_target(event.position().toPoint())
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.moveRequested.emit(ids, folder)
