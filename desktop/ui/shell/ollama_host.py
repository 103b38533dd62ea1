"""Where the local Ollama is: asked for, checked, then used by everything that talks to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.core.chat_service import ChatService
from desktop.providers.ollama import OllamaProvider
from desktop.storage.history import HistoryStore
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog


class OllamaHost:
    def __init__(
        self,
        *,
        make_provider: Callable[[str], OllamaProvider],
        settings: Settings,
        settings_store: SettingsStore,
        chat: ChatService[HistoryStore],
        monitor: OllamaMonitor,
        providers: ProviderRegistry,
        tasks: TaskOwner,
        report: Callable[[str], None],
    ) -> None:
        self._make_provider = make_provider
        self._settings = settings
        self._settings_store = settings_store
        self._chat = chat
        self._monitor = monitor
        self._providers = providers
        self._tasks = tasks
        self._report = report
        """Says, briefly, why an address was refused (the window's status bar)."""

    def ask(self, parent: QWidget) -> QInputDialog:
        """A non-modal dialog for the address; choosing one sets it."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(parent)
        dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Ollama host"))
        dialog.setLabelText(
            QCoreApplication.translate(
                "MainWindow",
                "Address of the Ollama server (empty: OLLAMA_HOST or http://127.0.0.1:11434)",
            )
        )
        dialog.setTextValue(self._settings.ollama_host or self._monitor.status.host)
        dialog.textValueSelected.connect(self.set_host)
        dialog.open()
        return dialog

    def set_host(self, host: str) -> None:
        try:
            provider = self._make_provider(host.strip())
        except ValueError as error:
            self._report(translated(error))
            return
        self._settings.ollama_host = host.strip()
        self._settings_store.save(self._settings)
        self._chat.set_provider(provider)
        self._monitor.set_provider(provider)
        self._providers.use_local(provider)
        self._tasks.spawn(self._providers.rebuild(), name="providers")
