"""One running MCP server: its session on the SDK's ``Client``, its process, its stderr.

Everything here runs on the worker loop (:mod:`desktop.tools.worker_loop`). The session
is entered and left by one runner task, as anyio requires; calls are made from other
tasks. A stdio server's stderr is read through a pipe into its :class:`ServerLog`; the
pipe's end is how a server that died on its own is noticed.

Stopping a stdio server closes its stdin, waits, then ends its whole process group
(the SDK starts it in a session of its own): a server that spawned children leaves none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Mapping
from contextlib import AsyncExitStack
from typing import IO, Any

from desktop.tools.results import RemoteTool, remote_tool
from desktop.tools.server_config import (
    TOKEN_SLOT,
    ServerConfig,
    Transport,
    env_slot,
    header_slot,
)
from desktop.tools.worker_loop import import_sdk

log = logging.getLogger(__name__)

LOG_LINES = 500
"""Lines of a server's stderr kept for the Tools page."""
CONNECT_TIMEOUT = 60.0
"""Seconds a server has to start and answer the handshake (npx may download first)."""
HTTP_TIMEOUT = 30.0


class ServerLog:
    """The last lines a server wrote to stderr (and Parley's notes about it)."""

    def __init__(self, changed: Callable[[], None] = lambda: None) -> None:
        self._lines: deque[str] = deque(maxlen=LOG_LINES)
        self._added = 0
        self._lock = threading.Lock()
        self._changed = changed

    def add(self, line: str) -> None:
        with self._lock:
            self._lines.append(line)
            self._added += 1
        self._changed()

    def since(self, seen: int) -> tuple[list[str], int]:
        """The lines added after the first ``seen`` (those still kept), and how many were
        ever added: a reader shows only what is new."""
        with self._lock:
            new = min(max(0, self._added - seen), len(self._lines))
            return list(self._lines)[len(self._lines) - new :], self._added

    def lines(self) -> list[str]:
        with self._lock:
            return list(self._lines)

    def last(self, count: int = 3) -> list[str]:
        with self._lock:
            return [line for line in list(self._lines)[-count:] if line.strip()]


MASK = "•••"
MIN_MASKED = 4
"""Shorter secret values are not masked (they would turn common words into dots)."""


class _StderrReader(asyncio.Protocol):
    """Lines of a server's stderr into its log, with its secret values masked: a server
    that prints its environment or a token while debugging shows dots instead."""

    def __init__(self, server_log: ServerLog, ended: asyncio.Event, secrets: list[str]) -> None:
        self._log = server_log
        self._ended = ended
        self._partial = b""
        self._secrets = sorted((s for s in secrets if len(s) >= MIN_MASKED), key=len, reverse=True)

    def _add(self, raw: bytes) -> None:
        line = raw.decode("utf-8", "replace").rstrip("\r")
        for secret in self._secrets:
            line = line.replace(secret, MASK)
        self._log.add(line)

    def data_received(self, data: bytes) -> None:
        *lines, self._partial = (self._partial + data).split(b"\n")
        for line in lines:
            self._add(line)
        if len(self._partial) > 8192:
            self._add(self._partial)
            self._partial = b""

    def connection_lost(self, exc: Exception | None) -> None:
        if self._partial:
            self._add(self._partial)
            self._partial = b""
        self._ended.set()


class ServerConnection:
    """A started server (or one starting); made and used on the worker loop only."""

    def __init__(
        self,
        config: ServerConfig,
        secrets: Mapping[str, str],
        server_log: ServerLog,
        *,
        command: str = "",
        env: Mapping[str, str] | None = None,
        on_exit: Callable[[], None] = lambda: None,
    ) -> None:
        self.config = config
        self._secrets = dict(secrets)
        self.log = server_log
        self._command = command or config.command
        self._env = dict(env or {})
        self._on_exit = on_exit
        self._client: Any = None
        self._closing = asyncio.Event()
        self._stderr_ended = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None
        self._stderr_task: asyncio.Task[None] | None = None
        self.stopping = False
        self.pid = 0
        """The stdio server's process id (its process group's too), once started."""

    # -- starting and stopping -----------------------------------------------------
    async def start(self) -> list[RemoteTool]:
        """Start the server, shake hands, list its tools; raises what went wrong."""
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._runner = asyncio.create_task(self._run(ready), name=f"mcp:{self.config.name}")
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT):
                await asyncio.shield(ready)
        except BaseException:
            await self.stop()
            raise
        return await self.list_tools()

    async def list_tools(self) -> list[RemoteTool]:
        tools: list[RemoteTool] = []
        cursor: str | None = None
        for _ in range(100):  # a server whose pages never end cannot hang the list
            result = await self._client.list_tools(cursor=cursor, cache_mode="refresh")
            tools += [remote_tool(tool) for tool in result.tools]
            cursor = result.next_cursor
            if not cursor:
                break
        return tools

    async def stop(self) -> None:
        """Leave the session and end the server (its whole process tree for stdio)."""
        self.stopping = True
        self._closing.set()
        runner = self._runner
        if runner is not None and not runner.done():
            with contextlib.suppress(BaseException):
                await asyncio.shield(runner)

    async def _run(self, ready: asyncio.Future[None]) -> None:
        import_sdk()
        from mcp import Client
        from mcp.types import Implementation

        errlog: IO[str] | None = None
        try:
            async with AsyncExitStack() as stack:
                if self.config.transport is Transport.HTTP:
                    transport = await self._http_transport(stack)
                else:
                    transport, errlog = self._stdio_transport()
                client = Client(transport, client_info=Implementation(name="Parley", version="0.1"))
                try:
                    await stack.enter_async_context(client)
                finally:
                    if errlog is not None:  # the server holds its own copy
                        errlog.close()
                        errlog = None
                self._client = client
                ready.set_result(None)
                await self._closing.wait()
        except BaseException as error:
            if not ready.done():
                if isinstance(error, Exception):
                    await self._stderr_quiet()
                    ready.set_exception(error)
                else:
                    ready.cancel()
            elif not self.stopping and isinstance(error, Exception):
                log.warning("MCP server %s ended: %r", self.config.name, error)
            if not isinstance(error, Exception):
                raise
        finally:
            if errlog is not None:
                errlog.close()
            self._client = None
            if not self.stopping:
                self._on_exit()

    def _stdio_transport(self) -> tuple[Any, IO[str]]:
        from desktop.tools.stdio_transport import stdio_transport

        env = dict(self._env)
        env.update({name: self._secrets.get(env_slot(name), "") for name in self.config.secret_env})
        read_end, write_end = os.pipe()
        errlog = os.fdopen(write_end, "w")
        reader = os.fdopen(read_end, "rb", 0)
        loop = asyncio.get_running_loop()
        self._stderr_task = loop.create_task(self._watch_stderr(loop, reader))
        transport = stdio_transport(
            self._command, self.config.args, env, self.config.cwd or None, errlog, self._spawned
        )
        return transport, errlog

    def _spawned(self, pid: int) -> None:
        self.pid = pid

    async def _watch_stderr(self, loop: asyncio.AbstractEventLoop, reader: IO[bytes]) -> None:
        secrets = list(self._secrets.values())
        await loop.connect_read_pipe(
            lambda: _StderrReader(self.log, self._stderr_ended, secrets), reader
        )
        await self._stderr_ended.wait()
        if not self.stopping and self._client is not None:
            self.log.add("[the server's process ended]")
            self._closing.set()  # the session is over: leave it, and say so

    async def _stderr_quiet(self) -> None:
        """Let a server that failed to start finish saying why (briefly)."""
        if self.config.transport is Transport.STDIO:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    await self._stderr_ended.wait()

    async def _http_transport(self, stack: AsyncExitStack) -> Any:
        import httpx2
        from mcp.client.streamable_http import streamable_http_client

        headers = dict(self.config.headers)
        for name in self.config.secret_headers:
            headers[name] = self._secrets.get(header_slot(name), "")
        token = self._secrets.get(TOKEN_SLOT, "") if self.config.has_token else ""
        if token:
            headers["Authorization"] = f"Bearer {token}"
        http = httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(HTTP_TIMEOUT, read=300.0))
        await stack.enter_async_context(http)
        return streamable_http_client(self.config.url, http_client=http)

    # -- using it ------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return self._client is not None and not self._closing.is_set()

    async def call(self, name: str, arguments: Mapping[str, object]) -> Any:
        """The server's ``CallToolResult``; cancelling this cancels the call on the server."""
        if self._client is None:
            raise ConnectionError("the server is not running")
        return await self._client.call_tool(name, dict(arguments))

    async def responds(self, within: float) -> bool:
        """Whether the server answers a ping within ``within`` seconds."""
        if self._client is None:
            return False
        try:
            async with asyncio.timeout(within):
                await self._client.send_ping()
        except Exception:
            return False
        return True
