"""The Ollama monitor's checks: a light heartbeat while up, full checks while down."""

from __future__ import annotations

import asyncio

from desktop.core.errors import ConnectionFailed, ModelNotFound
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.services.ollama_monitor import UP_INTERVAL_MS
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.tasks import TaskOwner
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.ui.conftest import wait_until


async def test_while_up_only_the_version_is_asked_and_the_list_is_not_reloaded(
    ollama_server: OllamaServer,
) -> None:
    """A heartbeat every 1.5 s must not make the Models page and the picker reload."""
    ollama_server.install(TINY)
    http = make_http_client()
    tasks = TaskOwner()
    monitor = OllamaMonitor(OllamaProvider(http, ollama_server.url), tasks)
    lists: list[int] = []
    changes: list[object] = []
    monitor.modelsChanged.connect(lambda models: lists.append(len(models)))
    monitor.statusChanged.connect(changes.append)
    try:
        monitor.refresh()
        await wait_until(lambda: lists == [1])
        before = len(ollama_server.requests)
        await asyncio.sleep(2 * UP_INTERVAL_MS / 1000 + 0.3)

        asked = [r.path for r in ollama_server.requests[before:]]
        assert asked and set(asked) == {"/api/version"}
        assert lists == [1], "the model list is read once, not at every heartbeat"
        assert len(changes) == 1, "an unchanged status is not announced again"
    finally:
        monitor.stop()
        await tasks.cancel_all()
        await http.aclose()


async def test_a_failure_elsewhere_that_is_not_unreachable_changes_nothing(
    ollama_server: OllamaServer,
) -> None:
    http = make_http_client()
    tasks = TaskOwner()
    monitor = OllamaMonitor(OllamaProvider(http, ollama_server.url), tasks)
    try:
        monitor.refresh()
        await wait_until(lambda: monitor.status.reachable is True)
        monitor.note_failure(ModelNotFound("model 'x' not found"))
        assert monitor.status.reachable is True
        monitor.note_failure(ConnectionFailed("Ollama is not running at …"))
        assert monitor.status.reachable is False
        await wait_until(lambda: monitor.status.reachable is True, timeout=2.0)  # it answers
    finally:
        monitor.stop()
        await tasks.cancel_all()
        await http.aclose()
