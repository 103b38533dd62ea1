"""Azure OpenAI: the deployment URL form with ``api-version``, and the v1 form.

Deployment form: ``{endpoint}/openai/deployments/{deployment}/chat/completions
?api-version=...``; the "model" a person picks is the deployment name, and the
deployments are listed from Settings (the data-plane API cannot list them).
v1 form: ``{endpoint}/openai/v1/`` is a plain OpenAI-compatible endpoint. Both send
the key in the ``api-key`` header. Streaming is the OpenAI-compatible code's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import httpx

from desktop.core.errors import ModelNotFound, ProviderError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.api_transport import ApiTransport, StatusError
from desktop.providers.endpoint import Endpoint
from desktop.providers.openai_compat import OpenAICompatProvider, Routes
from desktop.providers.status_errors import status_error

DEFAULT_API_VERSION = "2024-10-21"


def azure_root(endpoint: str) -> str:
    """``https://RES.openai.azure.com`` from what a person may paste (with /openai/...)."""
    root = endpoint.strip().rstrip("/")
    cut = root.find("/openai")
    return root[:cut] if cut >= 0 else root


@dataclass(frozen=True, slots=True)
class DeploymentRoutes(Routes):
    """``base_url`` is the resource endpoint; models are the configured deployments."""

    api_version: str = DEFAULT_API_VERSION
    deployments: tuple[str, ...] = ()

    def chat_url(self, model: str) -> str:
        query = urlencode({"api-version": self.api_version})
        deployment = f"{azure_root(self.base_url)}/openai/deployments/{quote(model, safe='')}"
        return f"{deployment}/chat/completions?{query}"

    def models_url(self) -> str | None:
        return None

    def listed_models(self) -> tuple[str, ...]:
        return self.deployments


def v1_base_url(endpoint: str) -> str:
    return f"{azure_root(endpoint)}/openai/v1"


class AzureOpenAIProvider(OpenAICompatProvider):
    """OpenAI-compatible streaming over Azure's URLs, with Azure's 404 explained."""

    @classmethod
    def deployment_form(
        cls,
        transport: ApiTransport,
        endpoint: str,
        *,
        api_version: str = DEFAULT_API_VERSION,
        deployments: Sequence[str] = (),
    ) -> AzureOpenAIProvider:
        routes = DeploymentRoutes(endpoint, api_version or DEFAULT_API_VERSION, tuple(deployments))
        return cls(transport, routes)

    @classmethod
    def v1_form(cls, transport: ApiTransport, endpoint: str) -> AzureOpenAIProvider:
        return cls(transport, Routes(v1_base_url(endpoint)))


def azure_status_error(endpoint: Endpoint) -> StatusError:
    """Status errors as for any service, but a 404 names deployments, Azure's usual cause."""

    def translate(status: int, body: bytes, headers: httpx.Headers) -> ProviderError:
        error = status_error(status, body, headers, endpoint)
        if status != 404:
            return error
        return ModelNotFound(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} has no deployment by that name (HTTP 404). Check the deployment "
                    "names, the endpoint and the API version in Settings; a new deployment can "
                    "take a few minutes to appear. It said: {detail}",
                ),
                where=endpoint.where,
                detail=Text.plain(error.detail),
            ),
            detail=error.detail,
            status=404,
        )

    return translate
