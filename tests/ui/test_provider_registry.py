"""The registry's Qt face: the service's news arrives as signals widgets connect to."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop.core.errors import ConnectionFailed, ModelNotFound
from desktop.providers.http_client import make_http_client
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from tests.servers.ollama_server import OllamaServer


@pytest.fixture
async def http() -> AsyncIterator[object]:
    client = make_http_client()
    yield client
    await client.aclose()


async def test_a_rebuild_and_a_report_arrive_as_signals(
    ollama_server: OllamaServer, http: object
) -> None:
    secrets = SecretStore(None)
    registry = ProviderRegistry(
        Settings(ollama_host=ollama_server.url),
        http,  # type: ignore[arg-type]
        open_secrets=lambda: secrets,
    )
    changed: list[None] = []
    reported: list[tuple[str, object]] = []
    registry.changed.connect(lambda: changed.append(None))
    registry.reported.connect(lambda provider_id, error: reported.append((provider_id, error)))

    await registry.rebuild()
    assert changed == [None]
    assert registry.slot(LOCAL_OLLAMA_ID) is not None

    gone = ConnectionFailed("gone")
    registry.report_failure(LOCAL_OLLAMA_ID, ModelNotFound("no such model"))
    registry.report_failure(LOCAL_OLLAMA_ID, gone)
    await registry.all_models()
    assert reported == [(LOCAL_OLLAMA_ID, gone), (LOCAL_OLLAMA_ID, None)]
    await registry.aclose()
