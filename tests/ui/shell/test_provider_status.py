"""The rail's provider indicator: real servers stopped and started, a refused key, a chat
failure that must show at once, and Ollama that nothing needs shown as neutral."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import pytest

from desktop.core.errors import ProviderError
from desktop.core.messages import ChatMessage, Role
from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.services import ollama_monitor
from desktop.services.ollama_monitor import DOWN_INTERVAL_MS, IDLE_INTERVAL_MS
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.shell.provider_health import Health
from desktop.ui.shell.provider_status import WIDTH, ProviderStatus
from desktop.ui.tasks import TaskOwner
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.ui.conftest import wait_until

KEY = "sk-status-3b9f0c2e71"
WRONG_KEY = "sk-wrong-7d1e4a0b55"


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer(api_key=KEY).start()
    yield server
    server.stop()


@dataclass
class Rig:
    status: ProviderStatus
    monitor: OllamaMonitor
    registry: ProviderRegistry

    def health(self, provider_id: str) -> Health:
        return next(s.health for s in self.status.states() if s.provider_id == provider_id)


@pytest.fixture
async def rig(qtbot: object) -> AsyncIterator[Callable[..., object]]:
    """Build the indicator over a real registry and monitor for the given settings."""
    http = make_http_client()
    tasks = TaskOwner()
    built: list[Rig] = []

    async def build(settings: Settings, **keys: str) -> Rig:
        secrets = SecretStore(None)
        for provider_id, key in keys.items():
            secrets.set(provider_id, key)
        provider = OllamaProvider(http, settings.ollama_host)
        monitor = OllamaMonitor(provider, tasks)
        registry = ProviderRegistry(settings, http, open_secrets=lambda: secrets, local=provider)
        status = ProviderStatus(registry, monitor, tasks=tasks)
        qtbot.addWidget(status)  # type: ignore[attr-defined]
        status.show()
        monitor.refresh()
        await registry.rebuild()
        made = Rig(status, monitor, registry)
        built.append(made)
        return made

    yield build
    for made in built:
        made.monitor.stop()
        made.status.health.stop()
        made.status.popup.hide()
    await tasks.cancel_all()
    for made in built:
        await made.registry.aclose()
    await http.aclose()


async def _within(seconds: float, predicate: Callable[[], bool]) -> float:
    """Seconds until ``predicate`` held; fails past ``seconds``."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    await wait_until(predicate, timeout=seconds)
    return loop.time() - start


async def test_ollama_stopped_then_started_shows_within_two_seconds_each_way(
    rig: Callable[..., object], ollama_server: OllamaServer
) -> None:
    made: Rig = await rig(Settings(ollama_host=ollama_server.url))  # type: ignore[misc]
    await wait_until(lambda: made.health(LOCAL_OLLAMA_ID) is Health.UP)
    dot = made.status._dots[0]
    assert dot.property("health") == "up"
    assert not made.status.property("alarm")

    ollama_server.stop()
    await _within(2.0, lambda: made.health(LOCAL_OLLAMA_ID) is Health.DOWN)
    assert dot.property("health") == "down"
    assert made.status.property("alarm")
    assert "Ollama: not reachable" in made.status.toolTip()

    ollama_server.start()  # the same port, as `ollama serve` comes back
    await _within(2.0, lambda: made.health(LOCAL_OLLAMA_ID) is Health.UP)
    assert dot.property("health") == "up"
    assert not made.status.property("alarm")


async def test_a_chat_that_finds_ollama_gone_shows_it_at_once(
    rig: Callable[..., object], ollama_server: OllamaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 3: the status said "Ollama 0.33.0 at …" long after a chat had failed with
    "Ollama is not running"."""
    monkeypatch.setattr(ollama_monitor, "UP_INTERVAL_MS", 60_000)  # no heartbeat to help
    ollama_server.install(TINY)
    made: Rig = await rig(Settings(ollama_host=ollama_server.url))  # type: ignore[misc]
    await wait_until(lambda: made.health(LOCAL_OLLAMA_ID) is Health.UP)
    ollama_server.stop()
    with pytest.raises(ProviderError):  # drops the pooled connection, tells no one
        await made.monitor.provider.version()

    slot = made.registry.slot(LOCAL_OLLAMA_ID)
    assert slot is not None
    with pytest.raises(ProviderError) as failure:
        async for _event in slot.chat.chat(TINY, [ChatMessage(Role.USER, "hello")]):
            pass
    assert "not running" in failure.value.message
    made.registry.report_failure(LOCAL_OLLAMA_ID, failure.value)

    assert made.monitor.status.reachable is False  # at once, not at the next check
    assert made.health(LOCAL_OLLAMA_ID) is Health.DOWN
    assert made.status._dots[0].property("health") == "down"


async def test_a_refused_key_says_key_refused(
    rig: Callable[..., object], openai_server: OpenAIServer, unused_tcp_port: int
) -> None:
    url = openai_server.url + "/v1"
    entry = ProviderConfig(id="lab", name="Lab", base_url=url, key_host=key_host_for(url))
    settings = Settings(ollama_host=f"http://127.0.0.1:{unused_tcp_port}", providers=[entry])
    made: Rig = await rig(settings, lab=WRONG_KEY)  # type: ignore[misc]

    await wait_until(lambda: made.health("lab") is Health.KEY_REFUSED)
    assert "Lab: key refused" in made.status.toolTip()
    made.status.open_popup()
    card = made.status.popup.card("lab")
    assert card is not None
    assert card.state_label.text() == "key refused"
    assert card.problem.isVisible() and card.problem.text()
    assert card.host_button is None  # "Set host…" is Ollama's


async def test_missing_ollama_is_neutral_when_only_other_providers_are_used(
    rig: Callable[..., object], openai_server: OpenAIServer, unused_tcp_port: int
) -> None:
    url = openai_server.url + "/v1"
    entry = ProviderConfig(id="gw", name="Gateway", base_url=url, key_host=key_host_for(url))
    settings = Settings(ollama_host=f"http://127.0.0.1:{unused_tcp_port}", providers=[entry])
    made: Rig = await rig(settings, gw=KEY)  # type: ignore[misc]

    await wait_until(lambda: made.health("gw") is Health.UP)
    await wait_until(lambda: made.monitor.status.reachable is False)
    assert made.health(LOCAL_OLLAMA_ID) is Health.IDLE
    assert made.status._dots[0].property("health") == "idle"
    assert not made.status.property("alarm")
    assert made.monitor.check_interval_ms == IDLE_INTERVAL_MS  # looked for, unhurried


async def test_missing_ollama_is_an_alarm_when_nothing_else_is_set_up(
    rig: Callable[..., object], unused_tcp_port: int
) -> None:
    made: Rig = await rig(Settings(ollama_host=f"http://127.0.0.1:{unused_tcp_port}"))  # type: ignore[misc]
    await wait_until(lambda: made.health(LOCAL_OLLAMA_ID) is Health.DOWN)
    assert made.status.property("alarm")
    assert made.monitor.check_interval_ms == DOWN_INTERVAL_MS


async def test_long_problems_wrap_and_set_host_is_offered(
    rig: Callable[..., object], unused_tcp_port: int
) -> None:
    host = f"http://127.0.0.1:{unused_tcp_port}"
    made: Rig = await rig(Settings(ollama_host=host))  # type: ignore[misc]
    await wait_until(lambda: made.health(LOCAL_OLLAMA_ID) is Health.DOWN)
    asked: list[bool] = []
    made.status.hostChangeRequested.connect(lambda: asked.append(True))

    made.status.open_popup()
    popup = made.status.popup
    card = popup.card(LOCAL_OLLAMA_ID)
    assert card is not None and card.host_button is not None
    assert card.problem.wordWrap() and "not running" in card.problem.text()
    assert popup.width() <= 340 and made.status.width() <= WIDTH
    assert card.host.full_text().startswith(host)
    assert card.host.accessibleDescription().startswith(host)
    assert card.host.toolTip().startswith(host) or not card.host.is_elided()

    card.host_button.click()
    assert asked == [True]
    assert not popup.isVisible()


async def test_in_the_window_a_failed_chat_turns_the_ollama_dot_at_once(
    ollama_server: OllamaServer, open_window: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 3, as a person saw it: the answer failed with "Ollama is not running" while
    the status went on saying Ollama was there."""
    monkeypatch.setattr(ollama_monitor, "UP_INTERVAL_MS", 60_000)  # no heartbeat to help
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    ollama_server.install(TINY)
    window = open_window()
    pane = window.chat_pane  # type: ignore[attr-defined]
    status: ProviderStatus = window.provider_status  # type: ignore[attr-defined]
    await wait_until(lambda: TINY in pane.available_models())
    pane.set_model(TINY)
    await wait_until(lambda: status.states()[0].health is Health.UP)
    ollama_server.stop()

    pane.composer.setPlainText("Still there?")
    pane.send_button.click()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    await _within(1.0, lambda: status.states()[0].health is Health.DOWN)
    assert status._dots[0].property("health") == "down"
    assert "Ollama: not reachable" in status.toolTip()
