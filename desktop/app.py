"""Composition root: builds the services, the qasync loop and the main window."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__
from desktop.core.chat_service import ChatService
from desktop.core.pull_manager import PullManager
from desktop.providers.http_client import deferred_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.providers.ollama_host import DEFAULT_OLLAMA_HOST, resolve_ollama_host
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.key_names import entries_to_move, give_keys_their_own_names
from desktop.storage.log_file import start_log_file
from desktop.storage.paths import config_dir
from desktop.storage.pull_queue import PullQueueStore, default_pull_queue_path
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.storage.ui_state import UiStateStore, default_ui_state_path
from desktop.ui.event_loop import make_event_loop
from desktop.ui.icons import app_icon
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.readiness import ReadinessReport
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.single_instance import SingleInstance, bring_to_front, instance_key
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.termination import TerminationSignals
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

if TYPE_CHECKING:
    import httpx

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

    @classmethod
    def create(cls) -> AppServices:
        settings_store = SettingsStore(default_settings_path())
        settings = settings_store.load()
        translations = Translations()
        translations.apply(settings.language)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme = Theme(app, settings.theme)
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
                QCoreApplication.translate(
                    "AppServices", "{count} answer(s) were cut short when Parley last closed."
                ).format(count=interrupted)
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
        return cls(
            settings_store=settings_store,
            settings=settings,
            ui_state_store=UiStateStore(default_ui_state_path()),
            history=history,
            http=http,
            tasks=tasks,
            chat=ChatService(history, provider),
            monitor=monitor,
            pulls=pulls,
            providers=ProviderRegistry(settings, http, local=provider),
            translations=translations,
            theme=theme,
            startup_notice=" ".join(notices),
        )

    def make_provider(self, host_setting: str) -> OllamaProvider:
        return OllamaProvider(self.http, resolve_ollama_host(host_setting))

    def build_window(self) -> MainWindow:
        self.pulls.start()
        self.tasks.spawn(self._start_providers(), name="providers")
        with self.theme.styled_at_once():
            return MainWindow(
                chat=self.chat,
                monitor=self.monitor,
                settings=self.settings,
                settings_store=self.settings_store,
                ui_state_store=self.ui_state_store,
                tasks=self.tasks,
                pulls=self.pulls,
                make_provider=self.make_provider,
                startup_notice=self.startup_notice,
                providers=self.providers,
                translations=self.translations,
                theme=self.theme,
            )

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
        await self.tasks.cancel_all()
        await self.pulls.aclose()
        await self.providers.aclose()
        await self.http.aclose()
        self.history.close()
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


async def run_app(app: QApplication, instance: SingleInstance | None = None) -> int:
    services = AppServices.create()
    window = services.build_window()
    readiness = ReadinessReport.from_environment(window)
    readiness.watch(window)
    if instance is not None:
        instance.activationRequested.connect(lambda: bring_to_front(window))
        instance.activationRequested.connect(lambda: readiness.record("raised"))
    termination = TerminationSignals(window.close)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    window.show()
    # Layout requests and scroll-bar updates that showing posted run now, before the first
    # paint: otherwise the first frame can show a scroll bar that goes a moment later.
    QCoreApplication.sendPostedEvents()
    QTimer.singleShot(SETTLE_AFTER_MS, keep_startup_objects)
    await closed.wait()
    termination.close()
    if instance is not None:
        instance.close()
    await services.aclose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    start_log_file()
    app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("parley")
    instance = SingleInstance(instance_key(config_dir()))
    if not instance.claim():
        return 0  # the running Parley was asked to come forward
    # The loop must outlive the window: run_app closes streams and connections after it.
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return int(loop.run_until_complete(run_app(app, instance)))


if __name__ == "__main__":
    sys.exit(main())
