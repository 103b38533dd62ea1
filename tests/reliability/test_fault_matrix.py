"""Every fault × every provider family, through the real window.

For each case the chat pane sends a message to a conversation whose provider is one
family's test server (reached over real HTTP on loopback, through a FaultProxy), with
one fault armed. Then it checks what a person sees and keeps: a specific, actionable
message on the failed answer, the words that had arrived (on screen and on disk), the
Retry button, and, once the fault is cleared, a complete new answer; nothing may escape
to the event loop. The outcomes are printed as a matrix at the end of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from desktop.app import AppServices
from desktop.core.errors import ProviderError
from desktop.core.messages import MessageState
from desktop.core.provider_config import ProviderConfig
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.shell.main_window import MainWindow
from tests.reliability.conftest import Escapes, Matrix
from tests.reliability.families import (
    ANSWER,
    FAMILY_NAMES,
    MODEL,
    PARTIAL,
    Family,
    make_family,
)
from tests.reliability.fault_proxy import Blackhole, Cut, closed_port
from tests.servers.faults import DEFAULT_ERROR_MESSAGE
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.conftest import wait_until

TIMEOUT = 1.5
"""Read timeout of every provider here, so silence fails fast."""
SLOW_FAULTS = 12.0
"""A connect timeout takes the client's 5 s, twice for Ollama (model details, then chat)."""

App = Callable[[], tuple[AppServices, MainWindow]]
Expect = Callable[[str], list[str]]


def same(*words: str) -> Expect:
    return lambda _family: list(words)


@dataclass(frozen=True)
class FaultCase:
    name: str
    expect: Expect
    """Phrases the message must hold, given the family's name."""
    partial: bool = False
    """Words arrive before the fault, and must be kept."""
    url: Callable[[Family, Blackhole], str] | None = None
    """A broken endpoint URL (the fault is in the address, fixed by correcting it)."""
    arm: Callable[[Family], None] | None = None


def unreachable(family: str) -> list[str]:
    if family == "Ollama":
        return ["Ollama is not running at", "ollama serve", "Settings"]
    return [f"Could not connect to {family}", "Settings"]


def not_found(family: str) -> list[str]:
    if family == "Ollama":
        return [f"The model {MODEL} is not installed in Ollama", "Pull it"]
    if family == "Azure":
        return ["no deployment by that name (HTTP 404)", "deployment names"]
    return ["does not know the model", "HTTP 404", "model name"]


def status(code: int, **fields: Any) -> Callable[[Family], None]:
    def arm(family: Family) -> None:
        if code == 404 and family.name == "Ollama":
            fields["body"] = {"error": f"model '{MODEL}' not found, try pulling it first"}
        family.inject(status=code, **fields)

    return arm


def before_cut(kind: str) -> Callable[[Family], None]:
    return lambda family: family.inject(**{kind: family.lines_before_cut})


def proxy_cut(how: Cut) -> Callable[[Family], None]:
    def arm(family: Family) -> None:
        assert family.proxy is not None
        family.proxy.arm("gamma", how)

    return arm


def port_of(url: str) -> str:
    return url.rsplit(":", 1)[1]


FAULTS = (
    FaultCase(
        "connection refused",
        unreachable,
        url=lambda family, _hole: f"http://127.0.0.1:{closed_port()}",
    ),
    FaultCase(
        "DNS failure",
        same("nonexistent.invalid", "could not be found", "Settings"),
        url=lambda family, _hole: "http://nonexistent.invalid:8080",
    ),
    FaultCase(
        "TLS failure",
        same("secure (TLS) connection", "https://"),
        url=lambda family, _hole: "https://127.0.0.1:" + port_of(family.healthy_url),
    ),
    FaultCase(
        "connect timeout",
        same("did not accept the connection in time", "Settings"),
        url=lambda family, hole: hole.url,
    ),
    FaultCase(
        "read timeout mid-token",
        same(f"stopped responding for more than {TIMEOUT:g} seconds"),
        partial=True,
        arm=proxy_cut(Cut.STALL),
    ),
    FaultCase("HTTP 401", same("refused access (HTTP 401)", "API key"), arm=status(401)),
    FaultCase("HTTP 403", same("refused access (HTTP 403)", "API key"), arm=status(403)),
    FaultCase("HTTP 404 model", not_found, arm=status(404)),
    FaultCase("HTTP 413", same("too large", "HTTP 413", "smaller"), arm=status(413)),
    FaultCase(
        "HTTP 429 + Retry-After",
        same("limiting how many requests", "Try again in 7 seconds"),
        arm=status(429, headers={"Retry-After": "7"}),
    ),
    FaultCase(
        "HTTP 429",
        same("limiting how many requests", "Wait a moment and try again"),
        arm=status(429),
    ),
    FaultCase("HTTP 500", same("internal problem (HTTP 500)", "Try again"), arm=status(500)),
    FaultCase("HTTP 503", same("internal problem (HTTP 503)", "Try again"), arm=status(503)),
    FaultCase(
        "error in a 200 stream",
        same(DEFAULT_ERROR_MESSAGE, "again"),
        partial=True,
        arm=before_cut("error_after"),
    ),
    FaultCase(
        "malformed line",
        same("cannot read", "Settings"),
        partial=True,
        arm=before_cut("malformed_after"),
    ),
    FaultCase(
        "truncated, no done marker",
        same("stopped the answer before it was finished", "Try again"),
        partial=True,
        arm=proxy_cut(Cut.END),
    ),
    FaultCase(
        "closed mid-token",
        same("broke before the answer was complete", "Try again"),
        partial=True,
        arm=proxy_cut(Cut.DROP),
    ),
    FaultCase(
        "stream goes silent",
        same(f"stopped responding for more than {TIMEOUT:g} seconds"),
        partial=True,
        arm=before_cut("silent_after"),
    ),
)


@pytest.fixture
def blackhole() -> Iterator[Blackhole]:
    hole = Blackhole()
    yield hole
    hole.close()


async def use_provider(
    services: AppServices, pane: ChatPane, family: Family, entry: ProviderConfig
) -> None:
    """Set ``entry`` up (Settings, the keyring, the registry) and pick it in the chat pane."""
    services.settings.providers = [entry]
    secrets = await services.providers.secrets()
    if family.key:
        await secrets.aset(entry.id, family.key)
    await services.providers.rebuild()
    assert services.providers.slot(entry.id) is not None, services.providers.problem(entry.id)
    pane.choose_model(entry.id, MODEL)
    assert (pane.current_provider(), pane.current_model()) == (entry.id, MODEL)


async def ask(pane: ChatPane, family: Family, text: str) -> None:
    family.queue_answer()
    pane.composer.setPlainText(text)
    pane.send()
    assert pane.streaming
    await wait_until(lambda: not pane.streaming, timeout=SLOW_FAULTS + 5)


def outcome(error: ProviderError | None, kept: bool) -> str:
    name = type(error).__name__ if error is not None else "no error"
    return f"{name}{' +kept' if kept else ''}"


@pytest.mark.usefixtures("no_proxy")
@pytest.mark.parametrize("family_name", FAMILY_NAMES)
@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
async def test_fault(
    fault: FaultCase,
    family_name: str,
    scripted: ScriptedOllama,
    app: App,
    blackhole: Blackhole,
    escapes: Escapes,
    matrix: Matrix,
) -> None:
    family = make_family(family_name, scripted)
    errors: list[ProviderError] = []
    cell = "✗ (did not finish)"
    try:
        services, window = app()
        pane = window.chat_pane
        pane.bridge.failed.connect(errors.append)
        await wait_until(lambda: MODEL in pane.available_models())
        pane.set_model(MODEL)
        healthy = family.entry(family.healthy_url, timeout=TIMEOUT)
        broken = fault.url(family, blackhole) if fault.url is not None else None
        await use_provider(
            services, pane, family, family.entry(broken, timeout=TIMEOUT) if broken else healthy
        )
        if fault.arm is not None:
            fault.arm(family)

        await ask(pane, family, "Tell me something")

        answer = pane.messages.bubbles()[-1]
        conversation = pane.conversation_id
        assert conversation is not None
        stored = services.history.messages(conversation)[-1]
        kept = bool(answer.text()) and answer.text() == stored.content
        cell = "✗ " + outcome(errors[-1] if errors else None, kept)
        footer = answer.footer_text()
        assert len(errors) == 1, f"expected one failure, got {errors}"
        assert footer.startswith("Failed: "), footer
        for phrase in fault.expect(family.name):
            assert phrase.lower() in footer.lower(), f"{phrase!r} missing from {footer!r}"
        if family.key:
            assert family.key not in footer
        assert stored.state is MessageState.FAILED
        assert stored.error == errors[0].message
        assert answer.retry_button.isVisibleTo(window)
        expected_text = PARTIAL if fault.partial else ""
        assert answer.text() == expected_text
        assert stored.content == expected_text
        assert pane.send_button.isEnabled() and pane.send_button.text() == "Send"
        if fault.name == "read timeout mid-token":  # the socket closes on the next turn
            proxy = family.proxy
            assert proxy is not None
            await wait_until(lambda: proxy.disconnects == 1, timeout=2.0)

        family.server.clear_faults()
        assert family.proxy is not None
        family.proxy.disarm()
        if broken:
            await use_provider(services, pane, family, healthy)
        await ask(pane, family, "Once more, please")

        again = pane.messages.bubbles()[-1]
        assert again.text() == ANSWER
        assert "Failed" not in again.footer_text()
        assert services.history.messages(conversation)[-1].state is MessageState.COMPLETE
        assert services.history.messages(conversation)[-3].content == expected_text
        assert not escapes, escapes.describe()
        cell = "✓ " + outcome(errors[0], fault.partial)
    finally:
        matrix.record(fault.name, family.name, cell)
        family.stop()
