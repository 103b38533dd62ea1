"""The folders in the conversation list: opening and closing one (a click, Right, Left,
Enter, Space), selecting and naming one, and dropping dragged conversations on them.

A drop onto a folder (or a conversation in one) moves the conversations in; onto the
dated part or empty space takes them out to no folder. QListView's own drop would reorder
the rows of the string list; this handles the drop itself and reports ``moveRequested``
(the sidebar does the work and reads the list anew).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

from desktop.core.conversation_groups import ConversationSummary
from desktop.core.folders import Folder
from desktop.ui.chat.sidebar.conversation_delegate import RowDelegate
from desktop.ui.chat.sidebar.conversation_model import (
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
        expanded: set[int]
        folders: list[Folder]
        counts: dict[int, int]
        current_folder: int | None
        shown_id: int | None
        _today: date
        _updating: bool

        def folders_heading(self) -> str: ...

        def set_summaries(
            self,
            summaries: Sequence[ConversationSummary],
            current: int | None,
            today: date | None = None,
        ) -> None: ...

else:
    _ListView = object


class FolderRows(_ListView):
    def set_expanded(self, folder_id: int, expanded: bool) -> None:
        if expanded == (folder_id in self.expanded):
            return
        if expanded:
            self.expanded.add(folder_id)
        else:
            self.expanded.discard(folder_id)
        self.set_summaries(self.model_.summaries, self.shown_id, self._today)
        row = self.model_.folder_row(folder_id)
        if row is not None and self.current_folder == folder_id:
            was_updating, self._updating = self._updating, True
            self.setCurrentIndex(self.model_.index(row))
            self._updating = was_updating

    def _reveal(self, conversation_id: int) -> bool:
        """Open the closed folder (and its folder) holding the conversation; False when
        it is in none, or its folders are open already."""
        summary = next((s for s in self.model_.summaries if s.id == conversation_id), None)
        if summary is None or summary.folder_id is None:
            return False
        folders = {folder.id: folder for folder in self.folders}
        folder = folders.get(summary.folder_id)
        closed = set()
        while folder is not None:
            if folder.id not in self.expanded:
                closed.add(folder.id)
            folder = None if folder.parent_id is None else folders.get(folder.parent_id)
        if not closed:
            return False
        self.expanded |= closed
        self.model_.set_summaries(
            self.model_.summaries,
            self._today,
            self.folders,
            self.counts,
            self.expanded,
            self.folders_heading(),
        )
        return True

    def select_folder(self, folder_id: int) -> None:
        row = self.model_.folder_row(folder_id)
        if row is not None:
            self.setCurrentIndex(self.model_.index(row))

    def edit_folder(self, folder_id: int) -> None:
        row = self.model_.folder_row(folder_id)
        if row is not None and self.state() != QAbstractItemView.State.EditingState:
            self.setCurrentIndex(self.model_.index(row))
            self.edit(self.model_.index(row))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """On a folder: Right opens it, Left closes it, Enter or Space toggles."""
        folder = self.currentIndex().data(FOLDER_ROLE)
        if folder is not None and self.state() != QAbstractItemView.State.EditingState:
            opened = int(folder) in self.expanded
            wanted = {
                Qt.Key.Key_Right: True,
                Qt.Key.Key_Left: False,
                Qt.Key.Key_Return: not opened,
                Qt.Key.Key_Enter: not opened,
                Qt.Key.Key_Space: not opened,
            }.get(Qt.Key(event.key()))
            if wanted is not None:
                self.set_expanded(int(folder), wanted)
                return
        super().keyPressEvent(event)

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
