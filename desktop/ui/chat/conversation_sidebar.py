"""Conversations: the dated list, full-text search over every message, delete with Undo,
and import of an exported conversation."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.conversation import HIT_END, HIT_START, Conversation, SearchHit
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore
from desktop.ui.chat.conversation_list import ConversationList
from desktop.ui.tasks import TaskOwner

SEARCH_DELAY_MS = 150
UNDO_MS = 10_000
HIT_STYLE = "background-color: #fde293; color: #202124;"


def snippet_html(snippet: str) -> str:
    """The snippet escaped for rich text, its hits highlighted."""
    text = html.escape(snippet.replace("\n", " "))
    return text.replace(HIT_START, f'<span style="{HIT_STYLE}">').replace(HIT_END, "</span>")


class ConversationSidebar(QWidget):
    conversationSelected = Signal(int)
    messageChosen = Signal(int, int)  # conversation id, message id
    conversationTrashed = Signal(int)
    conversationRestored = Signal(int)
    changed = Signal()
    newRequested = Signal()

    def __init__(
        self, store: HistoryStore, tasks: TaskOwner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._search_generation = 0
        self._trashed: int | None = None
        store.purge_trash()  # left over from a session that ended within its Undo time

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search all messages"))
        self.search_box.setAccessibleName(self.tr("Search conversations"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._query_changed)
        layout.addWidget(self.search_box)
        top = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setAccessibleName(self.tr("Start a new conversation"))
        self.new_button.clicked.connect(self.newRequested)
        top.addWidget(self.new_button)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setAccessibleName(self.tr("Import a conversation from a JSON file"))
        self.import_button.clicked.connect(self.choose_import)
        top.addWidget(self.import_button)
        layout.addLayout(top)

        self.stack = QStackedWidget()
        self.list = ConversationList()
        self.list.conversationSelected.connect(self.conversationSelected)
        self.list.renameRequested.connect(self._rename)
        self.list.pinRequested.connect(self._pin)
        self.list.deleteRequested.connect(self.trash)
        self.list.refreshWanted.connect(self.changed)
        self.stack.addWidget(self.list)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.itemActivated.connect(self._result_chosen)
        self.results.itemClicked.connect(self._result_chosen)
        self.stack.addWidget(self.results)
        layout.addWidget(self.stack, 1)
        self.search_status = QLabel()
        self.search_status.setObjectName("hint")
        self.search_status.hide()
        layout.addWidget(self.search_status)

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(8, 4, 4, 4)
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        undo_layout.addWidget(self.undo_label, 1)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Bring the deleted conversation back"))
        self.undo_button.clicked.connect(self.undo)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self._forget_trash)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search)
        self.import_dialog: QFileDialog | None = None

    def set_conversations(self, conversations: list[Conversation], current: int | None) -> None:
        self.list.set_conversations(conversations, current)

    # -- rename, pin, delete ---------------------------------------------------
    def _rename(self, conversation_id: int, title: str) -> None:
        self._store.rename_conversation(conversation_id, title)

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
    def _query_changed(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self._search_generation += 1
            self.stack.setCurrentWidget(self.list)
            self.search_status.hide()

    def _start_search(self) -> None:
        self._search_generation += 1
        self._tasks.spawn(
            self._search(self.search_box.text().strip(), self._search_generation), name="search"
        )

    async def _search(self, query: str, generation: int) -> None:
        hits = await asyncio.to_thread(self._store.search, query)
        if generation == self._search_generation:
            self.show_hits(hits)

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(0x0100, (hit.conversation_id, hit.message_id))
            author = self.tr("You") if hit.role is Role.USER else self.tr("Answer")
            label = QLabel(
                f"<b>{html.escape(hit.conversation_title)}</b>"
                f"<br><span>{html.escape(author)}: {snippet_html(hit.snippet)}</span>"
            )
            label.setObjectName("searchHit")
            label.setWordWrap(True)
            label.setContentsMargins(6, 4, 6, 4)
            self.results.addItem(item)
            item.setSizeHint(label.sizeHint())
            self.results.setItemWidget(item, label)
        self.stack.setCurrentWidget(self.results)
        self.search_status.setText(
            self.tr("No message contains that.")
            if not hits
            else self.tr("{n} matching messages").format(n=len(hits))
        )
        self.search_status.show()

    def hit_labels(self) -> list[str]:
        labels: list[str] = []
        for row in range(self.results.count()):
            widget = self.results.itemWidget(self.results.item(row))
            if isinstance(widget, QLabel):
                labels.append(widget.text())
        return labels

    def _result_chosen(self, item: QListWidgetItem) -> None:
        conversation_id, message_id = item.data(0x0100)
        self.messageChosen.emit(conversation_id, message_id)

    # -- import --------------------------------------------------------------
    def choose_import(self) -> None:
        dialog = QFileDialog(self, self.tr("Import a conversation"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Parley conversation (*.json)"))
        dialog.fileSelected.connect(self.import_file)
        self.import_dialog = dialog
        dialog.open()

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
                self.tr("Could not import {path}: {problem}").format(path=path, problem=problem)
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
        self.search_status.show()
