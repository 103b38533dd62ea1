"""Fresh sizes for the Ollama library list: asked of Ollama's registry when a model is
opened, kept for the session, the shipped sizes when the registry cannot be reached."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ProviderError
from desktop.core.ollama_library import LibraryModel
from desktop.services.library_registry import LibraryRegistry
from desktop.ui.tasks import TaskOwner


class LibrarySizes(QObject):
    sizesReady = Signal(str, object)  # model name, {tag: bytes}
    sizesFailed = Signal(str)  # model name: the registry cannot be asked now

    def __init__(
        self, registry: LibraryRegistry, tasks: TaskOwner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.registry = registry
        """Where sizes are asked (replaceable: the composition root, tests)."""
        self.known: dict[str, dict[str, int]] = {}
        self._tasks = tasks
        self._task: asyncio.Task[None] | None = None

    def request(self, model: LibraryModel) -> None:
        """Ask for ``model``'s sizes unless known; an earlier request still going is dropped."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if model.name not in self.known:
            self._task = self._tasks.spawn(self._ask(model), name="library-sizes")

    async def _ask(self, model: LibraryModel) -> None:
        try:
            sizes = await self.registry.tag_sizes(model)
        except ProviderError:
            self.sizesFailed.emit(model.name)
            return
        self.known[model.name] = sizes
        self.sizesReady.emit(model.name, sizes)
