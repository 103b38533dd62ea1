"""Which models can see images: the chosen one, and the ones to offer instead.

Ollama says so itself (/api/show ``capabilities`` contains "vision"; the answer is
cached per model by ChatService and remembered by the provider). For the cloud
families the preset's table decides, overridden by the patterns the person typed in
Settings (``BuiltProvider.sees_images``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from desktop.core.chat_service import ChatService
from desktop.core.provider_config import ProviderFamily
from desktop.storage.history import HistoryStore
from desktop.ui.provider_registry import ModelGroup, ProviderRegistry


class ImageSight:
    def __init__(
        self,
        chat: ChatService[HistoryStore],
        providers: ProviderRegistry,
        groups: Callable[[], list[ModelGroup]],
    ) -> None:
        self._chat = chat
        self._providers = providers
        self._groups = groups

    def sees_now(self, provider_id: str, model: str) -> bool | None:
        """What is known without asking anyone (None: the provider is not available)."""
        slot = self._providers.slot(provider_id)
        return None if slot is None else slot.built.sees_images(model)

    async def sees(self, provider_id: str, model: str) -> bool | None:
        """Asks Ollama about the model first (once; cached)."""
        slot = self._providers.slot(provider_id)
        if slot is None:
            return None
        if slot.family is ProviderFamily.OLLAMA:
            await self._chat.model_details(model, slot.chat)
        return slot.built.sees_images(model)

    async def seeing_models(self) -> list[tuple[str, str]]:
        """(provider id, model) of every offered model that sees images, local first."""
        offered = [(c.provider_id, c.model) for g in self._groups() for c in g.models if c.chat]
        verdicts = await asyncio.gather(*(self.sees(*choice) for choice in offered))
        return [choice for choice, seeing in zip(offered, verdicts, strict=True) if seeing]
