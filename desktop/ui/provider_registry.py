"""The provider registry as Qt signals: a thin adapter over desktop.services.

Widgets connect to ``changed`` (after every rebuild) and ``reported`` (what a request
just learnt about a provider); everything else is the Qt-free service's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.services import provider_registry as service
from desktop.services.provider_registry import (
    LOCAL_OLLAMA_ID,
    ModelChoice,
    ModelGroup,
    ProviderSlot,
    preset_or_custom,
)
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings

if TYPE_CHECKING:
    import httpx

    from desktop.providers.ollama import OllamaProvider

__all__ = [
    "LOCAL_OLLAMA_ID",
    "ModelChoice",
    "ModelGroup",
    "ProviderRegistry",
    "ProviderSlot",
    "preset_or_custom",
]


class ProviderRegistry(service.ProviderRegistry, QObject):
    """:class:`desktop.services.provider_registry.ProviderRegistry` with signals."""

    changed = Signal()
    reported = Signal(str, object)
    """(provider id, ProviderError or None)."""

    def __init__(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        *,
        open_secrets: Callable[[], SecretStore] = SecretStore.open,
        local: OllamaProvider | None = None,
        parent: QObject | None = None,
    ) -> None:
        QObject.__init__(self, parent)
        service.ProviderRegistry.__init__(
            self, settings, http, open_secrets=open_secrets, local=local
        )
        self.on_changed.subscribe(self.changed.emit)
        self.on_reported.subscribe(self.reported.emit)
