"""The live providers: built from Settings and the keyring, rebuilt when settings change.

The local Ollama (``Settings.ollama_host``) is always first; when the app hands in its
own :class:`OllamaProvider` (the one the Ollama monitor watches), that very instance
serves the local slot, so chat, monitor and picker never disagree about the host. Then
every enabled ``Settings.providers`` entry through the provider factory, with its key
read from the keyring off the UI thread. ``all_models()`` asks every provider at once and groups the
answers by provider, local ones first, so one picker can offer them all.

Whatever a request to a provider finds out (its model list answered, a chat failed
because the server is gone or the key was refused) is announced to ``on_reported`` so the
status indicator can show it at once instead of at its next check. ``on_changed`` follows
every rebuild. Qt-free: desktop.ui.provider_registry turns both into signals.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.errors import (
    AuthFailed,
    ConnectionFailed,
    ProviderError,
    ProviderTimeout,
    StreamInterrupted,
)
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.listeners import Listeners
from desktop.core.network_place import Place, place_of_url
from desktop.core.provider_config import ProviderConfig, ProviderFamily
from desktop.core.remote_model import embedding_only
from desktop.providers.ollama import OllamaProvider
from desktop.providers.ollama_host import DEFAULT_OLLAMA_HOST
from desktop.providers.presets import CUSTOM, Preset, preset_by_id
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings

if TYPE_CHECKING:  # the factory and every provider family are imported by the first rebuild
    import httpx

    from desktop.providers.factory import BuiltProvider

log = logging.getLogger(__name__)

LOCAL_OLLAMA_ID = "ollama"


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """One model a person can pick: ``model`` is what the provider is sent."""

    provider_id: str
    model: str
    label: str
    sees_images: bool = False
    chat: bool = True
    """False for an embedding-only model: listed, but a chat request to it fails."""


@dataclass(frozen=True, slots=True)
class ModelGroup:
    """The models of one provider; ``problem`` says why the list is missing, if it is."""

    provider_id: str
    provider_name: str
    local: bool
    models: tuple[ModelChoice, ...] = ()
    problem: str = ""
    place: Place = Place.CLOUD
    error: ProviderError | None = None
    """The failure behind ``problem`` (its class says unreachable, key refused...)."""


@dataclass(slots=True)
class ProviderSlot:
    """A live provider and how to talk to it."""

    id: str
    name: str
    family: ProviderFamily
    local: bool
    built: BuiltProvider
    place: Place = Place.CLOUD
    url: str = ""
    chat: HistoryAdapter = field(init=False)

    def __post_init__(self) -> None:
        self.chat = HistoryAdapter(self.built.provider, self.family, self.built.sees_images)


def is_local_url(url: str) -> bool:
    """Whether the server runs on this machine or the local network (not the cloud)."""
    return place_of_url(url).near


def place_of(config: ProviderConfig, preset: Preset) -> Place:
    return place_of_url(config.base_url or preset.base_url)


class ProviderRegistry:
    """Owns the provider instances; ``on_changed`` after every rebuild."""

    def __init__(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        *,
        open_secrets: Callable[[], SecretStore] = SecretStore.open,
        local: OllamaProvider | None = None,
    ) -> None:
        self.on_changed: Listeners[[]] = Listeners()
        self.on_reported: Listeners[[str, ProviderError | None]] = Listeners()
        """(provider id, error or None): what a request just learnt about a provider."""
        self._settings = settings
        self._http = http
        self._local = local
        self.built = False
        """Whether the first rebuild has finished (before it, every slot is missing)."""
        self._open_secrets = open_secrets
        self._secrets: SecretStore | None = None
        self._slots: dict[str, ProviderSlot] = {}
        self._unbuilt: dict[str, ModelGroup] = {}
        """Enabled providers whose settings cannot work yet, with the reason."""
        self._lock = asyncio.Lock()

    @property
    def settings(self) -> Settings:
        return self._settings

    async def secrets(self) -> SecretStore:
        """The key store, opened (it probes D-Bus) off the UI thread the first time.

        Callers racing the first open all get the store that opened first, so a key set
        in one of them is never lost with a store that another caller replaced.
        """
        if self._secrets is None:
            opened = await asyncio.to_thread(self._open_secrets)
            if self._secrets is None:
                self._secrets = opened
        return self._secrets

    def slots(self) -> list[ProviderSlot]:
        """Live providers, local ones first, in the order of Settings."""
        slots = list(self._slots.values())
        return sorted(slots, key=lambda slot: not slot.local)

    def slot(self, provider_id: str) -> ProviderSlot | None:
        return self._slots.get(provider_id)

    def problem(self, provider_id: str) -> str:
        """Why an enabled provider could not be built ("" if it was)."""
        group = self._unbuilt.get(provider_id)
        return group.problem if group is not None else ""

    def unbuilt(self) -> list[ModelGroup]:
        """Enabled providers whose settings cannot work yet, each with the reason."""
        return list(self._unbuilt.values())

    def report_failure(self, provider_id: str, error: ProviderError) -> None:
        """A request (a chat) to ``provider_id`` failed: if the failure says something
        about the provider itself (unreachable, silent, key refused, the connection cut),
        tell whoever shows its state. A refused request or a missing model does not."""
        if isinstance(error, ConnectionFailed | ProviderTimeout | AuthFailed | StreamInterrupted):
            self.on_reported(provider_id, error)

    def report_success(self, provider_id: str) -> None:
        self.on_reported(provider_id, None)

    def use_local(self, provider: OllamaProvider) -> None:
        """Serve the local slot with ``provider`` from the next rebuild on (a new host)."""
        self._local = provider

    async def rebuild(self) -> None:
        """Build every provider from the current settings and keys; then ``changed``."""
        async with self._lock:
            slots: dict[str, ProviderSlot] = {}
            unbuilt: dict[str, ModelGroup] = {}
            if self._settings.ollama_enabled:
                slots[LOCAL_OLLAMA_ID] = self._local_ollama()
            for config in self._settings.providers:
                if not config.enabled or not config.id or config.id in slots:
                    continue
                # Opened only for a provider that may have a key: with none, the keyring
                # (its backends, D-Bus, cryptography: ~120 ms, 15 MB) stays unloaded.
                key = await (await self.secrets()).aget(config.key_name)
                try:
                    slots[config.id] = self._slot(config, key)
                except ProviderError as error:
                    preset = preset_or_custom(config.preset)
                    place = place_of(config, preset)
                    name = config.name or preset.name
                    unbuilt[config.id] = ModelGroup(
                        config.id, name, place.near, problem=error.message, place=place, error=error
                    )
            old = self._slots
            self._slots, self._unbuilt = slots, unbuilt
            self.built = True
        await _close_all(old.values())
        self.on_changed()

    def _local_ollama(self) -> ProviderSlot:
        config = ProviderConfig(
            id=LOCAL_OLLAMA_ID, preset="ollama", name="Ollama", base_url=self._settings.ollama_host
        )
        if self._local is not None:
            from desktop.providers.factory import BuiltProvider, image_sight

            preset = preset_by_id(config.preset)
            built = BuiltProvider(self._local, image_sight(self._local, preset, config), self._http)
            url = self._local.host
            place = place_of_url(url)
            return ProviderSlot(LOCAL_OLLAMA_ID, "Ollama", preset.family, True, built, place, url)
        try:
            return self._slot(config, "")
        except ProviderError:
            log.warning("ignoring an invalid Ollama host in Settings")
            return self._slot(dataclasses.replace(config, base_url=DEFAULT_OLLAMA_HOST), "")

    def _slot(self, config: ProviderConfig, key: str) -> ProviderSlot:
        built = _build(config, key, self._http)
        preset = preset_or_custom(config.preset)
        name = config.name or preset.name
        place = place_of(config, preset)
        local = config.id == LOCAL_OLLAMA_ID or place.near
        url = config.base_url or preset.base_url
        return ProviderSlot(config.id, name, preset.family, local, built, place, url)

    async def probe(self, config: ProviderConfig, key: str) -> list[str]:
        """The model names a provider configured like this offers (Test connection)."""
        built = _build(config, key, self._http)
        try:
            return [model.name for model in await built.list_models()]
        finally:
            await built.aclose()

    async def models_of(self, slot: ProviderSlot) -> ModelGroup:
        try:
            listed = await slot.built.provider.list_models()
        except RuntimeError:
            if self._slots.get(slot.id) is slot:
                raise
            # A rebuild retired the slot and closed its client mid-request; the rebuild's
            # on_changed asks the new one, so this answer is no longer wanted.
            return ModelGroup(slot.id, slot.name, slot.local, place=slot.place)
        except ProviderError as error:
            self.on_reported(slot.id, error)
            return ModelGroup(
                slot.id, slot.name, slot.local, problem=error.message, place=slot.place, error=error
            )
        self.on_reported(slot.id, None)
        choices = tuple(_choice(slot, model) for model in listed)
        return ModelGroup(slot.id, slot.name, slot.local, choices, place=slot.place)

    async def all_models(self) -> list[ModelGroup]:
        """Every live provider's models, asked concurrently; local providers first."""
        slots = self.slots()
        groups = [*await asyncio.gather(*(self.models_of(slot) for slot in slots))]
        return sorted([*groups, *self._unbuilt.values()], key=lambda group: not group.local)

    async def aclose(self) -> None:
        async with self._lock:
            old, self._slots = self._slots, {}
        await _close_all(old.values())


async def _close_all(slots: Iterable[ProviderSlot]) -> None:
    for slot in slots:
        await slot.built.aclose()


def _build(config: ProviderConfig, key: str, http: httpx.AsyncClient) -> BuiltProvider:
    from desktop.providers.factory import build_provider

    return build_provider(config, key, http)


def _choice(slot: ProviderSlot, model: object) -> ModelChoice:
    """A listed model (Ollama's installed record or a remote one) as a choice."""
    name = str(getattr(model, "name", ""))
    label = str(getattr(model, "label", "") or name)
    capabilities = getattr(model, "capabilities", ())
    family = str(getattr(model, "family", ""))
    chat = not embedding_only(name, capabilities, family)
    return ModelChoice(slot.id, name, label, slot.built.sees_images(name), chat)


def preset_or_custom(preset_id: str) -> Preset:
    """The entry's preset; an unknown id (from a newer version) reads as Custom."""
    try:
        return preset_by_id(preset_id)
    except KeyError:
        return CUSTOM
