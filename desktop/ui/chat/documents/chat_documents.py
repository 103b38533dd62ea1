"""Documents in the chat: attach → index → ask → cite, wired into the chat page.

Files that are not pictures, from the attach button, a drop or a paste, become documents
of the open conversation (a new chat's are held under a draft owner and given to the
conversation when its first message is sent). Each answer's request carries the
documents of the conversation, its folder and its collections (AnswerDocuments), and
the sources it was sent are saved with it, shown under it, and opened from ``[n]``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPalette

from desktop.core.chat_parameters import context_window
from desktop.core.cited_sources import SentSources
from desktop.core.embedding import Embedder
from desktop.core.errors import ParleyError
from desktop.core.messages import Role
from desktop.core.text import QT_TRANSLATE_NOOP, text
from desktop.documents.answer_context import AnswerDocuments
from desktop.documents.owners import conversation_owner, owners_for
from desktop.services.embedder_choice import EmbedderChoice
from desktop.ui.chat.documents.chips import DocumentChips, DocumentsButton
from desktop.ui.chat.documents.indexer import DocumentIndexer
from desktop.ui.chat.documents.sources_view import (
    SCHEME,
    SourcesView,
    link_citations,
    parse_source_url,
    recolour_citations,
)
from desktop.ui.render.markdown_view import MarkdownView
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.storage.document_store import DocumentStore
    from desktop.storage.history import HistoryStore
    from desktop.ui.chat.chat_pane import ChatPane
    from desktop.ui.chat.documents.documents_window import DocumentsWindow
    from desktop.ui.chat.documents.passage_viewer import PassageViewer
    from desktop.ui.chat.messages.message_bubble import MessageBubble

DRAFT_OWNER = "draft:new-chat"
"""A new chat's documents until its first message makes it a conversation."""
MEASURE_AFTER_MS = 150
"""The context meter learns the documents' size this long after they last changed."""


class NotAllowed(ParleyError):
    """The person has not allowed the remote embedding provider yet."""


class ChatDocuments(QObject):
    settingsRequested = Signal()
    """The person asked for Settings → Documents (to choose an embedding model)."""

    def __init__(
        self,
        pane: ChatPane,
        store: DocumentStore,
        choice: EmbedderChoice,
        history: HistoryStore,
        tasks: TaskOwner,
    ) -> None:
        super().__init__(pane)
        self.pane = pane
        self.store = store
        self.choice = choice
        self.history = history
        self._tasks = tasks
        self.indexer = DocumentIndexer(store, choice, tasks, self._window, self)
        self.chips = DocumentChips(self.indexer)
        pane.card.add_above_attachments(self.chips)
        self.header_button = DocumentsButton(self.indexer)
        pane.header.add_button(self.header_button)
        self.header_button.clicked.connect(self.open_list)
        self.chips.listRequested.connect(self.open_list)
        self.chips.settingsRequested.connect(self.settingsRequested)
        self.list_window: DocumentsWindow | None = None
        self.viewer: PassageViewer | None = None
        self.sent: dict[int, SentSources] = {}
        """Sources of the answers shown, by message id (saved in the history too)."""

        pane.draft.takes_documents = True
        pane.draft.documentsOffered.connect(self._offered)
        pane.conversationCreated.connect(self._created)
        pane.conversationShown.connect(self._shown)
        pane.runner.documents = self.for_conversation
        pane.runner.answerEnded.connect(self._answer_ended)
        pane.runner.renderer.idle.connect(self._drawn)
        self._measure = QTimer(self)  # once after a burst of changes (indexing progress)
        self._measure.setSingleShot(True)
        self._measure.setInterval(MEASURE_AFTER_MS)
        self._measure.timeout.connect(lambda: self._tasks.spawn(self._measured(), name="measure"))
        self.indexer.changed.connect(self._measure.start)
        pane.runner.answerEnded.connect(self._measure.start)
        self._unlinked: tuple[MessageBubble, int, SentSources] | None = None
        """An ended answer whose held pages were still being drawn: linked once they are."""
        pane.versions.bubble_extras = self.decorate
        for bubble in pane.messages.bubbles():  # a conversation reopened at start
            if bubble.message_id is not None:
                self.decorate(bubble, bubble.message_id)
        pane.installEventFilter(self)  # light and dark switch: the links' colour follows
        QDesktopServices.setUrlHandler(SCHEME, self, "open_url")  # type: ignore[arg-type]
        self.destroyed.connect(lambda: QDesktopServices.unsetUrlHandler(SCHEME))
        self._shown(pane.conversation_id)
        tasks.spawn(self._tidy(), name="documents-tidy")

    @property
    def owner(self) -> str:
        conversation_id = self.pane.conversation_id
        return DRAFT_OWNER if conversation_id is None else conversation_owner(conversation_id)

    def _window(self) -> int | None:
        """The context the next answer is sent with (as the chat computes it)."""
        details = self.pane.route_bar.cached_details()
        model_window = details.context_length if details is not None else None
        return context_window(self.pane.session.parameters(), model_window)

    # -- attach --------------------------------------------------------------------------

    def _offered(self, paths: list[object]) -> None:
        self.indexer.add_paths([Path(str(path)) for path in paths], self.owner)

    def _created(self, conversation_id: int) -> None:
        owner = conversation_owner(conversation_id)
        self.chips.follow(owner)
        self.indexer.reassign(DRAFT_OWNER, owner)

    def _shown(self, conversation_id: object) -> None:
        self._measure.start()
        self.chips.show_owner(self.owner)
        self.header_button.show_owner(self.owner)
        if self.list_window is not None:
            self.list_window.show_owner(self.owner)
        if isinstance(conversation_id, int):
            self._prepare(conversation_id)

    def _prepare(self, conversation_id: int) -> None:
        """Read the conversation's vectors ahead of the first question."""
        if not self.choice.chosen:
            return
        owners = self._owners(conversation_id)
        model = self.choice.model
        self._tasks.spawn(
            asyncio.to_thread(self.store.retrieval.prepare, owners, model), name="prepare"
        )

    async def _measured(self) -> None:
        """Tell the context meter how much text the next question's documents hold."""
        conversation_id = self.pane.conversation_id
        owners = [DRAFT_OWNER] if conversation_id is None else self._owners(conversation_id)
        lengths = await asyncio.to_thread(self.store.text_lengths, owners)
        if self.pane.conversation_id != conversation_id:
            return  # another chat opened meanwhile: it is measured on its own
        last = next(
            (
                b.message_id
                for b in reversed(self.pane.messages.bubbles())
                if b.role is Role.ASSISTANT
            ),
            None,
        )
        self.pane.meter.set_documents(sum(lengths.values()), counted=last in self.sent)

    async def _tidy(self) -> None:
        """Documents of conversations deleted for good (not in the trash) go too."""
        for owner in await asyncio.to_thread(self.store.owners):
            kind, _, number = owner.partition(":")
            if kind != "conversation" or not number.isdigit():
                continue
            try:
                self.history.get_conversation(int(number))
            except KeyError:
                await asyncio.to_thread(self.store.delete_owner, owner)

    def open_list(self) -> DocumentsWindow:
        from desktop.ui.chat.documents.documents_window import DocumentsWindow

        if self.list_window is None:
            self.list_window = DocumentsWindow(self.indexer, self.pane.window())
        self.list_window.show_owner(self.owner)
        self.list_window.show()
        self.list_window.raise_()
        return self.list_window

    # -- ask -----------------------------------------------------------------------------

    def _owners(self, conversation_id: int) -> list[str]:
        summary = self.history.conversation_summary(conversation_id)
        folder = summary.folder_id if summary is not None else None
        collections = self.history.get_conversation(conversation_id).parameters.collections
        return owners_for(conversation_id, folder, collections or ())

    def for_conversation(self, conversation_id: int) -> AnswerDocuments | None:
        owners = self._owners(conversation_id)
        return AnswerDocuments(self.store, owners, self._embedder, self._record)

    async def _embedder(self) -> Embedder:
        if not self.choice.consented:
            raise NotAllowed(
                text(QT_TRANSLATE_NOOP("core", "The embedding provider is not allowed yet."))
            )
        return await self.choice.current()

    def _record(self, answer_id: int, sent: SentSources) -> None:
        self.sent[answer_id] = sent
        self.history.answer_sources.save(answer_id, sent)

    # -- cite ----------------------------------------------------------------------------

    def decorate(self, bubble: MessageBubble, message_id: int) -> None:
        """A saved answer's bubble: its Sources below it, its [n] as links."""
        sent = self.sent.get(message_id) or self.history.answer_sources.of(message_id)
        if sent is None:
            return
        self.sent[message_id] = sent
        self._show_sources(bubble, message_id, sent)

    def _answer_ended(self, bubble: MessageBubble) -> None:
        message_id = bubble.message_id
        sent = self.sent.get(message_id) if message_id is not None else None
        if message_id is None or sent is None:
            return
        self._show_sources(bubble, message_id, sent)
        self._unlinked = (bubble, message_id, sent)  # held pages are drawn after the end

    def _drawn(self) -> None:
        """The renderer drew all it had: the pages held at the end are there to link."""
        unlinked, self._unlinked = self._unlinked, None
        if unlinked is not None and shiboken6.isValid(unlinked[0]):
            self._link(*unlinked)

    def _show_sources(self, bubble: MessageBubble, message_id: int, sent: SentSources) -> None:
        if bubble.findChild(SourcesView) is None:
            view = SourcesView(message_id, sent)
            view.passageRequested.connect(self.open_passage)
            bubble.add_below_answer(view)
        self._link(bubble, message_id, sent)

    def _link(self, bubble: MessageBubble, message_id: int, sent: SentSources) -> None:
        body = bubble.body
        if not isinstance(body, MarkdownView):
            return
        colour = body.palette().color(QPalette.ColorRole.Link)
        for page in body.pages():
            if page.view is not None:
                link_citations(page.view.document(), message_id, sent, colour)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pane and event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self, self._recolour)
        return False

    def _recolour(self) -> None:
        for bubble in self.pane.messages.bubbles():
            body = bubble.body
            if bubble.message_id not in self.sent or not isinstance(body, MarkdownView):
                continue
            colour = body.palette().color(QPalette.ColorRole.Link)
            for page in body.pages():
                if page.view is not None:
                    recolour_citations(page.view.document(), colour)

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        found = parse_source_url(url.toString())
        if found is not None:
            self.open_passage(*found)

    def open_passage(self, message_id: int, number: int) -> PassageViewer | None:
        from desktop.ui.chat.documents.passage_viewer import PassageViewer

        sent = self.sent.get(message_id) or self.history.answer_sources.of(message_id)
        source = sent.by_number(number) if sent is not None else None
        if source is None:
            return None
        if self.viewer is None:
            self.viewer = PassageViewer(self.store, self._tasks, self.pane.window())
        self.viewer.show_source(source)
        return self.viewer
