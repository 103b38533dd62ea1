"""The main window: the navigation rail beside a stack of pages, and the wiring between them.

Pages are listed once (:meth:`MainWindow._page_specs`) and built on first need: the
Models and Settings pages are not imported at startup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QWidget
from shiboken6 import isValid

from desktop import APP_NAME
from desktop.core.chat_service import ChatService
from desktop.core.pull_manager import PullChange, PullItem, PullManager, PullState
from desktop.providers.ollama import OllamaProvider
from desktop.storage.history import HistoryStore
from desktop.storage.settings import Settings, SettingsStore
from desktop.storage.ui_state import UiStateStore
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.conversation_sidebar import ConversationSidebar
from desktop.ui.models.model_list_model import ModelListModel
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.shell.chats_page import ChatsPage
from desktop.ui.shell.first_run import FirstRunPanel
from desktop.ui.shell.nav_rail import NavigationRail
from desktop.ui.shell.ollama_host import OllamaHost
from desktop.ui.shell.pages import PageSpec, PageStack
from desktop.ui.shell.provider_status import ProviderStatus
from desktop.ui.shell.quick_switcher import CONVERSATION, MODEL, QuickSwitcher, SwitchTarget
from desktop.ui.shell.setup_guide import SetupGuide
from desktop.ui.shell.shortcuts import ShortcutSheet, WindowShortcuts
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

if TYPE_CHECKING:  # the Models and Settings pages are imported when first opened
    from desktop.ui.models.pane import ModelManagerPane
    from desktop.ui.settings.settings_page import SettingsPage

CHATS, MODELS, SETTINGS = "chats", "models", "settings"


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        chat: ChatService[HistoryStore],
        monitor: OllamaMonitor,
        settings: Settings,
        settings_store: SettingsStore,
        ui_state_store: UiStateStore,
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
        self._ui_state_store = ui_state_store
        self._ui_state = ui_state_store.load()
        self._tasks = tasks
        self._pulls = pulls
        self._providers = providers
        self._translations = translations
        self._theme = theme
        self._shortcut_sheet: ShortcutSheet | None = None
        self._previous_page = CHATS

        self.ollama_host = OllamaHost(
            make_provider=make_provider,
            settings=settings,
            settings_store=settings_store,
            chat=chat,
            monitor=monitor,
            providers=providers,
            tasks=tasks,
            report=lambda text: self.statusBar().showMessage(text, 10000),
        )
        self.models = ModelListModel(self)
        self.conversation_sidebar = ConversationSidebar(chat.store, tasks)
        self.conversations = self.conversation_sidebar.list
        self.chat_pane = ChatPane(chat, providers, tasks)
        self.first_run = FirstRunPanel()
        self.chats_page = ChatsPage(self.conversation_sidebar, self.chat_pane, self.first_run)
        self.splitter = self.chats_page.splitter
        self.setup = SetupGuide(
            self,
            monitor=monitor,
            settings=settings,
            models=self.models,
            chat_pane=self.chat_pane,
            chats_page=self.chats_page,
        )

        self.pages = PageStack(self._page_specs())
        self.rail = NavigationRail(self.pages.specs, self)
        self.provider_status = ProviderStatus(providers, monitor, tasks=tasks)
        self.rail.set_status_widget(self.provider_status)
        central = QWidget()
        central.setObjectName("windowBody")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.pages.show_page(CHATS)
        self.rail.set_current(CHATS)
        self.quick_switcher = QuickSwitcher(self._switch_targets, central)
        if startup_notice:
            self.statusBar().showMessage(startup_notice)

        self.rail.pageRequested.connect(self.show_page)
        self.pages.pageChanged.connect(self._page_changed)
        monitor.modelsChanged.connect(self.models.set_models)
        monitor.modelsChanged.connect(lambda _models: self.chat_pane.picker.refresh())
        self.provider_status.hostChangeRequested.connect(self._ask_host)
        sidebar = self.conversation_sidebar
        sidebar.conversationSelected.connect(self.chat_pane.open_conversation)
        sidebar.conversationSelected.connect(lambda _id: self._show_chat())
        sidebar.messageChosen.connect(self.chat_pane.show_message)
        sidebar.messageChosen.connect(lambda *_: self._show_chat())
        sidebar.conversationTrashed.connect(self.chat_pane.conversation_removed)
        sidebar.conversationTrashed.connect(self.setup.update)
        sidebar.changed.connect(self.refresh_conversations)
        self.conversations.renameRequested.connect(lambda *_: self.chat_pane.refresh_title())
        sidebar.newRequested.connect(self.new_chat)
        self.chat_pane.conversationsChanged.connect(self.refresh_conversations)
        self.chat_pane.conversationShown.connect(self.conversations.show_current)
        self.chat_pane.conversationsChanged.connect(self.setup.update)
        self.chat_pane.modelChanged.connect(self._remember_model)
        monitor.statusChanged.connect(self.setup.update)
        self.models.modelReset.connect(self.setup.update)
        providers.changed.connect(self.setup.update)
        unsubscribe = pulls.subscribe(self._pull_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.first_run.modelsRequested.connect(self._open_model_manager)
        self.first_run.providerRequested.connect(self.open_settings)
        self.first_run.checkRequested.connect(monitor.refresh)
        self.chats_page.notice.setupRequested.connect(self.new_chat)
        self.quick_switcher.conversationChosen.connect(self._open_chosen_conversation)
        self.quick_switcher.modelChosen.connect(self._chat_with_chosen_model)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if translations is not None:
            translations.changed.connect(self._language_changed)
        if theme is not None:
            theme.changed.connect(self.setup.update)  # its link colour follows the look

        self._build_menus()
        self._restore()
        monitor.refresh()
        self.setup.update()
        self.setup.focus_start()

    def _page_specs(self) -> list[PageSpec]:
        return [
            PageSpec(
                CHATS, self.tr("Chats"), self.tr("Conversations"), "message-square",
                lambda: self.chats_page,
            ),
            PageSpec(
                MODELS, self.tr("Models"), self.tr("Models on this computer and downloads"),
                "box", self._build_model_pane,
            ),
            PageSpec(
                SETTINGS, self.tr("Settings"), self.tr("Providers, models and appearance"),
                "settings", self._build_settings_page, bottom=True,
            ),
        ]  # fmt: skip

    def _build_menus(self) -> None:
        settings_action = self._settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.open_settings)
        self.shortcuts = WindowShortcuts(
            self,
            new_chat=self.new_chat,
            quick_switch=self.quick_switcher.open,
            search=self.focus_search,
            show_sheet=self.show_shortcuts,
            quit=self.close,
        )
        menu = self._parley_menu = self.menuBar().addMenu(self.tr("&Parley"))
        for action in (self.shortcuts.new_chat, self.shortcuts.quick_switch, self.shortcuts.search):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(settings_action)
        menu.addSeparator()
        menu.addAction(self.shortcuts.quit)
        go = self._go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for spec in self.pages.specs:
            go.addAction(self.rail.actions_by_key[spec.key])
        self._help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._help_menu.addAction(self.shortcuts.sheet)

    def _retranslate_menus(self) -> None:
        self._settings_action.setText(self.tr("&Settings…"))
        self._parley_menu.setTitle(self.tr("&Parley"))
        self._go_menu.setTitle(self.tr("&Go"))
        self._help_menu.setTitle(self.tr("&Help"))
        self.shortcuts.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_menus()
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
        self.setup.update()

    @property
    def model_pane(self) -> ModelManagerPane:
        """The Models page, built the first time it is shown or this is asked."""
        return cast("ModelManagerPane", self.pages.page(MODELS))

    def _build_model_pane(self) -> ModelManagerPane:
        from desktop.ui.models.pane import ModelManagerPane

        pane = ModelManagerPane(self.models, self._monitor, self._pulls, self._tasks)
        pane.chatRequested.connect(self.chat_with)
        pane.keepAliveChosen.connect(self._set_keep_alive)
        self.shortcuts.watch(pane)
        return pane

    def _build_settings_page(self) -> SettingsPage:
        from desktop.ui.settings.settings_page import SettingsPage

        page = SettingsPage(
            self._providers,
            self._settings_store,
            self._tasks,
            set_ollama_host=self.set_host,
            translations=self._translations,
            theme=self._theme,
        )
        page.closeRequested.connect(self._leave_settings)
        if self._ui_state.settings_section:
            page.show_section(self._ui_state.settings_section)
        page.sectionChanged.connect(self._remember_section)
        self.shortcuts.watch(page)
        return page

    def _remember_section(self, key: str) -> None:
        self._ui_state.settings_section = key

    def _leave_settings(self) -> None:
        self.show_page(self._previous_page)

    def _pull_changed(self, item: PullItem, change: PullChange) -> None:
        """A download resumed from the last session lists its model when it finishes, even
        while the Models page (which reloads the list itself) has not been opened."""
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
        if old.window() is not self or self.pages.current_key() != CHATS:
            return
        composer = self.chat_pane.composer
        if composer.isVisible() and composer.isEnabled():
            composer.setFocus()

    def _switch_targets(self) -> list[SwitchTarget]:
        targets = [
            SwitchTarget(CONVERSATION, c.title or self.tr("New conversation"), c.model, c.id)
            for c in self._chat.store.conversation_summaries()
        ]
        targets += [
            SwitchTarget(
                MODEL, choice.model, group.provider_name, (group.provider_id, choice.model)
            )
            for group in self.chat_pane.picker.groups
            for choice in group.models
            if choice.chat  # an embedding model cannot answer
        ]
        return targets

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
        self.rail.retranslate(self._page_specs())
        self.setup.update()
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
    def _restore(self) -> None:
        state = self._ui_state
        if state.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.window_geometry.encode()))
        if len(state.splitter_sizes) == 2:
            self.splitter.setSizes(state.splitter_sizes)
        self.conversation_sidebar.set_collapsed(state.sidebar_collapsed)
        settings = self._settings
        if settings.last_model:
            self.chat_pane.choose_model(
                settings.last_provider or LOCAL_OLLAMA_ID, settings.last_model
            )
        self.chat_pane.use_default_model()
        self.refresh_conversations()
        # After a crash or kill mid-answer, the conversation whose answer was cut off.
        interrupted = self._chat.store.interrupted_conversations
        last = interrupted[-1] if interrupted else state.last_conversation_id
        if last is not None and self._chat.store.conversation_summary(last) is not None:
            self.chat_pane.open_conversation(last)
            self.refresh_conversations()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.chat_pane.stop()
        self._settings_store.save(self._settings)  # the last model chosen
        state = self._ui_state
        state.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        state.splitter_sizes = self.splitter.sizes()
        state.sidebar_collapsed = self.conversation_sidebar.collapsed
        state.last_conversation_id = self.chat_pane.conversation_id
        self._ui_state_store.save(state)
        super().closeEvent(event)
