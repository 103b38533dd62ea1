"""Searching from the sidebar: what is typed finds conversations by title at once, from
what is listed, and messages after a short pause, from the store on a worker thread (a
newer query interrupts the older one). Down moves into the results, Esc clears.

The results view is made on first use (or once the list is loaded), not at startup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QStackedWidget

from desktop.core.conversation import SearchHit
from desktop.storage.history import HistoryStore
from desktop.ui.chat.sidebar.conversation_list import ConversationList
from desktop.ui.strings import counted
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:  # built on the first search, not at startup
    from desktop.ui.chat.sidebar.search_results import Result, SearchResultsView, TitleIndex

SEARCH_DELAY_MS = 150
MESSAGE_SEARCH_MIN = 2
"""Shorter queries filter titles only: a one-letter search of every message is a scan."""


class SidebarSearch(QObject):
    conversationChosen = Signal(int)
    messageChosen = Signal(int, int)  # conversation id, message id

    def __init__(
        self,
        store: HistoryStore,
        tasks: TaskOwner,
        box: QLineEdit,
        stack: QStackedWidget,
        listed: ConversationList,
        status: QLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._box = box
        self._stack = stack
        self._list = listed
        self._status = status
        self._generation = 0
        self._title_hits: list[Result] = []
        self._titles: TitleIndex | None = None
        self._results: SearchResultsView | None = None
        self.scope: Callable[[], list[int] | None] = lambda: None
        """The folders a search is limited to (None: everywhere)."""
        box.textChanged.connect(self._query_changed)
        box.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._start_search)

    @property
    def results(self) -> SearchResultsView:
        """The search results' view, made the first time it is needed."""
        if self._results is None:
            from desktop.ui.chat.sidebar.search_results import SearchResultsView

            self._results = SearchResultsView()
            self._results.chosen.connect(self._chosen)
            self._stack.addWidget(self._results)
        return self._results

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the search box goes into the list or the results; Esc clears it."""
        if (
            watched is self._box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Down:
                self._enter_view()
                return True
            if event.key() == Qt.Key.Key_Escape and self._box.text():
                self._box.clear()
                return True
        return super().eventFilter(watched, event)

    def _enter_view(self) -> None:
        view = self._stack.currentWidget()
        assert isinstance(view, QListView)
        view.setFocus()
        model = view.model()
        if not view.currentIndex().isValid():
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                if model.flags(index) & Qt.ItemFlag.ItemIsSelectable:
                    view.setCurrentIndex(index)
                    break

    def _query_changed(self, text: str) -> None:
        query = text.strip()
        self._generation += 1
        self._store.cancel_search()
        if not query:
            self._timer.stop()
            self._stack.setCurrentWidget(self._list)
            self._status.hide()
            return
        self._filter_titles(query)
        if len(query) >= MESSAGE_SEARCH_MIN:
            self._timer.start()
        else:
            self._timer.stop()

    def scope_changed(self) -> None:
        """The "In <folder>" chip or the selected folder changed: search again."""
        if self._box.text().strip():
            self._query_changed(self._box.text())

    def refilter(self) -> None:
        """The list changed: find titles again in what it lists now."""
        if self._box.text().strip():
            self._filter_titles(self._box.text().strip())

    def _filter_titles(self, query: str) -> None:
        """Conversations found by title, at once (messages follow when the store answers)."""
        from desktop.ui.chat.sidebar.search_results import TitleIndex

        listed = self._list.model_.summaries
        scope = self.scope()
        if scope is not None:
            inside = set(scope)
            listed = [summary for summary in listed if summary.folder_id in inside]
            self._titles = None
        if self._titles is None or self._titles.conversations is not listed:
            self._titles = TitleIndex(listed)
        self._title_hits = self._titles.find(query.split(), self.tr("New chat"))
        self._show(self._title_hits, None)

    def _start_search(self) -> None:
        self._generation += 1
        self._tasks.spawn(self._search(self._box.text().strip(), self._generation), name="search")

    async def _search(self, query: str, generation: int) -> None:
        hits = await asyncio.to_thread(self._store.search, query, 50, self.scope())
        if generation == self._generation:
            self.show_hits(hits)

    def show_hits(self, hits: list[SearchHit]) -> None:
        from desktop.ui.chat.sidebar.search_results import message_result

        you, answer, untitled = self.tr("You"), self.tr("Answer"), self.tr("New chat")
        self._show(self._title_hits, [message_result(hit, you, answer, untitled) for hit in hits])

    def _show(self, titles: list[Result], messages: list[Result] | None) -> None:
        """``messages`` None: the store has not answered yet."""
        from desktop.ui.chat.sidebar.search_results import SECTION, Result

        results: list[Result] = []
        if titles:
            results += [Result(SECTION, self.tr("Conversations")), *titles]
        if messages:
            results += [Result(SECTION, self.tr("Messages")), *messages]
        self.results.model_.set_results(results)
        self._stack.setCurrentWidget(self.results)
        self._status.setProperty("warning", False)
        self._status.setText(self._status_text(titles, messages))
        self._status.setVisible(bool(self._status.text()))

    def _status_text(self, titles: list[Result], messages: list[Result] | None) -> str:
        if messages is None:
            if len(self._box.text().strip()) < MESSAGE_SEARCH_MIN:
                return "" if titles else self.tr("No conversation title contains that.")
            return "" if titles else self.tr("Searching messages…")
        if not titles and not messages:
            return self.tr("No conversation or message contains that.")
        in_messages = counted(
            len(messages), self.tr("1 matching message"), self.tr("{count} matching messages")
        )
        in_titles = counted(
            len(titles),
            self.tr("1 matching conversation"),
            self.tr("{count} matching conversations"),
        )
        if not titles or not messages:
            return in_titles if titles else in_messages
        return self.tr("{conversations}, {messages}").format(
            conversations=counted(
                len(titles), self.tr("1 conversation"), self.tr("{count} conversations")
            ),
            messages=counted(len(messages), self.tr("1 message"), self.tr("{count} messages")),
        )

    def hit_labels(self) -> list[str]:
        """The results as shown, one line each: "title — excerpt"."""
        return [
            f"{first} — {second}" if second else first for first, second in self.results.lines()
        ]

    def _chosen(self, conversation_id: int, message_id: int | None) -> None:
        if message_id is None:
            self.conversationChosen.emit(conversation_id)
        else:
            self.messageChosen.emit(conversation_id, message_id)
