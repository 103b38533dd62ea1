"""The sidebar's folders: New folder, Rename, New sub-folder, Folder settings and Delete
from the context menu, "Move to folder" on a conversation's, drops on a folder, and the
"In <folder>" chip that limits a search to the selected folder.

A refused name (empty, taken among its siblings, a third level) is said under the list
and the name is offered for editing again. Deleting a folder asks first, and keeps its
conversations unless the person ticks the box.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QMenu, QMessageBox, QToolButton, QWidget

from desktop.core.conversation_groups import ConversationSummary
from desktop.core.folders import Folder, FolderProblem
from desktop.storage.history import HistoryStore
from desktop.ui.chat.sidebar.conversation_list import ConversationList
from desktop.ui.strings import counted, translated

if TYPE_CHECKING:
    from desktop.ui.documents.library import DocumentLibrary

ModelChoices = Callable[[], list[tuple[str, str, str]]]
"""(provider id, provider name, model) a folder's new chats may start with."""


class SidebarFolders(QObject):
    newChatRequested = Signal(int)
    """Start a new chat in this folder."""
    scopeChanged = Signal()

    def __init__(
        self,
        store: HistoryStore,
        listed: ConversationList,
        status: QLabel,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._list = listed
        self._status = status
        self._parent = parent
        self.model_choices: ModelChoices = list
        self.read_again: Callable[[], None] = lambda: None
        """Set by the sidebar: read the list anew off the UI thread (what a change shows
        at once is made from what is listed; the store's answer follows)."""
        self.ask: QMessageBox | None = None
        self.settings_dialog: QWidget | None = None
        self.documents: DocumentLibrary | None = None
        """Set by the app: folder documents in the settings dialog, deleted with the folder."""
        self.chip = QToolButton()
        self.chip.setObjectName("scopeChip")
        self.chip.setCheckable(True)
        self.chip.setChecked(True)
        self.chip.toggled.connect(lambda _on: self.scopeChanged.emit())
        self.chip.hide()
        self._searching = False
        self._said = False
        self._folder_shown = False
        listed.menuWanted.connect(self._fill_menu)
        listed.folderRenameRequested.connect(self.rename)
        listed.folderDeleteRequested.connect(self.ask_delete)
        listed.moveRequested.connect(self.move)
        listed.editCancelled.connect(self._unsay)
        listed.refreshWanted.connect(self._show)  # a rename waited for its editor
        listed.folderChosen.connect(self._folder_chosen)

    # -- scope -----------------------------------------------------------------
    def _folder_chosen(self, folder_id: int | None) -> None:
        folder = None if folder_id is None else self._store.folders.get(folder_id)
        if folder is not None:
            self.chip.setText(self.tr("In {folder}").format(folder=folder.name))
            self.chip.setToolTip(self.tr("Search only in this folder (click for everywhere)"))
        self._folder_shown = folder is not None
        self._show_chip()
        self.scopeChanged.emit()

    def searching(self, text: str) -> None:
        """The chip shows while something is typed in the search box."""
        self._searching = bool(text.strip())
        self._show_chip()

    def _show_chip(self) -> None:
        self.chip.setVisible(self._searching and self._folder_shown)

    def scope(self) -> list[int] | None:
        """The folders a search is limited to (the selected one and its sub-folders)."""
        folder = self._list.current_folder
        if folder is None or not self.chip.isChecked():
            return None
        return self._store.folders.with_subfolders(folder)

    # -- menus -----------------------------------------------------------------
    def _fill_menu(self, menu: QMenu, folder_id: int | None, conversation_id: int | None) -> None:
        if conversation_id is not None:
            self._move_menu(menu, conversation_id)
            return
        folder = None if folder_id is None else self._store.folders.get(folder_id)
        if folder is None:
            menu.addAction(self.tr("New folder"), self.new_folder)
            return
        menu.addAction(self.tr("New chat here"), lambda: self.newChatRequested.emit(folder.id))
        menu.addSeparator()
        menu.addAction(self.tr("Rename"), lambda: self._list.edit_folder(folder.id))
        if folder.parent_id is None:
            menu.addAction(self.tr("New sub-folder"), lambda: self.new_folder(folder.id))
        menu.addAction(self.tr("Folder settings…"), lambda: self.open_settings(folder.id))
        menu.addSeparator()
        menu.addAction(self.tr("Delete folder…"), lambda: self.ask_delete(folder.id))

    def _move_menu(self, menu: QMenu, conversation_id: int) -> None:
        summary = self._store.conversation_summary(conversation_id)
        inside = None if summary is None else summary.folder_id
        move = menu.addMenu(self.tr("Move to folder"))
        move.setObjectName("moveToFolder")
        for folder in self._store.folders.all():
            name = ("    " if folder.parent_id is not None else "") + folder.name
            action = move.addAction(name, partial(self.move, [conversation_id], folder.id))
            action.setEnabled(folder.id != inside)
        if inside is not None:
            move.addSeparator()
            move.addAction(self.tr("No folder"), lambda: self.move([conversation_id], None))
        if not move.isEmpty():
            move.addSeparator()
        move.addAction(self.tr("New folder"), lambda: self.new_folder(moving=[conversation_id]))

    # -- actions ---------------------------------------------------------------
    def new_folder(
        self, parent_id: int | None = None, moving: list[int] | None = None
    ) -> Folder | None:
        """A folder named "New folder" (or "New folder 2", ...) with its name ready to
        type; ``moving``: conversations that go into it ("Move to folder ▸ New folder")."""
        taken = {f.name.casefold() for f in self._store.folders.all() if f.parent_id == parent_id}
        base = self.tr("New folder")
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            name = f"{base} {number}"
        try:
            folder = self._store.folders.create(name, parent_id)
        except FolderProblem as problem:
            self.say(translated(problem))
            return None
        if parent_id is not None:
            self._list.expanded.add(parent_id)
        if moving:
            self.move(moving, folder.id)
        else:
            self._show()
        self._list.edit_folder(folder.id)
        return folder

    def rename(self, folder_id: int, name: str) -> bool:
        try:
            self._store.folders.rename(folder_id, name)
        except FolderProblem as problem:
            self.say(translated(problem))
            QTimer.singleShot(0, self, lambda: self._list.edit_folder(folder_id))  # again
            return False
        self._unsay()
        QTimer.singleShot(0, self, self._show)  # once the name's editor has closed
        return True

    def move(self, conversation_ids: list[int], folder_id: int | None) -> None:
        moved = {
            conversation_id
            for conversation_id in conversation_ids
            if self._store.folders.move_conversation(conversation_id, folder_id)
        }
        if folder_id is not None:
            self._list.expanded.add(folder_id)
        self._show(
            [
                summary._replace(folder_id=folder_id) if summary.id in moved else summary
                for summary in self._list.model_.summaries
            ]
        )

    def ask_delete(self, folder_id: int) -> QMessageBox | None:
        folder = self._store.folders.get(folder_id)
        if folder is None:
            return None
        inside = sum(
            self._store.folders.counts().get(f, 0)
            for f in self._store.folders.with_subfolders(folder_id)
        )
        ask = QMessageBox(self._parent)
        ask.setIcon(QMessageBox.Icon.Question)
        ask.setWindowTitle(self.tr("Delete folder"))
        ask.setText(self.tr("Delete the folder “{name}”?").format(name=folder.name))
        ask.setInformativeText(
            counted(
                inside,
                self.tr("Its conversation moves out to no folder."),
                self.tr("Its {count} conversations move out to no folder."),
            )
            + self._documents_note(folder_id)
        )
        also = QCheckBox(self.tr("Also delete its conversations"))
        also.setEnabled(inside > 0)
        ask.setCheckBox(also)
        ask.setStandardButtons(QMessageBox.StandardButton.Cancel)
        delete = ask.addButton(self.tr("Delete folder"), QMessageBox.ButtonRole.DestructiveRole)
        ask.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if ask.clickedButton() is not delete:
                return
            gone = set(self._store.folders.with_subfolders(folder_id))
            trash = also.isChecked()
            self._delete_documents(gone)
            self._store.folders.delete(folder_id, with_conversations=trash)
            self._show(
                [
                    summary._replace(folder_id=None) if summary.folder_id in gone else summary
                    for summary in self._list.model_.summaries
                    if not (trash and summary.folder_id in gone)
                ]
            )

        ask.finished.connect(answered)
        ask.finished.connect(ask.deleteLater)
        self.ask = ask
        ask.open()
        return ask

    def _documents_note(self, folder_id: int) -> str:
        """ " Its documents … are deleted too." when the folder (or a sub-folder) has any."""
        from desktop.documents.owners import folder_owner

        library = self.documents
        if library is None:
            return ""
        folders = self._store.folders.with_subfolders(folder_id)
        if not any(library.store.documents(folder_owner(f)) for f in folders):
            return ""
        return " " + self.tr(
            "Its documents, with their passages and embeddings, are deleted too "
            "(your files on disk stay)."
        )

    def _delete_documents(self, folders: set[int]) -> None:
        from desktop.documents.owners import folder_owner

        library = self.documents
        if library is not None:
            for folder in folders:
                library.tasks.spawn(library.delete_owner(folder_owner(folder)), name="documents")

    def open_settings(self, folder_id: int) -> QWidget | None:
        from desktop.ui.chat.sidebar.folder_settings import FolderSettingsDialog

        folder = self._store.folders.get(folder_id)
        if folder is None:
            return None
        dialog = FolderSettingsDialog(
            self._store, folder, self.model_choices(), self._parent, documents=self.documents
        )
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _unsay(self) -> None:
        if self._said:
            self._said = False
            self._status.hide()

    def say(self, words: str) -> None:
        """A refused name or place, under the list (until the name is typed anew or
        left as it was)."""
        self._said = True
        self._status.setText(words)
        self._status.setProperty("warning", True)
        self._status.style().unpolish(self._status)
        self._status.style().polish(self._status)
        self._status.show()

    def _show(self, summaries: list[ConversationSummary] | None = None) -> None:
        """Show the folders as stored now, with ``summaries`` (None: those listed)."""
        self._list.set_summaries(
            self._list.model_.summaries if summaries is None else summaries,
            self._list.shown_id,
            folders=self._store.folders.all(),
            counts=self._store.folders.counts(),
        )
        self.read_again()
