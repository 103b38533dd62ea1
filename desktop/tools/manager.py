"""The MCP servers the person configured: their settings, states, logs, and calls.

:class:`McpServerManager` lives on the UI's loop and is driven from there (the Tools page,
:class:`~desktop.tools.tool_source.McpToolSource`); the sessions themselves run on a
:class:`~desktop.tools.worker_loop.WorkerLoop`. A server starts the first time it is
needed; one that failed stays failed (with its reason) until the person restarts it or
changes its settings. Listeners are told on the UI's loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.core.listeners import Listeners
from desktop.core.text import NOTHING, QT_TRANSLATE_NOOP, Text, text
from desktop.core.tools import ToolResult
from desktop.storage.secrets import SecretStore
from desktop.tools.connection import ServerConnection, ServerLog
from desktop.tools.launch import FolderMissing, Launch, MissingCommand, check_folder, prepare_launch
from desktop.tools.mcp_json import ImportResult
from desktop.tools.results import RemoteTool, tool_result
from desktop.tools.server_config import ServerConfig, Transport
from desktop.tools.server_logs import ServerLogs, with_last_words
from desktop.tools.server_store import (
    ServersFile,
    ServerStore,
    clamp_timeout,
    forget_secrets,
    read_secrets,
    write_secrets,
)
from desktop.tools.worker_loop import WorkerLoop

log = logging.getLogger(__name__)

CANCEL_GRACE = 3.0
"""Seconds a server has, after a call was cancelled, to show it still answers (a ping);
a stdio server that does not is ended, with its process tree."""


class ServerState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ServerStatus:
    state: ServerState = ServerState.STOPPED
    message: Text = NOTHING
    """Why it failed or stopped (empty when running or never started)."""
    tools: tuple[RemoteTool, ...] = ()


class ToolTimeout(Exception):
    pass


OpenSecrets = Callable[[], Awaitable[SecretStore]]


class McpServerManager:
    def __init__(
        self,
        store: ServerStore,
        open_secrets: OpenSecrets,
        *,
        environ: Mapping[str, str] | None = None,
        folders: Sequence[Path] | None = None,
    ) -> None:
        self._store = store
        document = store.load()
        self._servers: list[ServerConfig] = document.servers
        self.tool_timeout = document.tool_timeout
        self.load_problem = store.load_problem
        self._open_secrets = open_secrets
        self._environ = environ
        self._folders = folders
        self._worker = WorkerLoop()
        self._status: dict[str, ServerStatus] = {}
        self.logs = ServerLogs(self._call_home)
        """Each server's log, by name (the Tools page shows it)."""
        self._connections: dict[str, ServerConnection] = {}
        self._starting: dict[str, asyncio.Future[ServerStatus]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._watchdogs: set[asyncio.Task[None]] = set()  # on the worker loop
        self.on_servers: Listeners[[]] = Listeners()
        """The list of servers or one's settings changed."""
        self.on_status: Listeners[[str]] = Listeners()
        """A server's state changed (its name)."""

    # -- what is configured --------------------------------------------------------
    @property
    def servers(self) -> list[ServerConfig]:
        return list(self._servers)

    def config(self, name: str) -> ServerConfig | None:
        return next((server for server in self._servers if server.name == name), None)

    def status(self, name: str) -> ServerStatus:
        return self._status.get(name, ServerStatus())

    def unique_name(self, wanted: str) -> str:
        names = {server.name for server in self._servers}
        name, number = wanted.strip() or "server", 2
        candidate = name
        while candidate in names:
            candidate, number = f"{name} {number}", number + 1
        return candidate

    async def save_server(
        self, config: ServerConfig, secrets: Mapping[str, str] | None = None, *, replacing: str = ""
    ) -> ServerConfig:
        """Add ``config``, or put it in place of the server named ``replacing``; store the
        ``secrets`` given (by slot) in the keyring. The server restarts when next needed."""
        old = self.config(replacing or config.name)
        clash = self.config(config.name)
        if clash is not None and clash is not old:
            raise ValueError(f"a server named {config.name!r} exists")
        key_id = old.key_id if old is not None and old.key_id else ""
        config = dataclasses.replace(config, key_id=key_id) if key_id else config.with_key_id()
        dropped = [s for s in (old.secret_slots() if old else []) if s not in config.secret_slots()]
        if secrets or dropped:
            store = await self._open_secrets()
            values = dict(secrets or {})
            await asyncio.to_thread(lambda: write_secrets(config, values, store))
            if old is not None and dropped:
                await asyncio.to_thread(lambda: forget_secrets(old, store, dropped))
        if old is not None:
            await self.stop(old.name)
            self._servers[self._servers.index(old)] = config
            if old.name != config.name:  # its log tells listeners under its old name
                self._status.pop(old.name, None)
                self.logs.forget(old.name)
        else:
            self._servers.append(config)
        self._set(config.name, ServerStatus())
        self._save()
        return config

    async def import_servers(self, imported: ImportResult) -> tuple[int, int]:
        """Add the servers of a pasted ``mcpServers`` JSON; one with a name already in use
        replaces that server's settings. Returns (added, updated)."""
        added = updated = 0
        for item in imported.servers:
            exists = self.config(item.config.name) is not None
            await self.save_server(item.config, item.secrets, replacing=item.config.name)
            updated, added = (updated + 1, added) if exists else (updated, added + 1)
        return added, updated

    async def remove_server(self, name: str) -> None:
        config = self.config(name)
        if config is None:
            return
        await self.stop(name)
        self._servers.remove(config)
        self._status.pop(name, None)
        self.logs.forget(name)
        self._save()
        if config.secret_slots():
            store = await self._open_secrets()
            await asyncio.to_thread(lambda: forget_secrets(config, store))

    async def set_enabled(self, name: str, enabled: bool) -> None:
        config = self.config(name)
        if config is None or config.enabled == enabled:
            return
        if not enabled:
            await self.stop(name)
        self._servers[self._servers.index(config)] = dataclasses.replace(config, enabled=enabled)
        self._set(name, ServerStatus())
        self._save()

    def set_tool_timeout(self, seconds: float) -> None:
        self.tool_timeout = clamp_timeout(seconds)
        self._save()

    def _save(self) -> None:
        self._store.save(ServersFile(list(self._servers), self.tool_timeout))
        self.on_servers()

    # -- running -------------------------------------------------------------------
    async def ensure_started(self, name: str) -> ServerStatus:
        """The server running (started now if it was stopped), or why it is not."""
        self._loop = asyncio.get_running_loop()
        status = self.status(name)
        connection = self._connections.get(name)
        if status.state is ServerState.RUNNING and connection is not None:
            return status
        if status.state is ServerState.FAILED:
            return status
        start = self._starting.get(name)
        if start is None:
            start = asyncio.ensure_future(self._start(name))
            self._starting[name] = start
            start.add_done_callback(lambda _: self._starting.pop(name, None))
        return await asyncio.shield(start)

    async def current_tools(self, name: str) -> ServerStatus:
        """The server running, with its tools as it lists them now: a server may change
        them while it runs (and policies must see the definitions it gives today)."""
        status = self.status(name)
        connection = self._connections.get(name)
        if status.state is not ServerState.RUNNING or connection is None:
            return await self.ensure_started(name)
        try:
            tools = tuple(await self._worker.run(connection.list_tools()))
        except Exception as error:
            connection.log.add(f"[listing the tools failed: {describe(error)}]")
            return status
        if tools != status.tools and self._connections.get(name) is connection:
            return self._set(name, dataclasses.replace(status, tools=tools))
        return self.status(name)

    async def restart(self, name: str) -> ServerStatus:
        await self.stop(name)
        self._set(name, ServerStatus())
        return await self.ensure_started(name)

    async def stop(self, name: str) -> None:
        starting = self._starting.get(name)
        if starting is not None:
            await asyncio.wait([starting])
        connection = self._connections.pop(name, None)
        if connection is not None:
            self.logs.of(name).add("— stopping —")
            await self._worker.run(connection.stop())
            self._set(name, ServerStatus())

    async def aclose(self) -> None:
        """Stop every server (and its process tree), then the worker thread."""
        names = list(self._connections) + list(self._starting)
        await asyncio.gather(*(self.stop(name) for name in set(names)), return_exceptions=True)
        self._worker.stop()

    async def _start(self, name: str) -> ServerStatus:
        config = self.config(name)
        if config is None:
            return ServerStatus(
                ServerState.FAILED, Text(QT_TRANSLATE_NOOP("core", "No such server."))
            )
        if not config.enabled:
            return self._set(name, ServerStatus(message=Text(QT_TRANSLATE_NOOP("core", "Off."))))
        self._set(name, ServerStatus(ServerState.STARTING))
        server_log = self.logs.of(name)
        server_log.add(f"— starting {config.identity} —")
        try:
            connection = await self._connection(config, server_log)
            tools = await self._worker.run(connection.start())
        except (MissingCommand, FolderMissing) as problem:
            server_log.add(str(problem.text))
            return self._set(name, ServerStatus(ServerState.FAILED, problem.text))
        except Exception as error:
            reason = describe(error)
            server_log.add(f"[did not start: {reason}]")
            said = text(
                QT_TRANSLATE_NOOP("core", "The server did not start: {reason}"),
                reason=Text.plain(with_last_words(reason, server_log)),
            )
            return self._set(name, ServerStatus(ServerState.FAILED, said))
        if self.config(name) != config:  # changed or removed while it started
            await self._worker.run(connection.stop())
            return self.status(name)
        self._connections[name] = connection
        server_log.add(f"[running: {len(tools)} tool(s)]")
        return self._set(name, ServerStatus(ServerState.RUNNING, tools=tuple(tools)))

    async def _connection(self, config: ServerConfig, server_log: ServerLog) -> ServerConnection:
        secrets: dict[str, str] = {}
        if config.secret_slots():
            store = await self._open_secrets()
            # The values cross the thread inside the closure, never as a logged result.
            await asyncio.to_thread(lambda: secrets.update(read_secrets(config, store)))
        command, env = config.command, {}
        if config.transport is Transport.STDIO:
            launch = await self._worker.run(self._prepare(config))
            command, env = launch.command, launch.env
        connection: ServerConnection

        def exited() -> None:  # on the worker thread
            self._call_home(self._exited, config.name, connection)

        connection = ServerConnection(
            config, secrets, server_log, command=command, env=env, on_exit=exited
        )
        return connection

    async def _prepare(self, config: ServerConfig) -> Launch:
        """On the worker thread: looking for the command stats every folder on PATH (and
        more), 10-40 ms of the window's time on a busy machine."""
        check_folder(config.cwd)
        return prepare_launch(config.command, config.env, self._environ, self._folders)

    def _exited(self, name: str, connection: ServerConnection) -> None:
        if self._connections.get(name) is not connection:
            return
        del self._connections[name]
        said = text(
            QT_TRANSLATE_NOOP("core", "The server stopped by itself. {last}"),
            last=Text.plain(" ".join(connection.log.last(2))),
        )
        self._set(name, ServerStatus(ServerState.FAILED, said))

    def _ended(self, name: str, connection: ServerConnection, said: Text) -> None:
        if self._connections.get(name) is connection:
            del self._connections[name]
            self._set(name, ServerStatus(message=said))

    # -- calls ---------------------------------------------------------------------
    async def call(
        self,
        server: str,
        tool: str,
        arguments: Mapping[str, object],
        *,
        call_id: str = "",
        shown_name: str = "",
    ) -> ToolResult:
        """Run ``tool`` of ``server``: its result, or an error result saying what went
        wrong (not running, timed out, failed). Cancelling cancels it on the server."""
        shown = shown_name or tool
        status = await self.ensure_started(server)
        connection = self._connections.get(server)
        if status.state is not ServerState.RUNNING or connection is None:
            reason = str(status.message) or status.state.value
            said = f"The MCP server {server} is not running ({reason}), so {tool} was not run."
            return ToolResult(call_id, shown, said, is_error=True)
        timeout = self.tool_timeout
        try:
            result = await self._worker.run(
                self._guarded_call(server, connection, tool, arguments, timeout)
            )
        except ToolTimeout:
            said = (
                f"{tool} on the MCP server {server} did not finish within {timeout:g} s and was "
                "cancelled."
            )
            return ToolResult(call_id, shown, said, is_error=True)
        except Exception as error:
            said = f"The MCP server {server} could not run {tool}: {describe(error)}"
            return ToolResult(call_id, shown, said, is_error=True)
        return tool_result(call_id, shown, result)

    async def _guarded_call(
        self,
        name: str,
        connection: ServerConnection,
        tool: str,
        arguments: Mapping[str, object],
        limit: float,
    ) -> Any:
        """On the worker loop: the call with its timeout; after a cancellation, a check
        that the server still answers."""
        try:
            async with asyncio.timeout(limit):
                return await connection.call(tool, arguments)
        except TimeoutError:
            connection.log.add(f"[{tool} timed out after {limit:g} s: cancelled]")
            self._watch_after_cancel(name, connection)
            raise ToolTimeout from None
        except asyncio.CancelledError:
            connection.log.add(f"[{tool} cancelled]")
            self._watch_after_cancel(name, connection)
            raise

    def _watch_after_cancel(self, name: str, connection: ServerConnection) -> None:
        if connection.config.transport is not Transport.STDIO:
            return  # a remote server is told to cancel; there is no process of ours to end
        task = asyncio.get_running_loop().create_task(self._end_if_unresponsive(name, connection))
        self._watchdogs.add(task)
        task.add_done_callback(self._watchdogs.discard)

    async def _end_if_unresponsive(self, name: str, connection: ServerConnection) -> None:
        if await connection.responds(CANCEL_GRACE):
            return
        connection.log.add(
            f"[no answer within {CANCEL_GRACE:g} s after a cancelled call: ending the server]"
        )
        await connection.stop()
        said = Text(
            QT_TRANSLATE_NOOP(
                "core",
                "Ended after a cancelled call, because it stopped answering. It starts again "
                "when next needed.",
            )
        )
        self._call_home(self._ended, name, connection, said)

    # -- telling -------------------------------------------------------------------
    def _set(self, name: str, status: ServerStatus) -> ServerStatus:
        self._status[name] = status
        self.on_status(name)
        return status

    def _call_home(self, callback: Callable[..., object], *args: object) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            if self._worker.in_worker():
                loop.call_soon_threadsafe(callback, *args)
            else:
                loop.call_soon(callback, *args)
        except RuntimeError:
            pass  # the app's loop is gone: nobody is listening


def describe(error: BaseException) -> str:
    """What went wrong in a few words: the innermost error of a group, its own message."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    said = str(error).strip()
    if isinstance(error, FileNotFoundError) and error.filename:
        return f"{error.strerror}: {error.filename}"
    return said or type(error).__name__
