"""The embedding model the person chose for documents, as a ready Embedder or a clear problem.

Built from ``Settings.embedding_provider`` (a provider id; empty: the local Ollama at
``Settings.ollama_host``) and ``Settings.embedding_model`` (empty: none chosen yet), the
provider configs, the keyring (through the provider registry's opened store) and the
shared httpx client, like the chat providers are. ``current()`` checks an Ollama model
once (/api/show: missing, or a chat model) before anything is sent, and remembers the
check until the settings change. ``is_remote`` and ``describe()`` answer without the
network, so the UI can ask for consent before a remote provider sees any text; the
consent is kept per provider in ``Settings.embedding_remote_consent``.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from desktop.core.embedding import Embedder
from desktop.core.errors import ParleyError
from desktop.core.provider_config import ProviderConfig
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.ollama_host import DEFAULT_OLLAMA_HOST, resolve_ollama_host
from desktop.storage.settings import Settings

if TYPE_CHECKING:
    import httpx

    from desktop.storage.secrets import SecretStore

LOCAL_OLLAMA_ID = "ollama"


class NoEmbeddingModel(ParleyError):
    """No embedding model is chosen, or the chosen provider is gone: the person must pick."""


def no_model_chosen() -> NoEmbeddingModel:
    return NoEmbeddingModel(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "No embedding model is chosen for documents. Choose one in Settings → "
                "Documents (for example nomic-embed-text or all-minilm).",
            )
        )
    )


def provider_gone(provider_id: str) -> NoEmbeddingModel:
    return NoEmbeddingModel(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "The provider chosen for document embeddings ({provider}) is no longer set "
                "up or is turned off. Choose another in Settings → Documents.",
            ),
            provider=Text.plain(provider_id),
        )
    )


class EmbedderChoice:
    """The person's embedding model; follows the settings as they change."""

    def __init__(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        secrets: Callable[[], Awaitable[SecretStore]],
    ) -> None:
        self._settings = settings
        self._http = http
        self._secrets = secrets
        self._checked: tuple[str, str, str] | None = None
        """(provider id, model, base url) whose model passed the check."""
        self._embedder: Embedder | None = None
        settings.subscribe(self._on_setting)

    def trial(self, provider_id: str, model: str) -> EmbedderChoice:
        """Another provider and model, not saved (what Check and the remote notice try):
        the same client and key store, a copy of the settings of its own."""
        settings = copy.copy(self._settings)  # copies hold the data, not who listens to it
        settings.embedding_provider = provider_id
        settings.embedding_model = model
        return EmbedderChoice(settings, self._http, self._secrets)

    @property
    def model(self) -> str:
        return self._settings.embedding_model.strip()

    @property
    def provider_id(self) -> str:
        return self._settings.embedding_provider or LOCAL_OLLAMA_ID

    @property
    def chosen(self) -> bool:
        """Whether a model is chosen (it may still be missing or unusable)."""
        return bool(self.model)

    def config(self) -> ProviderConfig | None:
        """The chosen provider's settings, or None when it is gone or turned off."""
        if self.provider_id == LOCAL_OLLAMA_ID:
            return ProviderConfig(
                id=LOCAL_OLLAMA_ID,
                preset="ollama",
                name="Ollama",
                base_url=self._local_host(),
            )
        for config in self._settings.providers:
            if config.id == self.provider_id and config.enabled:
                return config
        return None

    @property
    def is_remote(self) -> bool:
        """Whether texts leave this machine (asked before anything is sent)."""
        from desktop.providers.embeddings import is_loopback  # httpx waits for a request

        config = self.config()
        if config is None:
            return False
        return not is_loopback(_url_of(config))

    @property
    def consented(self) -> bool:
        """Local, or the person already agreed to send documents to this provider."""
        return not self.is_remote or self.provider_id in self._settings.embedding_remote_consent

    def consent(self) -> None:
        """Remember that the person agreed to send documents' text to this provider."""
        if self.provider_id not in self._settings.embedding_remote_consent:
            self._settings.embedding_remote_consent = [
                *self._settings.embedding_remote_consent,
                self.provider_id,
            ]

    def describe(self) -> Text:
        """The provider and model in words: "all-minilm on Ollama (this computer)"."""
        config = self.config()
        if not self.chosen:
            return text(QT_TRANSLATE_NOOP("core", "no embedding model chosen"))
        if config is None:
            return text(
                QT_TRANSLATE_NOOP("core", "{model} on a provider that is no longer set up"),
                model=Text.plain(self.model),
            )
        service = Text.plain(config.name or config.preset)
        if self.is_remote:
            return text(
                QT_TRANSLATE_NOOP("core", "{model} on {service} ({url}, not this computer)"),
                model=Text.plain(self.model),
                service=service,
                url=Text.plain(_url_of(config)),
            )
        return text(
            QT_TRANSLATE_NOOP("core", "{model} on {service} (this computer)"),
            model=Text.plain(self.model),
            service=service,
        )

    async def current(self) -> Embedder:
        """The ready embedder; raises NoEmbeddingModel, ModelNotFound (not pulled),
        NotAnEmbeddingModel (a chat model), ConnectionFailed (server down), ..."""
        if not self.chosen:
            raise no_model_chosen()
        config = self.config()
        if config is None:
            raise provider_gone(self.provider_id)
        identity = (self.provider_id, self.model, _url_of(config))
        if self._embedder is not None and self._checked == identity:
            return self._embedder
        from desktop.providers.embedder_factory import create_embedder
        from desktop.providers.embeddings import OllamaEmbedder

        key = ""
        if self.provider_id != LOCAL_OLLAMA_ID and config.key_name:
            key = await (await self._secrets()).aget(config.key_name)
        embedder = create_embedder(config, self._http, self.model, api_key=key)
        if isinstance(embedder, OllamaEmbedder):
            await embedder.check()
        self._embedder, self._checked = embedder, identity
        return embedder

    def forget(self) -> None:
        """Check again next time (the person pulled the model, the server came back)."""
        self._embedder, self._checked = None, None

    def _local_host(self) -> str:
        try:
            return resolve_ollama_host(self._settings.ollama_host or None)
        except ValueError:
            return DEFAULT_OLLAMA_HOST

    def _on_setting(self, name: str) -> None:
        if name in {"embedding_provider", "embedding_model", "ollama_host", "providers"}:
            self.forget()


def _url_of(config: ProviderConfig) -> str:
    from desktop.providers.presets import preset_by_id

    if config.preset == "ollama":
        return config.base_url or DEFAULT_OLLAMA_HOST
    try:
        preset_url = preset_by_id(config.preset).base_url
    except KeyError:
        preset_url = ""
    return (config.base_url or preset_url).strip()
