"""AzureOpenAIProvider over real HTTP: deployment URLs with api-version, and the v1 form."""

from __future__ import annotations

import httpx
import pytest

from desktop.core.errors import AuthFailed, BadRequest, ModelNotFound
from desktop.core.messages import ChatMessage, Role
from desktop.core.provider_config import AzureMode
from desktop.providers.azure_openai import azure_root
from desktop.providers.factory import BuiltProvider
from tests.providers.streams import HELLO, PNG, collect, done_of, provider_for, text_of
from tests.servers.cloud_fixtures import OPENAI_KEY
from tests.servers.openai_server import OpenAIServer
from tests.servers.tiny_gguf import DEFAULT_REPLY

DEPLOYMENT_CHAT = "/openai/deployments/chat/chat/completions"


def deployment_form(
    http: httpx.AsyncClient,
    server: OpenAIServer,
    *,
    key: str = OPENAI_KEY,
    api_version: str = "2024-10-21",
    deployments: tuple[str, ...] = ("chat",),
) -> BuiltProvider:
    return provider_for(
        http,
        "azure",
        server.url,
        key,
        azure_mode=AzureMode.DEPLOYMENT.value,
        api_version=api_version,
        deployments=deployments,
    )


async def test_deployments_are_the_models(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = deployment_form(http, openai_server, deployments=("chat", "vision"))
    assert [model.name for model in await built.list_models()] == ["chat", "vision"]
    assert openai_server.requests == []  # nothing to ask the server


async def test_deployment_url_carries_api_version_and_api_key(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    events = await collect(deployment_form(http, openai_server).provider.chat("chat", HELLO))

    assert text_of(events) == DEFAULT_REPLY
    assert done_of(events).stats.completion_tokens == len(DEFAULT_REPLY.split())
    [request] = openai_server.requests_to(DEPLOYMENT_CHAT)
    assert request.headers["api-key"] == OPENAI_KEY
    assert "authorization" not in request.headers
    assert request.body["stream_options"] == {"include_usage": True}


async def test_images_reach_an_azure_deployment(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    message = ChatMessage(Role.USER, "What is it?", images=(PNG,))
    await collect(deployment_form(http, openai_server).provider.chat("chat", (message,)))
    assert openai_server.received_images == [("image/png", PNG)]


async def test_unsupported_api_version_is_a_bad_request(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = deployment_form(http, openai_server, api_version="1999-01-01")
    with pytest.raises(BadRequest, match="API version not supported"):
        await collect(built.provider.chat("chat", HELLO))


async def test_missing_deployment_is_explained(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = deployment_form(http, openai_server, deployments=("gone",))
    with pytest.raises(ModelNotFound) as caught:
        await collect(built.provider.chat("gone", HELLO))
    assert "no deployment by that name" in caught.value.message
    assert "deployment for this resource does not exist" in caught.value.detail


async def test_wrong_key_is_auth_failed(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = deployment_form(http, openai_server, key="azure-wrong-key-1234")
    with pytest.raises(AuthFailed, match="Access denied"):
        await collect(built.provider.chat("chat", HELLO))


async def test_v1_form_lists_and_streams(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = provider_for(http, "azure", openai_server.url, OPENAI_KEY, azure_mode="v1")

    assert [model.name for model in await built.list_models()] == ["gpt-4o-test", "gpt-test"]
    events = await collect(built.provider.chat("gpt-test", HELLO))

    assert text_of(events) == DEFAULT_REPLY
    [request] = openai_server.requests_to("/openai/v1/chat/completions")
    assert request.headers["api-key"] == OPENAI_KEY
    assert request.body["model"] == "gpt-test"


@pytest.mark.parametrize(
    "pasted",
    [
        "https://res.openai.azure.com",
        "https://res.openai.azure.com/",
        "https://res.openai.azure.com/openai/v1/",
        "https://res.openai.azure.com/openai/deployments/chat/chat/completions",
    ],
)
def test_whatever_part_of_the_url_is_pasted_the_resource_is_found(pasted: str) -> None:
    assert azure_root(pasted) == "https://res.openai.azure.com"
