"""The conversation sidebar: the dated list, search over titles and every message, delete
with Undo, import of other apps' exports (import_dialog.py); collapsible to a strip (Ctrl+B).

Startup shows the first screen of conversations (one indexed query) and loads the rest
once the list has painted; later refreshes read the store on a worker thread. Typing a
search filters titles at once from what is loaded and asks the store for messages after
a short pause, on its own connection, interrupting the search it replaces.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.conversation import Conversation, SearchHit
from desktop.core.conversation_groups import ConversationSummary
from desktop.core.folders import Folder
from desktop.storage.history import HistoryStore
from desktop.ui.chat.sidebar.conversation_list import ConversationList
from desktop.ui.chat.sidebar.sidebar_collapse import EXPANDED_WIDTH, SidebarCollapse
from desktop.ui.chat.sidebar.sidebar_folders import SidebarFolders
from desktop.ui.chat.sidebar.sidebar_search import SidebarSearch
from desktop.ui.design import Space
from desktop.ui.icons import icon
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import QUIET, set_kind

if TYPE_CHECKING:  # made when first needed, not at startup
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.chat.sidebar.import_dialog import ImportConversationsDialog
    from desktop.ui.chat.sidebar.search_results import SearchResultsView

UNDO_MS = 10_000
FIRST_SCREEN = 100
"""Conversations shown before the window first paints (more than fit any screen)."""


class ConversationSidebar(SidebarCollapse, QWidget):
    conversationSelected = Signal(int)
    messageChosen = Signal(int, int)  # conversation id, message id
    conversationTrashed = Signal(int)
    conversationRestored = Signal(int)
    changed = Signal()
    newRequested = Signal()
    collapsedChanged = Signal(bool)

    def __init__(
        self, store: HistoryStore, tasks: TaskOwner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSidebar")
        self._store = store
        self._tasks = tasks
        self._load_generation = 0
        self._current: int | None = None
        self._complete = False  # every conversation is loaded, not just the first screen
        self._trashed: int | None = None
        self._collapsed = False
        self._expanded_width = EXPANDED_WIDTH

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.panel = QWidget()
        self.panel.setObjectName("sidebarPanel")
        outer.addWidget(self.panel)
        self.strip = self._build_strip()
        outer.addWidget(self.strip)
        self.strip.hide()

        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(Space.S, Space.S, Space.S, Space.S)
        layout.setSpacing(Space.S)
        header = QHBoxLayout()
        header.setContentsMargins(Space.XS, 0, 0, 0)
        header.setSpacing(Space.XS)
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        header.addWidget(self.title, 1)
        self.folder_button = self._icon_button("folder-open")
        self.folder_button.clicked.connect(self._new_folder)
        header.addWidget(self.folder_button)
        self.new_button = self._icon_button("square-pen")
        self.new_button.clicked.connect(self._new)
        header.addWidget(self.new_button)
        self.collapse_button = self._icon_button("panel-left")
        self.collapse_button.clicked.connect(lambda: self.set_collapsed(True))
        header.addWidget(self.collapse_button)
        layout.addLayout(header)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("sidebarSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search", "muted"), QLineEdit.ActionPosition.LeadingPosition)
        layout.addWidget(self.search_box)
        self.scope_row = QHBoxLayout()
        self.scope_row.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.scope_row)

        self.stack = QStackedWidget()
        self.list = ConversationList()
        self.list.conversationSelected.connect(self.conversationSelected)
        self.list.renameRequested.connect(self._rename)
        self.list.pinRequested.connect(self._pin)
        self.list.deleteRequested.connect(self.trash)
        self.list.refreshWanted.connect(self.changed)
        self.list.firstPainted.connect(self._load_rest)
        self.stack.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.search_status = QLabel()
        self.search_status.setObjectName("hint")
        self.search_status.setWordWrap(True)
        self.search_status.hide()
        layout.addWidget(self.search_status)

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(Space.S, Space.XS, Space.XS, Space.XS)
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        undo_layout.addWidget(self.undo_label, 1)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)

        self.import_button = QPushButton(icon("download", "muted"), "")
        set_kind(self.import_button, QUIET)
        self.import_button.clicked.connect(self.choose_import)
        footer = QHBoxLayout()
        footer.addWidget(self.import_button)
        footer.addStretch(1)
        layout.addLayout(footer)

        self.toggle_action = QAction(self)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+B"))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle_action.triggered.connect(lambda: self.set_collapsed(not self._collapsed))
        self.addAction(self.toggle_action)

        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self._forget_trash)
        self.folders = SidebarFolders(store, self.list, self.search_status, self)
        self.folders.read_again = lambda: self.reload(self._current)
        self.scope_row.addWidget(self.folders.chip)
        self.scope_row.addStretch(1)
        self.search = SidebarSearch(
            store, tasks, self.search_box, self.stack, self.list, self.search_status, self
        )
        self.search.scope = self.folders.scope
        self.folders.scopeChanged.connect(self.search.scope_changed)
        self.search_box.textChanged.connect(self.folders.searching)
        self.search.conversationChosen.connect(self.conversationSelected)
        self.search.messageChosen.connect(self.messageChosen)
        self.import_dialog: QFileDialog | None = None
        self.preview_dialog: ImportConversationsDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language
        change."""
        for button, accessible, tip in (
            (self.new_button, self.tr("New chat"), self.tr("Start a new conversation (Ctrl+N)")),
            (self.folder_button, self.tr("New folder"), self.tr("New folder")),
            (
                self.collapse_button,
                self.tr("Hide the sidebar"),
                self.tr("Hide the sidebar (Ctrl+B)"),
            ),
            (self.expand_button, self.tr("Show the sidebar"), self.tr("Show the sidebar (Ctrl+B)")),
            (self.strip_new, self.tr("New chat"), self.tr("Start a new conversation (Ctrl+N)")),
            (self.strip_search, self.tr("Search"), self.tr("Search chats and messages (Ctrl+F)")),
        ):
            button.setAccessibleName(accessible)
            button.setToolTip(tip)
        self.title.setText(self.tr("Chats"))
        self.search_box.setPlaceholderText(self.tr("Search chats and messages"))
        self.search_box.setAccessibleName(self.tr("Search conversations"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Bring the deleted conversation back"))
        self.import_button.setText(self.tr("Import conversations…"))
        self.import_button.setAccessibleName(self.tr("Import conversations"))
        self.import_button.setToolTip(
            self.tr("Import conversations from ChatGPT, Claude, DeepSeek, Open WebUI or Parley")
        )
        self.toggle_action.setText(self.tr("Show or hide the sidebar"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def focus_search(self) -> None:
        self.set_collapsed(False)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _new_folder(self) -> None:
        self.folders.new_folder()

    def _new(self) -> None:
        self.list.show_current(None)  # a folder selected stays so: the chat goes in it
        self.newRequested.emit()

    # -- the list --------------------------------------------------------------
    def reload(self, current: int | None = None) -> None:
        """Show the stored conversations with ``current`` highlighted: before the window
        has painted the first screen at once, afterwards all of them, read off the UI
        thread."""
        self._current = current
        if not self.list.painted:
            self.list.set_summaries(
                self._store.conversation_summaries(FIRST_SCREEN),
                current,
                folders=self._store.folders.all(),
                counts=self._store.folders.counts(),
            )
            return
        self._load_generation += 1
        self._tasks.spawn(self._load(self._load_generation), name="conversation list")

    def show_current(self, conversation_id: int | None) -> None:
        """The conversation shown beside the list changed (none: a new chat)."""
        self._current = conversation_id
        self.list.show_current(conversation_id)

    def _load_rest(self) -> None:
        """Once the window has painted: what a session that ended within a delete's Undo
        time left in the trash goes for good, and the rest of the list is read."""
        if self._trashed is None:
            with suppress(sqlite3.ProgrammingError):  # closed before the list ever showed
                self._store.purge_trash()
        if not self._complete:
            self.reload(self._current)

    async def _load(self, generation: int) -> None:
        build = self.list.row_builder()  # the rows too are made off the UI thread
        summaries, folders, counts = await asyncio.to_thread(self._read_list)
        built = await asyncio.to_thread(build, summaries, folders, counts)
        if generation != self._load_generation:
            return
        if not self._complete:  # made now, the first keystroke of a search is quicker
            self._complete = True
            QTimer.singleShot(0, lambda: self.search.results)
        self.list.set_summaries(
            summaries, self._current, folders=folders, counts=counts, built=built
        )
        self.search.refilter()

    def _read_list(self) -> tuple[list[ConversationSummary], list[Folder], dict[int, int]]:
        folders = self._store.folders
        return self._store.conversation_summaries(), folders.all(), folders.counts()

    # -- rename, pin, delete ---------------------------------------------------
    def _rename(self, conversation_id: int, title: str) -> None:
        self._store.rename_conversation(conversation_id, title)
        self.reload(self._current)  # a list read before the rename must not be shown

    def _pin(self, conversation_id: int, pinned: bool) -> None:
        self._store.set_pinned(conversation_id, pinned)
        self.changed.emit()

    def trash(self, conversation_id: int) -> None:
        """Delete, undoable for a few seconds (then it is gone for good)."""
        self._forget_trash()
        conversation = self._store.get_conversation(conversation_id)
        self._store.trash_conversation(conversation_id)
        self._trashed = conversation_id
        title = conversation.title or self.tr("New chat")
        self.undo_label.setText(self.tr("Deleted “{title}”.").format(title=title))
        self.undo_label.setToolTip(title)
        self.undo_bar.show()
        self._undo_timer.start()
        self.conversationTrashed.emit(conversation_id)
        self.changed.emit()

    def undo(self) -> None:
        if self._trashed is None:
            return
        conversation_id, self._trashed = self._trashed, None
        self._undo_timer.stop()
        self.undo_bar.hide()
        self._store.restore_conversation(conversation_id)
        self.conversationRestored.emit(conversation_id)
        self.changed.emit()

    def _forget_trash(self) -> None:
        self._undo_timer.stop()
        self.undo_bar.hide()
        if self._trashed is not None:
            self._trashed = None
            self._store.purge_trash()

    # -- search --------------------------------------------------------------
    @property
    def results(self) -> SearchResultsView:
        return self.search.results

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.search.show_hits(hits)

    def hit_labels(self) -> list[str]:
        return self.search.hit_labels()

    # -- import --------------------------------------------------------------
    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # its type costs ~5 ms to make at startup

        dialog = QFileDialog(self, self.tr("Import conversations"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(
            self.tr(
                "Exports of ChatGPT, Claude, DeepSeek, Open WebUI, Chatbox, Cherry Studio"
                " or Parley (*.zip *.json)"
            )
        )
        dialog.fileSelected.connect(self.preview_import)
        self.import_dialog = dialog
        dialog.open()

    def preview_import(self, path: str) -> ImportConversationsDialog:
        """Read the export, show what it holds, and import it when the person agrees."""
        from desktop.ui.chat.sidebar.import_dialog import ImportConversationsDialog

        dialog = ImportConversationsDialog(Path(path), self._store.path, self._tasks, self)
        dialog.importStarted.connect(self._forget_trash)  # its purge must not meet the import
        dialog.imported.connect(lambda _added: self.reload(self._current))
        dialog.finished.connect(dialog.deleteLater)
        self.preview_dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def import_file(self, path: str) -> Conversation | None:
        """Import and open the conversation; a bad file is explained, nothing is added."""
        from desktop.core.conversation_export import ImportProblem, from_json  # slow to import

        try:
            text = Path(path).read_text(encoding="utf-8")
            conversation = self._store.import_conversation(from_json(text))
        except (OSError, UnicodeDecodeError) as error:
            self._show_problem(
                self.tr("Could not read {path}: {error}").format(path=path, error=error)
            )
            return None
        except ImportProblem as problem:
            self._show_problem(
                self.tr("Could not import {path}: {problem}").format(
                    path=path, problem=translated(problem)
                )
            )
            return None
        self.search_status.hide()
        self.changed.emit()
        self.conversationSelected.emit(conversation.id)
        self.changed.emit()
        return conversation

    def _show_problem(self, text: str) -> None:
        self.search_status.setText(text)
        self.search_status.setProperty("warning", True)
        self.search_status.style().unpolish(self.search_status)
        self.search_status.style().polish(self.search_status)
        self.search_status.show()
