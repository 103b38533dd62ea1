"""The main window only composes panes and wires their signals together."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.chat_service import ChatService
from desktop.core.pull_manager import PullManager
from desktop.providers.ollama import OllamaProvider
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.chat_pane import ChatPane
from desktop.ui.conversation_sidebar import ConversationSidebar
from desktop.ui.model_list_model import ModelListModel
from desktop.ui.model_manager import ModelManagerPane
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.settings import SettingsWindow
from desktop.ui.status_banner import StatusBanner
from desktop.ui.tasks import TaskOwner


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        chat: ChatService,
        monitor: OllamaMonitor,
        settings: Settings,
        settings_store: SettingsStore,
        tasks: TaskOwner,
        pulls: PullManager,
        make_provider: Callable[[str], OllamaProvider],
        startup_notice: str = "",
        providers: ProviderRegistry | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(1180, 760)
        self._chat = chat
        self._monitor = monitor
        self._settings = settings
        self._settings_store = settings_store
        self._make_provider = make_provider
        self._tasks = tasks
        self._providers = providers
        self._settings_window: SettingsWindow | None = None

        self.models = ModelListModel(self)
        self.banner = StatusBanner()
        self.conversation_sidebar = ConversationSidebar(chat.store, tasks)
        self.conversations = self.conversation_sidebar.list
        self.model_pane = ModelManagerPane(self.models, monitor, pulls, tasks)
        self.chat_pane = ChatPane(chat, self.models, tasks)

        left = QSplitter(Qt.Orientation.Vertical)
        chats_box = QWidget()
        chats_layout = QVBoxLayout(chats_box)
        chats_layout.setContentsMargins(0, 0, 0, 0)
        chats_title = QLabel(self.tr("Conversations"))
        chats_title.setObjectName("paneTitle")
        chats_layout.addWidget(chats_title)
        chats_layout.addWidget(self.conversation_sidebar, 1)
        left.addWidget(chats_box)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.chat_pane, self.tr("Chat"))
        self.tabs.addTab(self.model_pane, self.tr("Models"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 750])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        if startup_notice:
            self.statusBar().showMessage(startup_notice)

        monitor.statusChanged.connect(self.banner.show_status)
        monitor.modelsChanged.connect(self.models.set_models)
        self.banner.retryRequested.connect(monitor.refresh)
        self.banner.hostChangeRequested.connect(self._ask_host)
        self.model_pane.chatRequested.connect(self.chat_with)
        self.model_pane.keepAliveChosen.connect(self._set_keep_alive)
        sidebar = self.conversation_sidebar
        sidebar.conversationSelected.connect(self.chat_pane.open_conversation)
        sidebar.conversationSelected.connect(lambda _id: self.tabs.setCurrentWidget(self.chat_pane))
        sidebar.messageChosen.connect(self.chat_pane.show_message)
        sidebar.messageChosen.connect(lambda *_: self.tabs.setCurrentWidget(self.chat_pane))
        sidebar.conversationTrashed.connect(self.chat_pane.conversation_removed)
        sidebar.changed.connect(self.refresh_conversations)
        sidebar.newRequested.connect(self.chat_pane.new_conversation)
        self.chat_pane.conversationsChanged.connect(self.refresh_conversations)
        self.chat_pane.modelChanged.connect(self._remember_model)
        self.banner.show_status(monitor.status)

        self._restore()
        monitor.refresh()
        if providers is not None:
            settings_action = QAction(self.tr("&Settings…"), self)
            settings_action.setShortcut(QKeySequence("Ctrl+,"))
            settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
            settings_action.triggered.connect(self.open_settings)
            self.menuBar().addMenu(self.tr("&Parley")).addAction(settings_action)

    def open_settings(self) -> SettingsWindow | None:
        """Show the (non-modal) settings window, creating it the first time."""
        if self._providers is None:
            return None
        if self._settings_window is None:
            self._settings_window = SettingsWindow(
                self._providers,
                self._settings_store,
                self._tasks,
                set_ollama_host=self.set_host,
                parent=self,
            )
        self._settings_window.show()
        self._settings_window.raise_()
        self._settings_window.activateWindow()
        return self._settings_window

    # -- conversations -------------------------------------------------------
    def refresh_conversations(self) -> None:
        self.conversations.set_conversations(
            self._chat.store.list_conversations(), self.chat_pane.conversation_id
        )

    # -- host ----------------------------------------------------------------
    def _ask_host(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Ollama host"))
        dialog.setLabelText(
            self.tr("Address of the Ollama server (empty: OLLAMA_HOST or http://127.0.0.1:11434)")
        )
        dialog.setTextValue(self._settings.ollama_host or self._monitor.status.host)
        dialog.textValueSelected.connect(self.set_host)
        dialog.open()

    def set_host(self, host: str) -> None:
        try:
            provider = self._make_provider(host.strip())
        except ValueError as error:
            self.statusBar().showMessage(str(error), 10000)
            return
        self._settings.ollama_host = host.strip()
        self._settings_store.save(self._settings)
        self._chat.set_provider(provider)
        self._monitor.set_provider(provider)

    def chat_with(self, name: str) -> None:
        self.chat_pane.set_model(name)
        self.tabs.setCurrentWidget(self.chat_pane)

    def _set_keep_alive(self, keep_alive: str | int | None) -> None:
        self.chat_pane.options = dataclasses.replace(self.chat_pane.options, keep_alive=keep_alive)

    def _remember_model(self, name: str) -> None:
        self._settings.last_model = name

    # -- window state --------------------------------------------------------
    def _restore(self) -> None:
        settings = self._settings
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
        if len(settings.splitter_sizes) == 2:
            self.splitter.setSizes(settings.splitter_sizes)
        if settings.last_model:
            self.chat_pane.set_model(settings.last_model)
        self.refresh_conversations()
        last = settings.last_conversation_id
        known = {c.id for c in self._chat.store.list_conversations()}
        if last is not None and last in known:
            self.chat_pane.open_conversation(last)
            self.refresh_conversations()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.chat_pane.stop()
        settings = self._settings
        settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        settings.splitter_sizes = self.splitter.sizes()
        settings.last_conversation_id = self.chat_pane.conversation_id
        self._settings_store.save(settings)
        super().closeEvent(event)
