"""The Ollama monitor as Qt signals: a thin adapter over desktop.services.ollama_monitor.

Widgets connect to ``statusChanged``, ``modelsChanged`` and ``stopped``; the checks, their
schedule and the status are the Qt-free service's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.providers.ollama import OllamaProvider
from desktop.services import ollama_monitor as service
from desktop.services.ollama_monitor import OllamaStatus, TaskSpawner, loop_running

__all__ = ["OllamaMonitor", "OllamaStatus", "loop_running"]


class OllamaMonitor(service.OllamaMonitor, QObject):
    """:class:`desktop.services.ollama_monitor.OllamaMonitor` with signals."""

    statusChanged = Signal(object)
    modelsChanged = Signal(list)
    stopped = Signal()
    """The app is closing: whoever checks alongside the monitor stops too."""

    def __init__(
        self, provider: OllamaProvider, tasks: TaskSpawner, parent: QObject | None = None
    ) -> None:
        QObject.__init__(self, parent)
        service.OllamaMonitor.__init__(self, provider, tasks)
        self.on_status.subscribe(self.statusChanged.emit)
        self.on_models.subscribe(self.modelsChanged.emit)
        self.on_stopped.subscribe(self.stopped.emit)
