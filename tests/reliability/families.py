"""One test server per provider family, each behind a FaultProxy, answering the same words.

Every family answers ``ANSWER`` in the pieces of ``PIECES``; a fault armed "before the
cut" lets ``PARTIAL`` arrive first. The chat pane's model list comes from the scripted
Ollama (the app's local Ollama), and every family serves that same model name, so a
conversation can be pointed at any family without touching the model picker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from tests.reliability.fault_proxy import FaultProxy
from tests.servers.anthropic_server import AnthropicServer
from tests.servers.loopback_http import LoopbackServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.servers.scripted_reply import ScriptedReply

MODEL = "scripted:latest"
PIECES = ["Alpha", " beta", " gamma", " delta", " epsilon."]
ANSWER = "".join(PIECES)
PARTIAL = "Alpha beta"
CUT_WORD = "gamma"
OPENAI_KEY = "sk-reliability-openai-3d9e"
AZURE_KEY = "azure-reliability-key-51c0"
ANTHROPIC_KEY = "sk-ant-reliability-8b27"
AZURE_DEPLOYMENT_PATH = f"/openai/deployments/{quote(MODEL, safe='')}/chat/completions"


@dataclass
class Family:
    """A family's server, the proxy in front of it and how the app is configured for it.

    ``lines_before_cut``: streamed lines (NDJSON lines or SSE frames) the server sends
    before the one carrying ``CUT_WORD``, so a server fault armed there keeps ``PARTIAL``.
    """

    name: str
    provider_id: str
    preset: str
    server: LoopbackServer
    chat_path: str
    lines_before_cut: int
    key: str = ""
    url_suffix: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    proxy: FaultProxy | None = None

    def start(self) -> Family:
        self.proxy = FaultProxy(int(self.server.url.rsplit(":", 1)[1])).start()
        return self

    @property
    def healthy_url(self) -> str:
        assert self.proxy is not None
        return self.proxy.url

    def entry(self, root_url: str, *, timeout: float = 120.0) -> ProviderConfig:
        """Settings for this family at ``root_url`` (scheme://host:port), key confirmed there."""
        url = root_url + self.url_suffix
        return ProviderConfig(
            id=self.provider_id,
            preset=self.preset,
            name=self.name,
            base_url=url,
            key_host=key_host_for(url) if self.key else "",
            timeout_seconds=timeout,
            **self.extra,
        )

    def queue_answer(self) -> None:
        """Cloud servers answer from a queue; Ollama's script is set once."""
        replies = getattr(self.server, "replies", None)
        if replies is not None:
            replies.push(ScriptedReply(text=ANSWER))

    def inject(self, **fault: Any) -> None:
        self.server.inject(self.chat_path, once=True, **fault)

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()
        self.server.stop()


def ollama_family(server: ScriptedOllama) -> Family:
    server.script(PIECES)
    return Family("Ollama", "lab-ollama", "ollama", server, "/api/chat", 2)


def openai_family() -> Family:
    server = OpenAIServer(api_key=OPENAI_KEY, models=(MODEL,)).start()
    return Family(
        "OpenAI-compatible",
        "compat",
        "custom",
        server,
        "/v1/chat/completions",
        3,
        key=OPENAI_KEY,
        url_suffix="/v1",
    )


def azure_family() -> Family:
    # The deployment name travels percent-encoded; the server routes on the raw path.
    server = OpenAIServer(
        api_key=AZURE_KEY, models=(MODEL,), deployments={quote(MODEL, safe=""): MODEL}
    ).start()
    return Family(
        "Azure",
        "azure",
        "azure",
        server,
        AZURE_DEPLOYMENT_PATH,
        3,
        key=AZURE_KEY,
        extra={"deployments": [MODEL]},
    )


def anthropic_family() -> Family:
    server = AnthropicServer(api_key=ANTHROPIC_KEY, models=((MODEL, "Scripted"),)).start()
    return Family(
        "Anthropic", "anthropic", "anthropic", server, "/v1/messages", 5, key=ANTHROPIC_KEY
    )


FAMILY_NAMES = ("Ollama", "OpenAI-compatible", "Azure", "Anthropic")


def make_family(name: str, ollama: ScriptedOllama) -> Family:
    """The family called ``name``; Ollama's uses the app's scripted Ollama."""
    makers = {
        "Ollama": lambda: ollama_family(ollama),
        "OpenAI-compatible": openai_family,
        "Azure": azure_family,
        "Anthropic": anthropic_family,
    }
    return makers[name]().start()


def all_families(ollama: ScriptedOllama) -> Iterator[Family]:
    for name in FAMILY_NAMES:
        yield make_family(name, ollama)
