"""Pytest fixtures for the MCP test server (tests/servers/mcp_test_server.py documents its
tools), over stdio and Streamable HTTP, and a server manager on a private config folder.

- ``mcp_stdio_config``: a :class:`ServerConfig` that starts the server as a subprocess of
  this Python (``events`` file in the test's folder: ``read_events(path)``).
- ``mcp_http_server``: the server on uvicorn at 127.0.0.1 on a free port (``.url``,
  ``.events``, ``.headers``: each request's headers); ``mcp_http_factory(variant="2")``
  starts more, each stopped afterwards.
- ``mcp_manager``: a :class:`McpServerManager` with keys in memory only, closed afterwards
  (every server it started is stopped); ``mcp_manager_factory(open_secrets=...)`` for
  other keyrings.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from desktop.storage.secrets import SecretStore
from desktop.tools.manager import McpServerManager
from desktop.tools.server_config import ServerConfig, Transport
from desktop.tools.server_store import ServerStore, default_servers_path

SERVER_SCRIPT = Path(__file__).with_name("mcp_test_server.py")


def stdio_config(name: str = "test", events: Path | None = None, **env: str) -> ServerConfig:
    """The test server as a stdio server, run by this Python."""
    if events is not None:
        env["PARLEY_MCP_EVENTS"] = str(events)
    return ServerConfig(
        name, Transport.STDIO, command=sys.executable, args=(str(SERVER_SCRIPT),), env=env
    )


def read_events(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


@dataclass
class McpHttpServer:
    variant: str = ""
    port: int = 0
    events: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    """The headers of every request the server received."""
    _server: object = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"

    def start(self) -> McpHttpServer:
        import uvicorn

        from tests.servers import mcp_test_server

        mcp_test_server.EVENTS.clear()
        self.events = mcp_test_server.EVENTS
        inner = mcp_test_server.build_server(self.variant).streamable_http_app()
        seen = self.headers

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                seen.append({k.decode(): v.decode() for k, v in scope["headers"]})
            await inner(scope, receive, send)

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=server.run, name="mcp-http", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the MCP HTTP test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        server = self._server
        if server is not None:
            server.should_exit = True  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(10)


def http_config(server: McpHttpServer, name: str = "remote") -> ServerConfig:
    return ServerConfig(name, Transport.HTTP, url=server.url)


@pytest.fixture
def mcp_stdio_config(tmp_path: Path) -> ServerConfig:
    return stdio_config(events=tmp_path / "mcp-events.txt")


@pytest.fixture
def mcp_http_factory() -> Iterator[Callable[..., McpHttpServer]]:
    servers: list[McpHttpServer] = []

    def start(variant: str = "") -> McpHttpServer:
        server = McpHttpServer(variant).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def mcp_http_server(mcp_http_factory: Callable[..., McpHttpServer]) -> McpHttpServer:
    return mcp_http_factory()


@pytest.fixture
async def mcp_manager_factory() -> AsyncIterator[Callable[..., McpServerManager]]:
    managers: list[McpServerManager] = []
    store = SecretStore(None)

    async def in_memory() -> SecretStore:
        return store

    def make(**kwargs: object) -> McpServerManager:
        kwargs.setdefault("open_secrets", in_memory)
        manager = McpServerManager(ServerStore(default_servers_path()), **kwargs)  # type: ignore[arg-type]
        managers.append(manager)
        return manager

    yield make
    await asyncio.gather(*(manager.aclose() for manager in managers))


@pytest.fixture
async def mcp_manager(mcp_manager_factory: Callable[..., McpServerManager]) -> McpServerManager:
    return mcp_manager_factory()
