"""Keeps track of whether Ollama answers, and of its installed models.

Checks once at start and on request; while Ollama is unreachable it re-checks every few
seconds so the window recovers by itself when the person starts ``ollama serve``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import ProviderError
from desktop.providers.ollama import OllamaProvider
from desktop.ui.tasks import TaskOwner

RETRY_INTERVAL_MS = 5000


@dataclass(frozen=True, slots=True)
class OllamaStatus:
    host: str
    reachable: bool | None  # None: still checking
    version: str = ""
    error: ProviderError | None = None


class OllamaMonitor(QObject):
    statusChanged = Signal(object)
    modelsChanged = Signal(list)

    def __init__(self, provider: OllamaProvider, tasks: TaskOwner, parent: QObject | None = None):
        super().__init__(parent)
        self._provider = provider
        self._tasks = tasks
        self._status = OllamaStatus(provider.host, None)
        self._checking = False
        self._stopped = False
        self._again = False
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_INTERVAL_MS)
        self._retry.timeout.connect(self.refresh)

    @property
    def status(self) -> OllamaStatus:
        return self._status

    @property
    def provider(self) -> OllamaProvider:
        return self._provider

    def set_provider(self, provider: OllamaProvider) -> None:
        self._provider = provider
        self._set_status(OllamaStatus(provider.host, None))
        self.refresh()

    def stop(self) -> None:
        """No more checks: the app is closing (a pending retry must not outlive the loop)."""
        self._stopped = True
        self._retry.stop()

    def refresh(self) -> None:
        """Check now; a request made during a check runs once more after it (fresh list)."""
        if self._stopped:
            return
        if self._checking:
            self._again = True
            return
        self._checking = True
        self._again = False
        task = self._tasks.spawn(self._check(self._provider), name="ollama-check")
        task.add_done_callback(self._check_done)

    def _check_done(self, _task: object) -> None:
        if self._again:
            self.refresh()

    async def _check(self, provider: OllamaProvider) -> None:
        try:
            version = await provider.version()
            models = await provider.list_models()
        except ProviderError as error:
            if provider is self._provider:
                self._set_status(OllamaStatus(provider.host, False, error=error))
                self._retry.start()
            return
        finally:
            self._checking = False
        if provider is not self._provider:
            return
        self._retry.stop()
        self._set_status(OllamaStatus(provider.host, True, version=version))
        self.modelsChanged.emit(models)

    def _set_status(self, status: OllamaStatus) -> None:
        self._status = status
        self.statusChanged.emit(status)
