"""/api/show results, fetched in the background one at a time and kept per digest.

The list asks for every model's details after each refresh (for the capability badges);
a model the person selects jumps the queue. Nothing waits on the UI thread: results
arrive as a signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ProviderError
from desktop.core.model_records import LocalModel, ModelDetails
from desktop.providers.ollama import OllamaProvider
from desktop.ui.tasks import TaskOwner


class ModelDetailsCache(QObject):
    detailsReady = Signal(str, object)  # digest, ModelDetails
    detailsFailed = Signal(str, object)  # digest, ProviderError

    def __init__(
        self,
        provider: Callable[[], OllamaProvider],
        tasks: TaskOwner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._provider = provider
        self._tasks = tasks
        self._details: dict[str, ModelDetails] = {}
        self._wanted: dict[str, str] = {}  # digest -> a name to ask for, in order
        self._running = False

    def get(self, digest: str) -> ModelDetails | None:
        return self._details.get(digest)

    def clear(self) -> None:
        """Forget everything (another Ollama host may hold other models)."""
        self._details.clear()
        self._wanted.clear()

    def request(self, models: list[LocalModel], *, first: bool = False) -> None:
        """Fetch the details not known yet; ``first`` puts these ahead of the rest."""
        missing = {m.digest: m.name for m in models if m.digest and m.digest not in self._details}
        self._wanted = {**missing, **self._wanted} if first else {**self._wanted, **missing}
        if self._wanted and not self._running:
            self._running = True
            self._tasks.spawn(self._fetch_all(), name="model-details")

    async def _fetch_all(self) -> None:
        try:
            while self._wanted:
                digest = next(iter(self._wanted))
                name = self._wanted.pop(digest)
                try:
                    details = await self._provider().show(name)
                except ProviderError as error:
                    self.detailsFailed.emit(digest, error)
                    continue
                self._details[digest] = details
                self.detailsReady.emit(digest, details)
        finally:
            self._running = False
