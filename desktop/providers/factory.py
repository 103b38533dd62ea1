"""From a :class:`ProviderConfig` (plus its key, fetched from the keyring by the caller)
to a working provider over the right HTTP client.

    built = build_provider(config, api_key, shared_client)
    models = await built.list_models()
    async for event in built.provider.chat(model, messages): ...
    built.sees_images(model)  # the person's patterns, then the preset's table
    await built.aclose()      # closes the client only if it was made for this provider

Providers whose proxy, certificates or timeout differ from the app's get their own
``httpx.AsyncClient``; the others share the app's.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import httpx

from desktop.core.errors import BadRequest, InvalidAddress
from desktop.core.events import ChatEvent
from desktop.core.messages import ChatMessage, ChatOptions
from desktop.core.provider_config import AuthStyle, AzureMode, ProviderConfig, ProviderFamily
from desktop.core.remote_model import RemoteModel
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.anthropic import AnthropicProvider
from desktop.providers.api_transport import ApiTransport
from desktop.providers.azure_openai import AzureOpenAIProvider, azure_status_error
from desktop.providers.credentials import KeyAuth
from desktop.providers.endpoint import LITELLM, Endpoint
from desktop.providers.http_client import make_provider_client
from desktop.providers.ollama import OllamaProvider
from desktop.providers.ollama_host import resolve_ollama_host
from desktop.providers.openai_compat import OpenAICompatProvider, Routes
from desktop.providers.presets import Listing, Preset, preset_by_id, sees_images, unfilled

DEFAULT_TIMEOUT = 120.0
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


class NamedModel(Protocol):
    @property
    def name(self) -> str: ...


class ChatProvider(Protocol):
    """What every family offers: its models, and a streamed chat."""

    async def list_models(self) -> Sequence[NamedModel]: ...

    def chat(
        self, model: str, messages: Sequence[ChatMessage], options: ChatOptions | None = None
    ) -> AsyncIterator[ChatEvent]: ...


@dataclass(frozen=True, slots=True)
class StaticRoutes(Routes):
    """An OpenAI-compatible endpoint whose models are known, not listed by the server."""

    def models_url(self) -> str | None:
        return None


@dataclass
class BuiltProvider:
    """A provider, whether a model sees images, and the client it runs on."""

    provider: ChatProvider
    sees_images: Callable[[str], bool]
    client: httpx.AsyncClient | None = None
    owns_client: bool = False

    async def list_models(self) -> list[RemoteModel]:
        """The provider's models as uniform records (an Ollama model keeps only its name)."""
        listed = await self.provider.list_models()
        return [m if isinstance(m, RemoteModel) else RemoteModel(m.name) for m in listed]

    async def aclose(self) -> None:
        """Close the client if it was made for this provider (never the shared one)."""
        if self.owns_client and self.client is not None:
            await self.client.aclose()


def service_name(config: ProviderConfig, preset: Preset | None = None) -> str:
    return config.name or (preset or preset_by_id(config.preset)).name


def base_url(config: ProviderConfig, preset: Preset | None = None) -> str:
    """The configured URL, else the preset's; InvalidAddress if it is not usable yet."""
    preset = preset or preset_by_id(config.preset)
    url = (config.base_url or preset.base_url).strip()
    service = Text(service_name(config, preset))
    if not url:
        raise InvalidAddress(
            text(
                QT_TRANSLATE_NOOP(
                    "core", "{service} has no endpoint URL yet. Enter it in Settings."
                ),
                service=service,
            )
        )
    if missing := unfilled(url):
        names = ", ".join(f"{{{name}}}" for name in missing)
        raise InvalidAddress(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The endpoint URL of {service} still contains {names}. Replace it with "
                    "your own value in Settings.",
                ),
                service=service,
                names=Text.plain(names),
            )
        )
    if not url.lower().startswith(("http://", "https://")):
        raise InvalidAddress(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The endpoint URL of {service} must start with http:// or https:// (it "
                    "is {url}). Correct it in Settings.",
                ),
                service=service,
                url=Text.plain(repr(url)),
            )
        )
    return url.rstrip("/")


def auth_style(config: ProviderConfig, preset: Preset | None = None) -> AuthStyle:
    preset = preset or preset_by_id(config.preset)
    try:
        return AuthStyle(config.auth) if config.auth else preset.auth
    except ValueError:
        return preset.auth


def needs_own_client(config: ProviderConfig) -> bool:
    """Whether the shared client cannot serve this provider (network settings, Ollama auth)."""
    preset = preset_by_id(config.preset)
    ollama_auth = (
        preset.family is ProviderFamily.OLLAMA and auth_style(config, preset) is not AuthStyle.NONE
    )
    return bool(
        config.proxy_url
        or not config.use_system_proxy
        or config.ca_bundle
        or config.allow_self_signed
        or config.timeout_seconds != DEFAULT_TIMEOUT
        or ollama_auth
    )


def make_client(config: ProviderConfig) -> httpx.AsyncClient:
    """A client with this provider's proxy, certificate and timeout settings."""
    return make_provider_client(
        service=service_name(config),
        proxy_url=config.proxy_url,
        use_system_proxy=config.use_system_proxy,
        ca_bundle=config.ca_bundle,
        allow_self_signed=config.allow_self_signed,
        read_timeout=config.timeout_seconds,
    )


def key_auth(config: ProviderConfig, api_key: str, preset: Preset | None = None) -> KeyAuth | None:
    """The key guard for this provider, or None when no key is to be sent."""
    preset = preset or preset_by_id(config.preset)
    style = auth_style(config, preset)
    if not api_key or style is AuthStyle.NONE:
        return None
    return KeyAuth(api_key, style, config.key_host, service=service_name(config, preset))


def custom_headers(config: ProviderConfig) -> dict[str, str]:
    """The extra headers, checked: HTTP would refuse a bad name or a line break."""
    headers: dict[str, str] = {}
    for name, value in config.headers:
        name = name.strip()
        if not HEADER_NAME.fullmatch(name):
            raise BadRequest(
                text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The custom header name {name} of {service} is not valid. Use "
                        "letters, digits and dashes only (for example X-Team-Id).",
                    ),
                    name=Text.plain(repr(name)),
                    service=Text(service_name(config)),
                )
            )
        if "\r" in value or "\n" in value or not value.isascii():
            raise BadRequest(
                text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The value of the custom header {name} of {service} must be one line "
                        "of plain ASCII text. Correct it in Settings.",
                    ),
                    name=Text.plain(name),
                    service=Text(service_name(config)),
                )
            )
        headers[name] = value.strip()
    return headers


def create_provider(
    config: ProviderConfig, client: httpx.AsyncClient, *, api_key: str = ""
) -> ChatProvider:
    """The provider for ``config`` on ``client``. ``api_key`` is only sent to ``key_host``."""
    preset = preset_by_id(config.preset)
    service = service_name(config, preset)
    if preset.family is ProviderFamily.OLLAMA:
        try:
            host = resolve_ollama_host(config.base_url or None)
        except ValueError as exc:
            raise InvalidAddress(str(exc)) from None
        return OllamaProvider(client, host)
    url = base_url(config, preset)
    auth = key_auth(config, api_key, preset)
    endpoint = Endpoint(
        service=service,
        url=url,
        key_sent=auth is not None,
        proxy=config.proxy_url,
        gateway=preset.id if preset.id == LITELLM else "",
    )
    headers = custom_headers(config)
    if preset.family is ProviderFamily.ANTHROPIC:
        transport = ApiTransport(client, endpoint, auth=auth, headers=headers)
        return AnthropicProvider(transport, url)
    if preset.family is ProviderFamily.AZURE:
        transport = ApiTransport(
            client, endpoint, auth=auth, headers=headers, status_error=azure_status_error(endpoint)
        )
        if config.azure_mode == AzureMode.V1.value:
            return AzureOpenAIProvider.v1_form(transport, url)
        return AzureOpenAIProvider.deployment_form(
            transport, url, api_version=config.api_version, deployments=config.deployments
        )
    transport = ApiTransport(client, endpoint, auth=auth, headers=headers)
    if preset.listing is Listing.STATIC:
        return OpenAICompatProvider(
            transport, StaticRoutes(url), models=(*preset.models, *config.models)
        )
    return OpenAICompatProvider(transport, Routes(url), models=config.models)


def image_sight(
    provider: object, preset: Preset, config: ProviderConfig | None = None
) -> Callable[[str], bool]:
    """Whether a model sees images: what Ollama's /api/show said, once asked; else the
    person's patterns, then the preset's table."""

    def sees(model: str) -> bool:
        told = provider.sees_images(model) if isinstance(provider, OllamaProvider) else None
        return told if told is not None else sees_images(model, preset, config)

    return sees


def build_provider(
    config: ProviderConfig, api_key: str, shared_client: httpx.AsyncClient
) -> BuiltProvider:
    """The provider for ``config``, on its own client when :func:`needs_own_client` says so.

    Raises a ProviderError (InvalidAddress, ProxyFailed, TlsFailed, BadRequest) naming
    what in the config cannot work: an unfilled URL, a bad header, an unreadable CA
    bundle, a bad proxy.
    """
    preset = preset_by_id(config.preset)
    provider = create_provider(config, shared_client, api_key=api_key)  # checks everything
    if not needs_own_client(config):
        return BuiltProvider(
            provider, image_sight(provider, preset, config), shared_client, owns_client=False
        )
    client = make_client(config)
    auth = key_auth(config, api_key, preset)
    if preset.family is ProviderFamily.OLLAMA and auth is not None:
        client.auth = auth  # OllamaProvider sends no auth of its own; the client adds it
    provider = create_provider(config, client, api_key=api_key)
    return BuiltProvider(provider, image_sight(provider, preset, config), client, owns_client=True)
