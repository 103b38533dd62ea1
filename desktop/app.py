"""Composition root: the services behind the window, and how they are wired into it.

Imported by :mod:`desktop.launch` after the window's frame has painted.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.core.chat_service import ChatService
from desktop.core.pull_manager import PullManager
from desktop.launch import Basics
from desktop.providers.http_client import deferred_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.providers.ollama_host import DEFAULT_OLLAMA_HOST, resolve_ollama_host
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.key_names import entries_to_move, give_keys_their_own_names
from desktop.storage.pull_queue import PullQueueStore, default_pull_queue_path
from desktop.storage.settings import Settings, SettingsStore
from desktop.storage.ui_state import UiStateStore
from desktop.tools.manager import McpServerManager
from desktop.tools.server_store import ServerStore, default_servers_path
from desktop.tools.tool_source import McpToolSource
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.strings import counted, translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

if TYPE_CHECKING:
    import httpx

    from desktop.core.tool_policy import ToolPolicies
    from desktop.services.embedder_choice import EmbedderChoice
    from desktop.storage.document_store import DocumentStore
    from desktop.ui.chat.documents.chat_documents import ChatDocuments
    from desktop.ui.models.model_list_model import ModelListModel
    from desktop.ui.models.pane import ModelManagerPane
    from desktop.ui.settings.history_backups import HistoryBackups

log = logging.getLogger(__name__)


@dataclass
class AppServices:
    """Everything the window needs, created once and closed once."""

    settings_store: SettingsStore
    settings: Settings
    ui_state_store: UiStateStore
    history: HistoryStore
    http: httpx.AsyncClient
    tasks: TaskOwner
    chat: ChatService[HistoryStore]
    monitor: OllamaMonitor
    pulls: PullManager
    providers: ProviderRegistry
    translations: Translations
    theme: Theme
    startup_notice: str = ""
    tools: McpServerManager | None = None
    tool_policies: ToolPolicies | None = None
    """The person's allow / ask / deny per tool and server (set when the window attaches)."""
    """The MCP servers (started when first needed, stopped with their process trees on quit)."""
    backups: HistoryBackups | None = None
    """History backups and the daily backup's timer (made when the window attaches)."""
    document_store: DocumentStore | None = None
    """Documents' chunks and vectors, documents.sqlite3 beside the history (opened when
    the window attaches; None if it could not be opened)."""
    embedder_choice: EmbedderChoice | None = None
    """The embedding model chosen for documents (Settings → Documents)."""
    chat_documents: ChatDocuments | None = None
    """Documents attached to conversations, asked about and cited (the chat page's)."""

    @property
    def tool_source(self) -> McpToolSource | None:
        """The servers' tools, for the chat's tool loop."""
        return McpToolSource(self.tools) if self.tools is not None else None

    @classmethod
    def create(cls, basics: Basics | None = None) -> AppServices:
        basics = basics or Basics.load()
        settings_store, settings = basics.settings_store, basics.settings
        history = HistoryStore.open(default_history_path())
        interrupted = history.mark_interrupted_streams()
        notices: list[str] = []
        if settings_store.load_problem:
            notices.append(translated(settings_store.load_problem))
        if history.recovered_from is not None:
            notices.append(
                QCoreApplication.translate(
                    "AppServices",
                    "The chat history was damaged and has been moved to {path}; "
                    "a new, empty history was started.",
                ).format(path=history.recovered_from)
            )
        if interrupted:
            notices.append(
                counted(
                    interrupted,
                    QCoreApplication.translate(
                        "AppServices", "1 answer was cut short when Parley last closed."
                    ),
                    QCoreApplication.translate(
                        "AppServices", "{count} answers were cut short when Parley last closed."
                    ),
                )
            )
        http = deferred_http_client()  # httpx is imported on the first request
        tasks = TaskOwner()
        provider = OllamaProvider(http, _host_or_default(settings.ollama_host))
        monitor = OllamaMonitor(provider, tasks)
        pull_queue = PullQueueStore(default_pull_queue_path())
        pulls = PullManager(lambda name: monitor.provider.pull(name), pull_queue)
        pulls.restore()
        if pull_queue.load_problem:
            notices.append(translated(pull_queue.load_problem))
        registry = ProviderRegistry(settings, http, local=provider)
        tools = McpServerManager(ServerStore(default_servers_path()), registry.secrets)
        if tools.load_problem:
            notices.append(translated(tools.load_problem))
        return cls(
            settings_store=settings_store,
            settings=settings,
            ui_state_store=basics.ui_state_store,
            history=history,
            http=http,
            tasks=tasks,
            chat=ChatService(history, provider),
            monitor=monitor,
            pulls=pulls,
            providers=registry,
            translations=basics.translations,
            theme=basics.theme,
            startup_notice=" ".join(notices),
            tools=tools,
        )

    def make_provider(self, host_setting: str) -> OllamaProvider:
        return OllamaProvider(self.http, resolve_ollama_host(host_setting))

    def basics(self) -> Basics:
        return Basics(
            self.settings_store, self.settings, self.ui_state_store, self.translations, self.theme
        )

    def build_window(self) -> MainWindow:
        """The whole window at once (tests, screenshots); a launch paints the frame first."""
        window = self.basics().frame()
        self.attach(window)
        return window

    def attach(self, window: MainWindow) -> None:
        """Start the services and build the window's pages around them."""
        self.pulls.start()
        self.tasks.spawn(self._start_providers(), name="providers")
        with self.theme.styled_at_once():
            window.attach(
                chat=self.chat,
                monitor=self.monitor,
                tasks=self.tasks,
                pulls=self.pulls,
                make_provider=self.make_provider,
                providers=self.providers,
                startup_notice=self.startup_notice,
                tools=self.tools,
            )
        self._let_answers_use_tools(window)
        self._keep_per_model(window)
        self._back_up_daily(window)
        self._keep_prompts(window)
        self._use_documents(window)

    def _use_documents(self, window: MainWindow) -> None:
        """Documents beside the history, embedded by the model chosen in Settings; the
        chat attaches them, asks with them and cites them."""
        import sqlite3

        from desktop.services.embedder_choice import EmbedderChoice
        from desktop.storage.document_store import DocumentStore
        from desktop.ui.chat.documents.chat_documents import ChatDocuments

        try:
            store = self.document_store = DocumentStore.open()
        except sqlite3.Error as error:  # locked by another Parley, unreadable
            log.warning("documents are off: %s", error)
            return
        choice = self.embedder_choice = EmbedderChoice(
            self.settings, self.http, self.providers.secrets
        )
        documents = self.chat_documents = ChatDocuments(
            window.chat_pane, store, choice, self.history, self.tasks
        )
        documents.settingsRequested.connect(
            lambda: window.open_settings().show_section("documents")
        )
        from desktop.ui.documents.wiring import use_library  # collections, folders, Settings

        use_library(window, store, choice, self.tasks, self.pulls)

    def _back_up_daily(self, window: MainWindow) -> None:
        from desktop.ui.settings.history_backups import HistoryBackups

        backups = self.backups = HistoryBackups(
            self.history, self.settings, self.settings_store, self.tasks, parent=window
        )
        window.set_backups(backups)
        backups.start()

    def _keep_prompts(self, window: MainWindow) -> None:
        """The prompt library: `/` in the composer, personas in the chat settings, Settings."""
        from desktop.storage.prompt_library_file import (
            PromptLibraryStore,
            default_prompt_library_path,
        )
        from desktop.ui.chat.prompts.prompt_book import PromptBook

        book = PromptBook(PromptLibraryStore(default_prompt_library_path()), window)
        if book.store.load_problem:
            window.statusBar().showMessage(translated(book.store.load_problem))
        window.chat_pane.card.use_prompts(book)
        window.chat_pane.settings_panel.use_prompts(book)
        window.set_prompts(book)

    def _keep_per_model(self, window: MainWindow) -> None:
        """New chats start with each model's defaults; the Models page edits them and
        compares its memory estimate with what Ollama measures."""
        from desktop.core.measured_fit import available_ram_bytes
        from desktop.storage.measured_fit_file import MeasuredFitStore, default_measured_fit_path
        from desktop.storage.model_defaults_file import (
            ModelDefaultsStore,
            default_model_defaults_path,
        )

        defaults = ModelDefaultsStore(default_model_defaults_path())
        if defaults.load_problem:
            window.statusBar().showMessage(translated(defaults.load_problem))
        fit = MeasuredFitStore(default_measured_fit_path())
        window.chat_pane.new_chat_defaults.use(defaults)
        defaults.subscribe(window.chat_pane.new_chat_defaults.changed)

        def keep(pane: ModelManagerPane, models: ModelListModel) -> object:
            from desktop.ui.models.per_model import PerModelKeeping  # with the page, not at start

            return PerModelKeeping(pane, models, defaults, fit, available_ram_bytes)

        window.model_page_extensions = (keep,)

    def _let_answers_use_tools(self, window: MainWindow) -> None:
        """The chat's answers may call the servers' tools, under the person's policies.
        The loop's own timeout comes a little after the manager's, whose message is clearer."""
        source, manager = self.tool_source, self.tools
        if source is None or manager is None:
            return
        from desktop.storage.tool_policy_file import default_tool_policy_path, load_tool_policies
        from desktop.ui.chat.tool_access import tool_access, wire_chat_tools

        policies = self.tool_policies = load_tool_policies(default_tool_policy_path())
        access = tool_access(
            source, policies, self.settings, timeout=lambda: manager.tool_timeout + 5.0
        )
        wire_chat_tools(window.chat_pane, access, self.tasks)
        window.set_tool_policies(policies)

    async def _start_providers(self) -> None:
        """Keys saved under a provider kind move to their provider's own entry first. The
        keyring is opened only when there is such a key (~120 ms and 15 MB otherwise)."""
        if entries_to_move(self.settings):
            secrets = await self.providers.secrets()
            await give_keys_their_own_names(self.settings, secrets, self.settings_store.save)
        await self.providers.rebuild()

    async def aclose(self) -> None:
        """Cancel live streams (their partial answers are saved), then close connections."""
        self.monitor.stop()
        if self.chat_documents is not None:
            await self.chat_documents.indexer.cancel_all()
        await self.tasks.cancel_all()
        await self.pulls.aclose()
        if self.tools is not None:  # every server and its process tree
            await self.tools.aclose()
        await self.providers.aclose()
        await self.http.aclose()
        self.history.close()
        if self.document_store is not None:
            self.document_store.close()
        self.translations.close()


SETTLE_AFTER_MS = 1000
"""When startup's objects are set aside (the window has painted, nobody has typed yet)."""


def keep_startup_objects() -> None:
    """Collect startup's garbage once, then take every object alive now out of the cyclic
    collector's reach: they live as long as the app, and a full collection walking them
    took 35-70 ms, long enough to stall a streaming answer whenever it struck."""
    gc.collect()
    gc.freeze()


def _host_or_default(setting: str) -> str:
    try:
        return resolve_ollama_host(setting)
    except ValueError:
        log.warning("ignoring invalid Ollama host %r", setting)
        return DEFAULT_OLLAMA_HOST
