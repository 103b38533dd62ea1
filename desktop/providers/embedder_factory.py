"""The embedder for a configured provider and an embedding model (as create_provider is
for chat): Ollama's /api/embed, or /embeddings of an OpenAI-compatible endpoint with the
provider's key and headers. Anthropic and Azure offer no embeddings here: a BadRequest
says so."""

from __future__ import annotations

import httpx

from desktop.core.errors import BadRequest, InvalidAddress
from desktop.core.provider_config import ProviderConfig, ProviderFamily
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.api_transport import ApiTransport
from desktop.providers.embeddings import OllamaEmbedder, OpenAICompatEmbedder
from desktop.providers.endpoint import Endpoint
from desktop.providers.factory import base_url, custom_headers, key_auth, service_name
from desktop.providers.ollama_host import resolve_ollama_host
from desktop.providers.presets import preset_by_id


def create_embedder(
    config: ProviderConfig, client: httpx.AsyncClient, model: str, *, api_key: str = ""
) -> OllamaEmbedder | OpenAICompatEmbedder:
    preset = preset_by_id(config.preset)
    if preset.family is ProviderFamily.OLLAMA:
        try:
            host = resolve_ollama_host(config.base_url or None)
        except ValueError as exc:
            raise InvalidAddress(str(exc)) from None
        return OllamaEmbedder(client, host, model)
    if preset.family is not ProviderFamily.OPENAI_COMPAT:
        raise BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{service} offers no embeddings to Parley. Choose an Ollama or "
                    "OpenAI-compatible provider for documents.",
                ),
                service=Text(service_name(config, preset)),
            )
        )
    url = base_url(config, preset)
    auth = key_auth(config, api_key, preset)
    endpoint = Endpoint(
        service=service_name(config, preset),
        url=url,
        key_sent=auth is not None,
        proxy=config.proxy_url,
    )
    transport = ApiTransport(client, endpoint, auth=auth, headers=custom_headers(config))
    return OpenAICompatEmbedder(transport, url, model)
