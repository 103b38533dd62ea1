"""The stdio transport: a server as a child process speaking newline-delimited JSON-RPC.

Modelled on the SDK's ``mcp.client.stdio.stdio_client``, with two differences Parley
needs: the environment is exactly the one given (the SDK merges USER, SHELL, TERM... of
its own), and the whole process group is ended when the session ends, even when the
server itself exited politely: a server that started helpers (``npx`` starts ``node``,
which may start more) leaves none behind. The server starts in a session of its own
(POSIX) or a Job Object (Windows, through the SDK's helper).

Shutdown follows the MCP lifecycle: close stdin, give the server :data:`GRACE` seconds,
then SIGTERM to its group, and SIGKILL after :data:`GRACE` more.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import IO, Any

import anyio
import anyio.abc
from anyio.streams.text import TextReceiveStream

GRACE = 2.0
_POLL = 0.02


@asynccontextmanager
async def stdio_transport(
    command: str,
    args: Sequence[str],
    env: Mapping[str, str],
    cwd: str | None,
    errlog: IO[str],
    on_spawn: Callable[[int], None] = lambda pid: None,
) -> AsyncIterator[tuple[Any, Any]]:
    """The (read, write) streams of a session with the server ``command args``."""
    import mcp_types as types
    from mcp.shared.message import SessionMessage

    process = await _spawn(command, list(args), dict(env), cwd, errlog)
    on_spawn(process.pid)
    read_writer, read_stream = anyio.create_memory_object_stream[Any](0)
    write_stream, write_reader = anyio.create_memory_object_stream[Any](0)

    async def stdout_reader() -> None:
        assert process.stdout is not None
        buffer = ""
        with contextlib.suppress(
            anyio.ClosedResourceError, anyio.BrokenResourceError, anyio.EndOfStream, OSError
        ):
            async with read_writer:
                async for chunk in TextReceiveStream(process.stdout, errors="replace"):
                    *lines, buffer = (buffer + chunk).split("\n")
                    for line in lines:
                        if not line.strip():
                            continue
                        item: Any
                        try:
                            message = types.jsonrpc_message_adapter.validate_json(
                                line, by_name=False
                            )
                            item = SessionMessage(message)
                        except ValueError as error:
                            item = error  # the session reports a line that is not JSON-RPC
                        await read_writer.send(item)

    async def stdin_writer() -> None:
        assert process.stdin is not None
        try:
            async with write_reader:
                async for session_message in write_reader:
                    data = session_message.message.model_dump_json(
                        by_alias=True, exclude_unset=True
                    )
                    await process.stdin.send((data + "\n").encode("utf-8"))
        except (anyio.ClosedResourceError, anyio.BrokenResourceError, OSError):
            await read_writer.aclose()  # the session sees the end instead of waiting forever

    async with anyio.create_task_group() as group:
        group.start_soon(stdout_reader)
        group.start_soon(stdin_writer)
        try:
            yield read_stream, write_stream
        finally:
            with anyio.CancelScope(shield=True):
                write_stream.close()
                await end_process_tree(process)
                for stream in (read_stream, write_stream, read_writer, write_reader):
                    await stream.aclose()
            group.cancel_scope.cancel()


async def _spawn(
    command: str, args: list[str], env: dict[str, str], cwd: str | None, errlog: IO[str]
) -> Any:
    if sys.platform == "win32":  # pragma: no cover - a Job Object holds the tree
        from mcp.os.win32.utilities import create_windows_process

        return await create_windows_process(command, args, env, errlog, cwd)
    return await anyio.open_process(
        [command, *args], env=env, stderr=errlog, cwd=cwd, start_new_session=True
    )


async def end_process_tree(process: Any) -> None:
    """Close the server's stdin, wait, then end its whole group (always)."""
    with contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
        await process.stdin.aclose()
    await _exited(process, GRACE)
    if sys.platform == "win32":  # pragma: no cover
        from mcp.os.win32.utilities import close_process_job, terminate_windows_process_tree

        if process.returncode is None:
            await terminate_windows_process_tree(process)
        close_process_job(process)
    else:
        pgid = process.pid  # a session leader: its group has its pid
        if _signal_group(pgid, signal.SIGTERM):
            await _group_gone(pgid, GRACE)
            _signal_group(pgid, signal.SIGKILL)
        await _exited(process, GRACE)
    with contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
        await process.stdout.aclose()
    transport = getattr(getattr(process, "_process", None), "_transport", None)
    close = getattr(transport, "close", None)
    if callable(close):
        with contextlib.suppress(PermissionError):
            close()


def _signal_group(pgid: int, signum: int) -> bool:
    """Send ``signum`` to the group; False when no process of it is left."""
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        return False
    return True


async def _group_gone(pgid: int, within: float) -> None:
    with anyio.move_on_after(within):
        while _signal_group(pgid, 0):  # noqa: ASYNC110 - no event tells of a group's end
            await anyio.sleep(_POLL)


async def _exited(process: Any, within: float) -> bool:
    """Polled, not ``process.wait()``: that also waits for the pipes' end, which a child
    that inherited them holds open (the SDK polls for the same reason)."""
    with anyio.move_on_after(within):
        while process.returncode is None:  # noqa: ASYNC110
            await anyio.sleep(_POLL)
    return process.returncode is not None
