"""Model details for the Models page: fetched one at a time, the selected model first,
each asked once, and a model that vanished does not stop the others."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop.core.errors import ProviderError
from desktop.core.model_records import LocalModel, ModelDetails
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.ui.models.details_cache import ModelDetailsCache
from desktop.ui.tasks import TaskOwner
from tests.servers.fixtures import TINY, TINY_THINK, TINY_VISION
from tests.servers.ollama_server import OllamaServer
from tests.ui.conftest import wait_until


@pytest.fixture
async def provider(ollama_server: OllamaServer) -> AsyncIterator[OllamaProvider]:
    for name in (TINY, TINY_VISION, TINY_THINK):
        ollama_server.install(name)
    http = make_http_client()
    yield OllamaProvider(http, ollama_server.url)
    await http.aclose()


def shows(server: OllamaServer) -> list[str]:
    return [r.body["model"] for r in server.requests if r.path == "/api/show"]


async def test_the_selected_model_jumps_the_queue_and_each_is_asked_once(
    provider: OllamaProvider, ollama_server: OllamaServer, qtbot: object
) -> None:
    tasks = TaskOwner()
    cache = ModelDetailsCache(lambda: provider, tasks)
    ready: list[str] = []
    cache.detailsReady.connect(lambda digest, details: ready.append(details.name))
    models = {m.name: m for m in await provider.list_models()}
    try:
        clicked = list(models)[-1]  # listed last, so it would be asked last
        cache.request(list(models.values()))  # after a refresh: every model, for badges
        cache.request([models[clicked]], first=True)  # the person clicks one
        await wait_until(lambda: len(ready) == 3)

        assert shows(ollama_server)[0] == clicked
        assert set(shows(ollama_server)) == {TINY, TINY_VISION, TINY_THINK}
        details = cache.get(models[TINY_VISION].digest)
        assert isinstance(details, ModelDetails) and details.can_see

        cache.request(list(models.values()))  # the next refresh
        await wait_until(lambda: tasks.running == 0)
        assert len(shows(ollama_server)) == 3, "known details are not fetched again"
    finally:
        await tasks.cancel_all()


async def test_a_model_deleted_meanwhile_fails_alone(
    provider: OllamaProvider, ollama_server: OllamaServer, qtbot: object
) -> None:
    tasks = TaskOwner()
    cache = ModelDetailsCache(lambda: provider, tasks)
    ready: list[str] = []
    failed: list[tuple[str, object]] = []
    cache.detailsReady.connect(lambda digest, details: ready.append(details.name))
    cache.detailsFailed.connect(lambda digest, error: failed.append((digest, error)))
    listed = await provider.list_models()
    gone = LocalModel(name="deleted:latest", size=1, digest="sha256-gone")
    try:
        cache.request([gone, *listed])
        await wait_until(lambda: len(ready) == len(listed))

        assert [digest for digest, _ in failed] == ["sha256-gone"]
        assert isinstance(failed[0][1], ProviderError)
        assert cache.get("sha256-gone") is None
    finally:
        await tasks.cancel_all()
