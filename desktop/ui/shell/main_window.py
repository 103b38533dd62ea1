"""The main window only composes panes and wires their signals together."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.chat_service import ChatService
from desktop.core.pull_manager import PullChange, PullItem, PullManager, PullState
from desktop.providers.ollama import OllamaProvider
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.conversation_sidebar import ConversationSidebar
from desktop.ui.i18n_core import core_text
from desktop.ui.models.model_list_model import ModelListModel
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.shell.first_run import FirstRunPanel, SetupState
from desktop.ui.shell.lazy_tab import LazyTab
from desktop.ui.shell.quick_switcher import CONVERSATION, MODEL, QuickSwitcher, SwitchTarget
from desktop.ui.shell.shortcuts import ShortcutSheet, WindowShortcuts
from desktop.ui.shell.status_banner import StatusBanner
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

if TYPE_CHECKING:  # the settings window and the Models tab are imported when first opened
    from desktop.ui.models.pane import ModelManagerPane
    from desktop.ui.settings.settings_window import SettingsWindow


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
        providers: ProviderRegistry,
        startup_notice: str = "",
        translations: Translations | None = None,
        theme: Theme | None = None,
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
        self._pulls = pulls
        self._providers = providers
        self._settings_window: SettingsWindow | None = None
        self._translations = translations
        self._theme = theme
        self._shortcut_sheet: ShortcutSheet | None = None
        self._welcome_dismissed = False

        self.models = ModelListModel(self)
        self.banner = StatusBanner()
        self.conversation_sidebar = ConversationSidebar(chat.store, tasks)
        self.conversations = self.conversation_sidebar.list
        self.chat_pane = ChatPane(chat, providers, tasks)

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
        self._models_tab = LazyTab(self.tabs, self.tr("Models"), self._build_model_pane)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 750])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        self.first_run = FirstRunPanel()
        self.first_run.setFixedWidth(640)
        welcome = QWidget()
        welcome_row = QHBoxLayout()
        welcome_row.addStretch(1)
        welcome_row.addWidget(self.first_run)
        welcome_row.addStretch(1)
        welcome_layout = QVBoxLayout(welcome)
        welcome_layout.setContentsMargins(0, 40, 0, 0)
        welcome_layout.addLayout(welcome_row)
        welcome_layout.addStretch(1)
        self.content = QStackedWidget()
        self.content.addWidget(self.splitter)
        self.content.addWidget(welcome)
        layout.addWidget(self.content, 1)
        self.setCentralWidget(central)
        self.quick_switcher = QuickSwitcher(self._switch_targets, central)
        if startup_notice:
            self.statusBar().showMessage(startup_notice)

        monitor.statusChanged.connect(self.banner.show_status)
        monitor.modelsChanged.connect(self.models.set_models)
        monitor.modelsChanged.connect(lambda _models: self.chat_pane.picker.refresh())
        self.banner.retryRequested.connect(monitor.refresh)
        self.banner.hostChangeRequested.connect(self._ask_host)
        sidebar = self.conversation_sidebar
        sidebar.conversationSelected.connect(lambda _id: self._show_main_content())
        sidebar.messageChosen.connect(lambda *_: self._show_main_content())
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
        monitor.statusChanged.connect(self._update_first_run)
        self.models.modelReset.connect(self._update_first_run)
        providers.changed.connect(self._update_first_run)
        unsubscribe = pulls.subscribe(self._pull_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.first_run.modelsRequested.connect(self._open_model_manager)
        self.first_run.providerRequested.connect(self.open_settings)
        self.first_run.checkRequested.connect(monitor.refresh)
        self.first_run.dismissed.connect(self._dismiss_welcome)
        # Going to another tab means the person has found their way: no welcome after that.
        self.tabs.currentChanged.connect(lambda _index: self._dismiss_welcome())
        self.quick_switcher.conversationChosen.connect(self._open_chosen_conversation)
        self.quick_switcher.modelChosen.connect(self._chat_with_chosen_model)
        if translations is not None:
            translations.changed.connect(self._language_changed)
        if theme is not None:
            theme.changed.connect(self._update_first_run)  # its link colour follows the look

        self._restore()
        monitor.refresh()
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.open_settings)
        menu = self.menuBar().addMenu(self.tr("&Parley"))
        self.shortcuts = WindowShortcuts(
            self,
            new_chat=self.new_chat,
            quick_switch=self.quick_switcher.open,
            search=self.focus_search,
            show_sheet=self.show_shortcuts,
        )
        for action in (self.shortcuts.new_chat, self.shortcuts.quick_switch, self.shortcuts.search):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(settings_action)
        self.menuBar().addMenu(self.tr("&Help")).addAction(self.shortcuts.sheet)
        self._update_first_run()

    @property
    def model_pane(self) -> ModelManagerPane:
        """The Models tab's pane, built the first time the tab is shown or this is asked."""
        return self._models_tab.page()

    def _build_model_pane(self) -> ModelManagerPane:
        from desktop.ui.models.pane import ModelManagerPane

        pane = ModelManagerPane(self.models, self._monitor, self._pulls, self._tasks)
        pane.chatRequested.connect(self.chat_with)
        pane.keepAliveChosen.connect(self._set_keep_alive)
        self.shortcuts.watch(pane)
        return pane

    def _pull_changed(self, item: PullItem, change: PullChange) -> None:
        """A download resumed from the last session lists its model when it finishes, even
        while the Models tab (which reloads the list itself) has not been opened."""
        done = change is PullChange.UPDATED and item.state is PullState.DONE
        if done and not self._models_tab.built:
            self._monitor.refresh()

    def open_settings(self) -> SettingsWindow | None:
        """Show the (non-modal) settings window, creating it the first time."""
        if self._providers is None:
            return None
        if self._settings_window is None:
            from desktop.ui.settings.settings_window import SettingsWindow

            self._settings_window = SettingsWindow(
                self._providers,
                self._settings_store,
                self._tasks,
                set_ollama_host=self.set_host,
                translations=self._translations,
                theme=self._theme,
                parent=self,
            )
        self._settings_window.show()
        self._settings_window.raise_()
        self._settings_window.activateWindow()
        return self._settings_window

    # -- keyboard --------------------------------------------------------------
    def new_chat(self) -> None:
        self._show_main_content()
        self.tabs.setCurrentWidget(self.chat_pane)
        self.chat_pane.new_conversation()
        self.chat_pane.composer.setFocus()

    def focus_search(self) -> None:
        self._show_main_content()
        self.conversation_sidebar.search_box.setFocus()
        self.conversation_sidebar.search_box.selectAll()

    def show_shortcuts(self) -> ShortcutSheet:
        if self._shortcut_sheet is None:
            self._shortcut_sheet = ShortcutSheet(self)
        self._shortcut_sheet.show()
        self._shortcut_sheet.raise_()
        return self._shortcut_sheet

    def _switch_targets(self) -> list[SwitchTarget]:
        targets = [
            SwitchTarget(CONVERSATION, c.title or self.tr("New conversation"), c.model, c.id)
            for c in self._chat.store.list_conversations()
        ]
        targets += [
            SwitchTarget(
                MODEL, choice.model, group.provider_name, (group.provider_id, choice.model)
            )
            for group in self.chat_pane.picker.groups
            for choice in group.models
        ]
        return targets

    def _open_chosen_conversation(self, conversation_id: int) -> None:
        self._show_main_content()
        self.chat_pane.open_conversation(conversation_id)
        self.tabs.setCurrentWidget(self.chat_pane)
        self.refresh_conversations()
        self.chat_pane.composer.setFocus()

    def _chat_with_chosen_model(self, provider_id: str, model: str) -> None:
        self._show_main_content()
        self.chat_pane.choose_model(provider_id, model)
        self.tabs.setCurrentWidget(self.chat_pane)
        self.chat_pane.composer.setFocus()

    def _language_changed(self, _language: str) -> None:
        """Texts built from live values are not in the catalog: show them again."""
        self.banner.show_status(self._monitor.status)
        self._update_first_run()
        self.refresh_conversations()

    # -- first run -------------------------------------------------------------
    def _setup_state(self) -> SetupState:
        status = self._monitor.status
        cloud = sum(1 for entry in self._settings.providers if entry.enabled)
        return SetupState(status.reachable, status.host, self.models.rowCount(), cloud)

    def _update_first_run(self, *_args: object) -> None:
        state = self._setup_state()
        self.first_run.show_state(state)
        on_chat = self.tabs.currentWidget() is self.chat_pane
        welcome = state.nothing_set_up and not self._welcome_dismissed and on_chat
        self.content.setCurrentIndex(1 if welcome else 0)

    def _dismiss_welcome(self) -> None:
        self._welcome_dismissed = True
        self._show_main_content()

    def _show_main_content(self) -> None:
        if self.content.currentIndex() != 0:
            self._welcome_dismissed = True
            self.content.setCurrentIndex(0)

    def _open_model_manager(self) -> None:
        self._show_main_content()
        self.tabs.setCurrentWidget(self.model_pane)

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
            self.statusBar().showMessage(core_text(str(error)), 10000)
            return
        self._settings.ollama_host = host.strip()
        self._settings_store.save(self._settings)
        self._chat.set_provider(provider)
        self._monitor.set_provider(provider)
        if self._providers is not None:
            self._providers.use_local(provider)
            self._tasks.spawn(self._providers.rebuild(), name="providers")

    def chat_with(self, name: str) -> None:
        self.chat_pane.set_model(name)
        self.tabs.setCurrentWidget(self.chat_pane)

    def _set_keep_alive(self, keep_alive: str | int | None) -> None:
        self.chat_pane.options = dataclasses.replace(self.chat_pane.options, keep_alive=keep_alive)

    def _remember_model(self, provider_id: str, model: str) -> None:
        self._settings.last_provider = provider_id
        self._settings.last_model = model

    # -- window state --------------------------------------------------------
    def _restore(self) -> None:
        settings = self._settings
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
        if len(settings.splitter_sizes) == 2:
            self.splitter.setSizes(settings.splitter_sizes)
        if settings.last_model:
            self.chat_pane.choose_model(
                settings.last_provider or LOCAL_OLLAMA_ID, settings.last_model
            )
        self.chat_pane.use_default_model()
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
