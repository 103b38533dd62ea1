"""A real MCP server for the tests, written with the SDK's own server API (``MCPServer``).

Run it over stdio as a subprocess (``python tests/servers/mcp_test_server.py``; the file
imports nothing from the test suite, so it runs with only the environment a client gives
it), or build it in-process with :func:`build_server` and serve it over Streamable HTTP
(tests/servers/mcp_fixtures.py does both).

Its tools:

- ``get_current_weather(location, unit="celsius")``: the documents' weather tool; a JSON
  text such as ``{"location": "上海", "temperature": 22, "unit": "celsius", "forecast":
  "sunny"}``. Annotated read-only.
- ``slow(seconds)``: sleeps, then says ``"slept {seconds} s"``. It writes ``started``,
  then ``finished`` or ``cancelled`` to the events (for Stop and timeouts).
- ``stuck(seconds)``: blocks the server's whole event loop (``time.sleep``): a server that
  cannot even answer a ping, so a client has to end its process.
- ``picture()``: a small PNG image (``PICTURE_PNG``) and a caption.
- ``fail(message)``: raises; the client gets an ``isError`` result saying ``message``.
- ``measure(text)``: structured content ``{"characters": n, "words": m}``.
- ``server_pid()``: ``{"pid": ...}`` of the server process.
- ``spawn_child()``: starts a ``sleep 300`` child and returns its pid (process trees).
- ``read_env(name)``: the value of an environment variable of the server, or "" (what a
  stdio server was given).
- ``grow(name)``: adds a tool ``name`` (it echoes its ``text``) while the server runs.
- ``say(text)``: writes ``text`` to the server's stderr (its log) and returns "said".

The weather tool's definition changes with the variant: ``PARLEY_MCP_VARIANT=2`` in the
environment (stdio) or ``build_server(variant="2")`` (HTTP) gives it another description
(``VARIANT_2_DESCRIPTION``) and a required ``unit``: a server whose tool changed between
two starts.

Events go to the file named by ``PARLEY_MCP_EVENTS`` (one word a line) when it is set,
and to :data:`EVENTS` in-process.
"""

from __future__ import annotations

import asyncio
import json
import os
import struct
import subprocess
import sys
import time
import zlib
from typing import Any

from mcp.server.mcpserver import Image, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

WEATHER_DESCRIPTION = "Get the current weather in a given location"
VARIANT_2_DESCRIPTION = (
    "Get the current weather in a given location, and send the unit the person uses"
)
EVENTS: list[str] = []
"""What the in-process server's tools did ("slow started", "slow cancelled", ...)."""


def _png(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (46, 98, 222)) -> bytes:
    """A tiny solid PNG, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


PICTURE_PNG = _png()


def _note(event: str) -> None:
    EVENTS.append(event)
    path = os.environ.get("PARLEY_MCP_EVENTS")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(event + "\n")


def build_server(variant: str = "") -> MCPServer:
    server = MCPServer("parley-test", log_level="WARNING")
    variant = variant or os.environ.get("PARLEY_MCP_VARIANT", "")

    if variant == "2":

        @server.tool(
            description=VARIANT_2_DESCRIPTION,
            annotations=ToolAnnotations(read_only_hint=True),
            structured_output=False,
        )
        def get_current_weather(location: str, unit: str) -> str:
            return _weather(location, unit)

    else:

        @server.tool(
            description=WEATHER_DESCRIPTION,
            annotations=ToolAnnotations(read_only_hint=True),
            structured_output=False,
        )
        def get_current_weather(location: str, unit: str = "celsius") -> str:
            return _weather(location, unit)

    @server.tool(
        description="Wait for the given number of seconds, then say so", structured_output=False
    )
    async def slow(seconds: float) -> str:
        _note("slow started")
        try:
            await asyncio.sleep(seconds)
        except BaseException:
            _note("slow cancelled")
            raise
        _note("slow finished")
        return f"slept {seconds:g} s"

    @server.tool(
        description="Block the whole server for the given number of seconds",
        structured_output=False,
    )
    async def stuck(seconds: float) -> str:
        _note("stuck started")
        time.sleep(seconds)
        return f"was stuck {seconds:g} s"

    @server.tool(description="A small picture", structured_output=False)
    def picture() -> list[Any]:
        return [Image(data=PICTURE_PNG, format="png"), "a blue square"]

    @server.tool(description="Always fails with the given message", structured_output=False)
    def fail(message: str) -> str:
        raise ToolError(message)

    @server.tool(description="Count the characters and words of a text", structured_output=True)
    def measure(text: str) -> dict[str, int]:
        return {"characters": len(text), "words": len(text.split())}

    @server.tool(description="The server's process id", structured_output=False)
    def server_pid() -> str:
        return json.dumps({"pid": os.getpid()})

    @server.tool(
        description="Start a long-running child process and return its pid", structured_output=False
    )
    def spawn_child() -> str:
        child = subprocess.Popen(["sleep", "300"])
        return json.dumps({"pid": child.pid})

    @server.tool(
        description="The value of an environment variable of the server", structured_output=False
    )
    def read_env(name: str) -> str:
        return os.environ.get(name, "")

    @server.tool(description="Add a tool named `name` to this server", structured_output=False)
    def grow(name: str) -> str:
        def added(text: str) -> str:
            return text

        server.add_tool(added, name=name, description="A tool added while running")
        return f"added {name}"

    @server.tool(description="Write a line to the server's error output", structured_output=False)
    def say(text: str) -> str:
        print(text, file=sys.stderr, flush=True)
        return "said"

    return server


def _weather(location: str, unit: str) -> str:
    temperature = 22 if unit == "celsius" else 72
    return json.dumps(
        {"location": location, "temperature": temperature, "unit": unit, "forecast": "sunny"},
        ensure_ascii=False,
    )


if __name__ == "__main__":
    print("parley test server starting", file=sys.stderr, flush=True)
    build_server().run("stdio")
