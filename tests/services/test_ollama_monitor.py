"""The Ollama monitor without Qt: plain listeners, checks planned on asyncio's loop."""

from __future__ import annotations

import asyncio

from desktop.core.errors import ConnectionFailed
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.services.ollama_monitor import (
    DOWN_INTERVAL_MS,
    UP_INTERVAL_MS,
    OllamaMonitor,
    OllamaStatus,
)
from desktop.ui.tasks import TaskOwner
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.ui.conftest import wait_until


async def test_listeners_hear_the_status_and_the_models_and_a_stop(
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    http = make_http_client()
    tasks = TaskOwner()
    monitor = OllamaMonitor(OllamaProvider(http, ollama_server.url), tasks)
    statuses: list[OllamaStatus] = []
    lists: list[int] = []
    stops: list[None] = []
    monitor.on_status.subscribe(statuses.append)
    monitor.on_models.subscribe(lambda models: lists.append(len(models)))
    monitor.on_stopped.subscribe(lambda: stops.append(None))
    try:
        monitor.refresh()
        await wait_until(lambda: lists == [1])
        assert [status.reachable for status in statuses] == [True]
        assert monitor.check_interval_ms == UP_INTERVAL_MS  # a heartbeat is planned

        monitor.note_failure(ConnectionFailed("Ollama is not running"))
        assert statuses[-1].reachable is False  # at once, not at the next check
        assert monitor.check_interval_ms == DOWN_INTERVAL_MS
        await wait_until(lambda: monitor.status.reachable is True, timeout=2.0)
    finally:
        monitor.stop()
        await tasks.cancel_all()
        await http.aclose()
    assert stops == [None]
    assert monitor.check_interval_ms == 0, "nothing is planned after stop"
    checks = len(ollama_server.requests)
    await asyncio.sleep(2 * DOWN_INTERVAL_MS / 1000)
    assert len(ollama_server.requests) == checks


async def test_no_heartbeat_while_an_answer_streams_from_the_server(
    ollama_server: OllamaServer,
) -> None:
    """The answer's own lines say the server is up: a heartbeat beside them only cost both
    sides a request a second and a half (and the app's CPU while it streamed)."""
    ollama_server.install(TINY)
    ollama_server.inject(path="/api/chat", token_delay=0.25)  # 16 lines: about 4 s
    http = make_http_client()
    tasks = TaskOwner()
    provider = OllamaProvider(http, ollama_server.url)
    monitor = OllamaMonitor(provider, tasks)

    def beats() -> int:
        return sum(request.path == "/api/version" for request in ollama_server.requests)

    try:
        monitor.refresh()
        await wait_until(lambda: monitor.status.reachable is True)
        before = beats()
        question = [ChatMessage(Role.USER, "Count")]
        async for _ in provider.chat(TINY, question, ChatOptions(num_predict=16, seed=1)):
            pass
        assert beats() == before, "the answer's lines stood for the heartbeats"
        assert monitor.status.reachable is True
        await wait_until(lambda: beats() > before, timeout=2 * UP_INTERVAL_MS / 1000)
    finally:
        monitor.stop()
        await tasks.cancel_all()
        await http.aclose()
