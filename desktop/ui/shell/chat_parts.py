"""The Chats page's parts, built together: the conversation sidebar, the chat pane, the
setup card and the guide that chooses between chat and card.

They are made in one place so the window can build them after its first paint: the chat
page's modules (markdown, message bubbles, the composer) are a third of Parley's imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QSplitter, QWidget

from desktop.core.chat_service import ChatService
from desktop.storage.history import HistoryStore
from desktop.storage.settings import Settings
from desktop.storage.ui_state import UiState
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.sidebar.conversation_list import ConversationList
from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
from desktop.ui.chat.sidebar.folder_chats import FolderChats
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.shell.chats_page import ChatsPage
from desktop.ui.shell.first_run import FirstRunPanel
from desktop.ui.shell.quick_switcher import CONVERSATION, MODEL, SwitchTarget
from desktop.ui.shell.setup_guide import SetupGuide
from desktop.ui.tasks import TaskOwner


@dataclass(frozen=True)
class ChatParts:
    sidebar: ConversationSidebar
    pane: ChatPane
    first_run: FirstRunPanel
    page: ChatsPage
    setup: SetupGuide
    chat: ChatService[HistoryStore]

    @property
    def conversations(self) -> ConversationList:
        return self.sidebar.list

    @property
    def splitter(self) -> QSplitter:
        return self.page.splitter

    @classmethod
    def build(
        cls,
        window: QWidget,
        *,
        chat: ChatService[HistoryStore],
        providers: ProviderRegistry,
        tasks: TaskOwner,
        monitor: OllamaMonitor,
        settings: Settings,
        models: QAbstractItemModel,
    ) -> ChatParts:
        sidebar = ConversationSidebar(chat.store, tasks)
        pane = ChatPane(chat, providers, tasks)
        first_run = FirstRunPanel()
        page = ChatsPage(sidebar, pane, first_run)
        setup = SetupGuide(
            window,
            monitor=monitor,
            settings=settings,
            models=models,
            chat_pane=pane,
            chats_page=page,
        )
        parts = cls(sidebar, pane, first_run, page, setup, chat)
        parts._connect(monitor, providers, models)
        return parts

    def restore(self, state: UiState, settings: Settings) -> None:
        """The layout, model and conversation of last time."""
        if len(state.splitter_sizes) == 2:
            self.splitter.setSizes(state.splitter_sizes)
        self.sidebar.set_collapsed(state.sidebar_collapsed)
        if settings.last_model:
            self.pane.choose_model(settings.last_provider or LOCAL_OLLAMA_ID, settings.last_model)
        self.pane.use_default_model()
        self.sidebar.reload(self.pane.conversation_id)
        # After a crash or kill mid-answer, the conversation whose answer was cut off.
        store = self.chat.store
        interrupted = store.interrupted_conversations
        last = interrupted[-1] if interrupted else state.last_conversation_id
        if last is not None and store.conversation_summary(last) is not None:
            self.pane.open_conversation(last)
            self.sidebar.reload(self.pane.conversation_id)

    def switch_targets(self, untitled: str) -> list[SwitchTarget]:
        """What Ctrl+K can jump to: every conversation, and every model that can chat."""
        targets = [
            SwitchTarget(CONVERSATION, c.title or untitled, c.model, c.id)
            for c in self.chat.store.conversation_summaries()
        ]
        targets += [
            SwitchTarget(
                MODEL, choice.model, group.provider_name, (group.provider_id, choice.model)
            )
            for group in self.pane.picker.groups
            for choice in group.models
            if choice.chat  # an embedding model cannot answer
        ]
        return targets

    def _connect(
        self, monitor: OllamaMonitor, providers: ProviderRegistry, models: QAbstractItemModel
    ) -> None:
        """The wiring among the parts themselves and the services they follow."""
        sidebar, pane, setup = self.sidebar, self.pane, self.setup
        FolderChats(self.chat.store, sidebar, pane)  # owned by the sidebar
        sidebar.conversationSelected.connect(pane.open_conversation)
        sidebar.messageChosen.connect(pane.show_message)
        sidebar.conversationTrashed.connect(pane.conversation_removed)
        sidebar.conversationTrashed.connect(setup.update)
        self.conversations.renameRequested.connect(lambda *_: pane.refresh_title())
        pane.conversationShown.connect(self.conversations.show_current)
        pane.conversationsChanged.connect(setup.update)
        monitor.modelsChanged.connect(lambda _models: pane.picker.refresh())
        monitor.statusChanged.connect(setup.update)
        models.modelReset.connect(setup.update)
        providers.changed.connect(setup.update)
        self.first_run.checkRequested.connect(monitor.refresh)
