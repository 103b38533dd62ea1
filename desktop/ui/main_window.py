"""The main window only composes panes and wires their signals together."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.chat_service import ChatService
from desktop.providers.ollama import OllamaProvider
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.chat_pane import ChatPane
from desktop.ui.conversation_list import ConversationList
from desktop.ui.model_list_model import ModelListModel
from desktop.ui.model_pane import ModelPane
from desktop.ui.ollama_monitor import OllamaMonitor
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
        make_provider: Callable[[str], OllamaProvider],
        startup_notice: str = "",
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(1180, 760)
        self._chat = chat
        self._monitor = monitor
        self._settings = settings
        self._settings_store = settings_store
        self._make_provider = make_provider

        self.models = ModelListModel(self)
        self.banner = StatusBanner()
        self.conversations = ConversationList()
        self.model_pane = ModelPane(self.models, monitor)
        self.chat_pane = ChatPane(chat, self.models, tasks)

        left = QSplitter(Qt.Orientation.Vertical)
        chats_box = QWidget()
        chats_layout = QVBoxLayout(chats_box)
        chats_layout.setContentsMargins(0, 0, 0, 0)
        chats_title = QLabel(self.tr("Conversations"))
        chats_title.setObjectName("paneTitle")
        chats_layout.addWidget(chats_title)
        chats_layout.addWidget(self.conversations, 1)
        left.addWidget(chats_box)
        left.addWidget(self.model_pane)
        left.setSizes([380, 320])

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.chat_pane)
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
        self.model_pane.modelChosen.connect(self.chat_pane.set_model)
        self.conversations.conversationSelected.connect(self.chat_pane.open_conversation)
        self.chat_pane.conversationsChanged.connect(self.refresh_conversations)
        self.chat_pane.modelChanged.connect(self._remember_model)
        self.banner.show_status(monitor.status)

        self._restore()
        monitor.refresh()

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
