"""The main window: the navigation rail beside a stack of pages, and the wiring between them.

Pages are listed once (:meth:`MainWindow._page_specs`) and built on first need: the
Models and Settings pages are not imported at startup. The window is made in two steps
(see desktop/launch.py): its frame from the settings alone, painted first; then
:meth:`MainWindow.attach` with the services, which builds the Chats page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QSplitter, QWidget
from shiboken6 import isValid

from desktop import APP_NAME
from desktop.storage.settings import Settings, SettingsStore
from desktop.storage.ui_state import UiStateStore
from desktop.ui.shell.chats_page import SIDEBAR_WIDTH, ChatsOutline
from desktop.ui.shell.library_actions import LibraryActions
from desktop.ui.shell.nav_rail import NavigationRail
from desktop.ui.shell.pages import PageSpec, PageStack
from desktop.ui.shell.quick_switcher import QuickSwitcher, SwitchTarget
from desktop.ui.shell.shortcuts import ShortcutSheet, WindowShortcuts
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

if TYPE_CHECKING:  # imported when the services are attached or the page first built
    from desktop.core.chat_service import ChatService
    from desktop.core.pull_manager import PullChange, PullItem, PullManager
    from desktop.providers.ollama import OllamaProvider
    from desktop.storage.history import HistoryStore
    from desktop.storage.secrets import SecretStore
    from desktop.tools.manager import McpServerManager
    from desktop.ui.chat.chat_pane import ChatPane
    from desktop.ui.chat.prompts.prompt_book import PromptBook
    from desktop.ui.chat.sidebar.conversation_list import ConversationList
    from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
    from desktop.ui.documents.library import DocumentLibrary
    from desktop.ui.models.model_list_model import ModelListModel
    from desktop.ui.models.pane import ModelManagerPane
    from desktop.ui.ollama_monitor import OllamaMonitor
    from desktop.ui.provider_registry import ProviderRegistry
    from desktop.ui.settings.history_backups import HistoryBackups
    from desktop.ui.settings.settings_page import SettingsPage
    from desktop.ui.shell.chat_parts import ChatParts
    from desktop.ui.shell.chats_page import ChatsPage
    from desktop.ui.shell.first_run import FirstRunPanel
    from desktop.ui.shell.ollama_host import OllamaHost
    from desktop.ui.shell.provider_status import ProviderStatus
    from desktop.ui.shell.setup_guide import SetupGuide
    from desktop.ui.tasks import TaskOwner
    from desktop.ui.tools.tools_page import ServerPolicies, ToolsPage

CHATS, MODELS, TOOLS, SETTINGS = "chats", "models", "tools", "settings"


class MainWindow(QMainWindow):
    """Built in two steps: the frame (rail, page outline, menus) from the settings alone,
    then :meth:`attach` with the services, which builds the pages."""

    chatsReady = Signal()
    """The Chats page has been built."""

    chat_pane: ChatPane
    conversation_sidebar: ConversationSidebar
    conversations: ConversationList
    first_run: FirstRunPanel
    chats_page: ChatsPage
    splitter: QSplitter
    setup: SetupGuide
    models: ModelListModel
    ollama_host: OllamaHost
    provider_status: ProviderStatus
    _chat: ChatService[HistoryStore]
    _monitor: OllamaMonitor
    _tasks: TaskOwner
    _pulls: PullManager
    _providers: ProviderRegistry
    _tools: McpServerManager | None = None
    _tool_policies: ServerPolicies | None = None
    _backups: HistoryBackups | None = None
    _prompts: PromptBook | None = None
    _documents: DocumentLibrary | None = None
    model_page_extensions: tuple[Callable[[ModelManagerPane, ModelListModel], object], ...] = ()
    """Called with the Models page when it is built (the app's per-model keeping)."""

    def __init__(
        self,
        *,
        settings: Settings,
        settings_store: SettingsStore,
        ui_state_store: UiStateStore,
        translations: Translations | None = None,
        theme: Theme | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1180, 760)
        self._settings = settings
        self._settings_store = settings_store
        self._ui_state_store = ui_state_store
        self._ui_state = ui_state_store.load()
        self._translations = translations
        self._theme = theme
        self._shortcut_sheet: ShortcutSheet | None = None
        self._previous_page = CHATS
        self._parts: ChatParts | None = None

        self.pages = PageStack(self._page_specs())
        self.rail = NavigationRail(self.pages.specs, self)
        central = QWidget()
        central.setObjectName("windowBody")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.rail.set_current(CHATS)
        self.quick_switcher = QuickSwitcher(self._switch_targets, central)
        self.rail.pageRequested.connect(self.show_page)
        self.pages.pageChanged.connect(self._page_changed)
        if translations is not None:
            translations.changed.connect(self._language_changed)
        self._settings_action = QAction(self.tr("&Settings…"), self)
        self._settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self._settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self._settings_action.triggered.connect(self.open_settings)
        self.shortcuts = WindowShortcuts(
            self,
            new_chat=self.new_chat,
            quick_switch=self.quick_switcher.open,
            search=self.focus_search,
            show_sheet=self.show_shortcuts,
            quit=self.close,
        )
        self._menus = self.shortcuts.add_menus(
            self.menuBar(),
            self._menu_titles(),
            settings=self._settings_action,
            pages=[self.rail.actions_by_key[spec.key] for spec in self.pages.specs],
        )
        self.libraries = LibraryActions(self, self._menus[0], self._settings_action)
        self._restore_geometry()
        self.pages.setFocus()  # not the first rail entry: focus goes to the page once built

    def attach(
        self,
        *,
        chat: ChatService[HistoryStore],
        monitor: OllamaMonitor,
        tasks: TaskOwner,
        pulls: PullManager,
        make_provider: Callable[[str], OllamaProvider],
        providers: ProviderRegistry,
        startup_notice: str = "",
        tools: McpServerManager | None = None,
    ) -> None:
        """Connect the services and build the Chats page (once, after the frame)."""
        from desktop.ui.models.model_list_model import ModelListModel
        from desktop.ui.shell.ollama_host import OllamaHost
        from desktop.ui.shell.provider_status import ProviderStatus

        self._chat = chat
        self._monitor = monitor
        self._tasks = tasks
        self._pulls = pulls
        self._providers = providers
        self._tools = tools
        self.ollama_host = OllamaHost(
            make_provider=make_provider,
            settings=self._settings,
            settings_store=self._settings_store,
            chat=chat,
            monitor=monitor,
            providers=providers,
            tasks=tasks,
            report=lambda text: self.statusBar().showMessage(text, 10000),
        )
        self.models = ModelListModel(self)
        self.provider_status = ProviderStatus(providers, monitor, tasks=tasks)
        self.rail.set_status_widget(self.provider_status)
        if startup_notice:
            self.statusBar().showMessage(startup_notice)
        monitor.modelsChanged.connect(self.models.set_models)
        self.provider_status.hostChangeRequested.connect(self._ask_host)
        unsubscribe = pulls.subscribe(self._pull_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.quick_switcher.conversationChosen.connect(self._open_chosen_conversation)
        self.quick_switcher.modelChosen.connect(self._chat_with_chosen_model)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        monitor.refresh()
        self.pages.show_page(CHATS)
        self.setup.focus_start()  # now that the page is in the window

    # -- the Chats page (built when the services are attached) -------------------
    def _build_chats_page(self) -> ChatsPage:
        from desktop.ui.shell.chat_parts import ChatParts

        parts = ChatParts.build(
            self,
            chat=self._chat,
            providers=self._providers,
            tasks=self._tasks,
            monitor=self._monitor,
            settings=self._settings,
            models=self.models,
        )
        self._parts = parts
        self.chat_pane = pane = parts.pane
        self.conversation_sidebar = sidebar = parts.sidebar
        self.conversations = parts.conversations
        self.first_run = parts.first_run
        self.chats_page = parts.page
        self.splitter = parts.splitter
        self.setup = parts.setup
        sidebar.conversationSelected.connect(lambda _id: self._show_chat())
        sidebar.messageChosen.connect(lambda *_: self._show_chat())
        sidebar.changed.connect(self.refresh_conversations)
        sidebar.newRequested.connect(self.new_chat)
        pane.conversationsChanged.connect(self.refresh_conversations)
        pane.modelChanged.connect(self._remember_model)
        parts.first_run.modelsRequested.connect(self._open_model_manager)
        parts.first_run.providerRequested.connect(self.open_settings)
        parts.page.notice.setupRequested.connect(self.new_chat)
        if self._theme is not None:
            self._theme.changed.connect(parts.setup.update)  # its link colour follows the look
        self.shortcuts.watch(parts.page)
        parts.restore(self._ui_state, self._settings)
        parts.setup.update()
        QTimer.singleShot(0, self.chatsReady.emit)
        return parts.page

    def _page_specs(self) -> list[PageSpec]:
        return [
            PageSpec(
                CHATS, self.tr("Chats"), self.tr("Conversations"), "message-square",
                self._build_chats_page, outline=self._chats_outline,
            ),
            PageSpec(
                MODELS, self.tr("Models"), self.tr("Models on this computer and downloads"),
                "box", self._build_model_pane,
            ),
            PageSpec(
                TOOLS, self.tr("Tools"), self.tr("MCP servers that give models tools"),
                "wrench", self._build_tools_page,
            ),
            PageSpec(
                SETTINGS, self.tr("Settings"), self.tr("Providers, models and appearance"),
                "settings", self._build_settings_page, bottom=True,
            ),
        ]  # fmt: skip

    def _chats_outline(self) -> QWidget:
        state = self._ui_state
        sizes = state.splitter_sizes
        width = 0 if state.sidebar_collapsed else sizes[0] if len(sizes) == 2 else SIDEBAR_WIDTH
        return ChatsOutline(width)

    def _menu_titles(self) -> tuple[str, str, str]:
        return self.tr("&Parley"), self.tr("&Go"), self.tr("&Help")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._settings_action.setText(self.tr("&Settings…"))
            for menu, title in zip(self._menus, self._menu_titles(), strict=True):
                menu.setTitle(title)
            self.shortcuts.retranslate()
            self.libraries.retranslate()
            self.rail.retranslate(self._page_specs())

    # -- pages -----------------------------------------------------------------
    def show_page(self, key: str) -> QWidget:
        return self.pages.show_page(key)

    def current_page(self) -> str:
        return self.pages.current_key()

    def _page_changed(self, key: str) -> None:
        self.rail.set_current(key)
        if key != SETTINGS:
            self._previous_page = key
        if self._parts is not None:
            self._parts.setup.update()

    @property
    def model_pane(self) -> ModelManagerPane:
        """The Models page, built the first time it is shown or this is asked."""
        return cast("ModelManagerPane", self.pages.page(MODELS))

    def _build_model_pane(self) -> ModelManagerPane:
        from desktop.ui.models.pane import ModelManagerPane

        pane = ModelManagerPane(self.models, self._monitor, self._pulls, self._tasks)
        pane.chatRequested.connect(self.chat_with)
        pane.keepAliveChosen.connect(self._set_keep_alive)
        for extend in self.model_page_extensions:
            extend(pane, self.models)
        self.shortcuts.watch(pane)
        return pane

    def _build_tools_page(self) -> ToolsPage:
        from desktop.tools.manager import McpServerManager
        from desktop.tools.server_store import ServerStore, default_servers_path
        from desktop.ui.tools.tools_page import ToolsPage

        if self._tools is None:  # a window without the app's services (tests)
            self._tools = McpServerManager(ServerStore(default_servers_path()), _no_keyring)
        page = ToolsPage(self._tools, self._tasks, policies=self._tool_policies)
        self.shortcuts.watch(page)
        return page

    def set_tool_policies(self, policies: ServerPolicies) -> None:
        """The person's policies, for the Tools page to show and change per server."""
        self._tool_policies = policies
        if self.pages.is_built(TOOLS):
            cast("ToolsPage", self.pages.page(TOOLS)).set_policies(policies)

    def _build_settings_page(self) -> SettingsPage:
        from desktop.ui.settings.settings_page import SettingsPage

        page = SettingsPage(
            self._providers,
            self._settings_store,
            self._tasks,
            set_ollama_host=self.set_host,
            translations=self._translations,
            theme=self._theme,
            backups=self._backups,
            prompts=self._prompts,
            documents=self._documents,
        )
        page.closeRequested.connect(self._leave_settings)
        if self._ui_state.settings_section:
            page.show_section(self._ui_state.settings_section)
        page.sectionChanged.connect(self._remember_section)
        self.shortcuts.watch(page)
        return page

    def set_prompts(self, prompts: PromptBook) -> None:
        """The prompt library, for Settings → Prompts (set before the page is built)."""
        self._prompts = prompts
        self.libraries.use_prompts(prompts)

    def set_documents(self, documents: DocumentLibrary) -> None:
        """The document library, for Settings → Documents (set before the page is built)."""
        self._documents = documents
        self.libraries.use_documents(documents)

    def set_backups(self, backups: HistoryBackups) -> None:
        """History backups, for Settings → History and backups; a restore reloads the chats."""
        self._backups = backups
        backups.historyReplaced.connect(self._history_replaced)

    def _history_replaced(self) -> None:
        if self._parts is not None:  # the open conversation may not exist any more
            self._parts.pane.new_conversation()
            self._parts.sidebar.reload(None)
            self._parts.setup.update()

    def _remember_section(self, key: str) -> None:
        self._ui_state.settings_section = key

    def _leave_settings(self) -> None:
        self.show_page(self._previous_page)

    def _pull_changed(self, item: PullItem, change: PullChange) -> None:
        """A download resumed from the last session lists its model when it finishes, even
        while the Models page (which reloads the list itself) has not been opened."""
        from desktop.core.pull_manager import PullChange, PullState

        done = change is PullChange.UPDATED and item.state is PullState.DONE
        if done and not self.pages.is_built(MODELS):
            self._monitor.refresh()

    def open_settings(self) -> SettingsPage:
        """Show the Settings page (built the first time) and return it."""
        return cast("SettingsPage", self.pages.show_page(SETTINGS))

    # -- keyboard --------------------------------------------------------------
    def new_chat(self) -> None:
        self.pages.show_page(CHATS)
        self.chat_pane.new_conversation()
        self.conversation_sidebar.show_current(None)
        self.setup.update()
        self.chat_pane.composer.setFocus()

    def focus_search(self) -> None:
        self.pages.show_page(CHATS)
        self.conversation_sidebar.focus_search()

    def show_shortcuts(self) -> ShortcutSheet:
        if self._shortcut_sheet is None:
            self._shortcut_sheet = ShortcutSheet(self)
        self._shortcut_sheet.show()
        self._shortcut_sheet.raise_()
        return self._shortcut_sheet

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        """When the focused control goes away (Retry, once it worked, hides), focus returns
        to the message box rather than landing on whatever follows it (defect 12)."""
        if old is None or not isValid(old) or old.isVisible() or not self.isVisible():
            return
        if old.window() is not self or self.pages.current_key() != CHATS or self._parts is None:
            return
        composer = self._parts.pane.composer
        if composer.isVisible() and composer.isEnabled():
            composer.setFocus()

    def _switch_targets(self) -> list[SwitchTarget]:
        if self._parts is None:
            return []
        return self._parts.switch_targets(self.tr("New conversation"))

    def _open_chosen_conversation(self, conversation_id: int) -> None:
        self.chat_pane.open_conversation(conversation_id)
        self._show_chat()
        self.refresh_conversations()
        self.chat_pane.composer.setFocus()

    def _chat_with_chosen_model(self, provider_id: str, model: str) -> None:
        self.chat_pane.choose_model(provider_id, model)
        self._show_chat()
        self.chat_pane.composer.setFocus()

    def _language_changed(self, _language: str) -> None:
        """Texts built from live values are not in the catalog: show them again."""
        if self._parts is not None:
            self._parts.setup.update()
            self.refresh_conversations()

    def _show_chat(self) -> None:
        self.pages.show_page(CHATS)
        self.setup.update()

    def _open_model_manager(self) -> None:
        self.pages.show_page(MODELS)

    # -- conversations -------------------------------------------------------
    def refresh_conversations(self) -> None:
        self.conversation_sidebar.reload(self.chat_pane.conversation_id)

    # -- host ----------------------------------------------------------------
    def _ask_host(self) -> None:
        self.ollama_host.ask(self)

    def set_host(self, host: str) -> None:
        self.ollama_host.set_host(host)

    def chat_with(self, name: str) -> None:
        self.chat_pane.set_model(name)
        self._show_chat()

    def _set_keep_alive(self, keep_alive: str | int | None) -> None:
        self.chat_pane.options = dataclasses.replace(self.chat_pane.options, keep_alive=keep_alive)

    def _remember_model(self, provider_id: str, model: str) -> None:
        self._settings.last_provider = provider_id
        self._settings.last_model = model

    # -- window state --------------------------------------------------------
    def _restore_geometry(self) -> None:
        if self._ui_state.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self._ui_state.window_geometry.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        parts = self._parts
        if parts is not None:
            parts.pane.stop()
        self._settings_store.save(self._settings)  # the last model chosen
        state = self._ui_state
        state.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        if parts is not None:  # closed before the page was built: what was saved stays
            state.splitter_sizes = parts.splitter.sizes()
            state.sidebar_collapsed = parts.sidebar.collapsed
            state.last_conversation_id = parts.pane.conversation_id
        self._ui_state_store.save(state)
        super().closeEvent(event)


async def _no_keyring() -> SecretStore:
    from desktop.storage.secrets import SecretStore

    return SecretStore(None)
