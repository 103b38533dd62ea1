"""Real MCP servers (the SDK's own server API) over stdio and Streamable HTTP: listing
tools, calling them, pictures, errors, structured content, timeouts and Stop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.tools import tool_call
from desktop.tools.manager import McpServerManager, ServerState
from desktop.tools.server_config import ServerConfig
from desktop.tools.tool_source import McpToolSource
from tests.servers.mcp_fixtures import McpHttpServer, http_config, read_events, stdio_config
from tests.servers.mcp_test_server import PICTURE_PNG, WEATHER_DESCRIPTION
from tests.ui.conftest import wait_until

pytestmark = pytest.mark.timeout(120)


async def _weather_both_ways(manager: McpServerManager, config: ServerConfig) -> None:
    await manager.save_server(config)
    source = McpToolSource(manager)
    tools = {tool.name: tool for tool in await source.available_tools()}
    weather = tools["get_current_weather"]
    assert weather.server == config.name
    assert weather.identity == config.identity
    assert weather.definition.description == WEATHER_DESCRIPTION
    assert weather.definition.parameters["required"] == ["location"]
    assert weather.read_only
    assert not tools["slow"].read_only
    call = tool_call("get_current_weather", '{"location": "上海"}', call_id="call_1")
    result = await source.call(weather, call, call.arguments)
    assert not result.is_error
    assert result.call_id == "call_1"
    assert result.name == "get_current_weather"
    assert json.loads(result.text) == {
        "location": "上海",
        "temperature": 22,
        "unit": "celsius",
        "forecast": "sunny",
    }
    assert manager.status(config.name).state is ServerState.RUNNING


async def test_weather_over_stdio(
    mcp_manager: McpServerManager, mcp_stdio_config: ServerConfig
) -> None:
    await _weather_both_ways(mcp_manager, mcp_stdio_config)
    assert any("parley test server starting" in line for line in mcp_manager.logs.lines("test"))


async def test_weather_over_http(
    mcp_manager: McpServerManager, mcp_http_server: McpHttpServer
) -> None:
    await _weather_both_ways(mcp_manager, http_config(mcp_http_server))


async def test_picture_error_and_structured_results(
    mcp_manager: McpServerManager, mcp_stdio_config: ServerConfig
) -> None:
    await mcp_manager.save_server(mcp_stdio_config)
    picture = await mcp_manager.call("test", "picture", {})
    assert picture.images == (PICTURE_PNG,)
    assert picture.text == "a blue square"
    failed = await mcp_manager.call("test", "fail", {"message": "the sky fell"})
    assert failed.is_error
    assert "the sky fell" in failed.text
    measured = await mcp_manager.call("test", "measure", {"text": "one two three"})
    assert not measured.is_error
    assert json.loads(measured.text) == {"characters": 13, "words": 3}


async def test_a_tool_that_runs_too_long_is_cancelled_with_a_clear_message(
    mcp_manager: McpServerManager, tmp_path: Path
) -> None:
    events = tmp_path / "events.txt"
    await mcp_manager.save_server(stdio_config(events=events))
    mcp_manager.set_tool_timeout(1)
    result = await mcp_manager.call("test", "slow", {"seconds": 30}, call_id="c", shown_name="slow")
    assert result.is_error
    assert result.text == (
        "slow on the MCP server test did not finish within 1 s and was cancelled."
    )
    await wait_until(lambda: "slow cancelled" in read_events(events))
    assert (await mcp_manager.call("test", "measure", {"text": "still here"})).text


async def test_stop_cancels_the_call_on_a_stdio_server(
    mcp_manager: McpServerManager, tmp_path: Path
) -> None:
    events = tmp_path / "events.txt"
    await mcp_manager.save_server(stdio_config(events=events))
    call = asyncio.ensure_future(mcp_manager.call("test", "slow", {"seconds": 30}))
    await wait_until(lambda: "slow started" in read_events(events))
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    await wait_until(lambda: "slow cancelled" in read_events(events))
    assert "slow finished" not in read_events(events)


async def test_stop_cancels_the_call_on_an_http_server(
    mcp_manager: McpServerManager, mcp_http_server: McpHttpServer
) -> None:
    await mcp_manager.save_server(http_config(mcp_http_server))
    call = asyncio.ensure_future(mcp_manager.call("remote", "slow", {"seconds": 30}))
    await wait_until(lambda: "slow started" in mcp_http_server.events)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    await wait_until(lambda: "slow cancelled" in mcp_http_server.events)


async def test_a_server_that_stops_answering_after_a_cancel_is_ended(
    mcp_manager: McpServerManager, tmp_path: Path
) -> None:
    events = tmp_path / "events.txt"
    await mcp_manager.save_server(stdio_config(events=events))
    pid = json.loads((await mcp_manager.call("test", "server_pid", {})).text)["pid"]
    call = asyncio.ensure_future(mcp_manager.call("test", "stuck", {"seconds": 60}))
    await wait_until(lambda: "stuck started" in read_events(events))
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    await wait_until(lambda: not _alive(pid), timeout=20)
    await wait_until(lambda: mcp_manager.status("test").state is ServerState.STOPPED)
    assert "stopped answering" in str(mcp_manager.status("test").message)
    again = await mcp_manager.call("test", "measure", {"text": "back"})
    assert not again.is_error  # started again when next needed


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_quitting_ends_every_server_and_its_children(
    mcp_manager_factory: Callable[..., McpServerManager], tmp_path: Path
) -> None:
    manager = mcp_manager_factory()
    await manager.save_server(stdio_config())
    pid = json.loads((await manager.call("test", "server_pid", {})).text)["pid"]
    child = json.loads((await manager.call("test", "spawn_child", {})).text)["pid"]
    assert _alive(pid) and _alive(child)
    await manager.aclose()
    await wait_until(lambda: not _alive(pid) and not _alive(child), timeout=15)


async def test_the_definition_a_server_gives_is_read_at_each_start(
    mcp_manager: McpServerManager, mcp_http_factory: Callable[..., McpHttpServer]
) -> None:
    first = mcp_http_factory()
    await mcp_manager.save_server(http_config(first))
    source = McpToolSource(mcp_manager)
    before = {t.name: t for t in await source.available_tools()}["get_current_weather"]
    first.stop()
    second = mcp_http_factory(variant="2")
    await mcp_manager.save_server(http_config(second), replacing="remote")
    after = {t.name: t for t in await source.available_tools()}["get_current_weather"]
    assert before.fingerprint != after.fingerprint
    assert after.definition.parameters["required"] == ["location", "unit"]


async def test_tool_names_are_unique_across_servers(
    mcp_manager: McpServerManager, mcp_http_server: McpHttpServer
) -> None:
    await mcp_manager.save_server(stdio_config("local"))
    await mcp_manager.save_server(http_config(mcp_http_server, "remote"))
    tools = await McpToolSource(mcp_manager).available_tools()
    names = [tool.name for tool in tools]
    assert len(names) == len(set(names))
    assert "local__get_current_weather" in names
    assert "remote__get_current_weather" in names
    remote = next(t for t in tools if t.name == "remote__get_current_weather")
    assert remote.remote_name == "get_current_weather"
    call = tool_call(remote.name, {"location": "Paris"}, call_id="x")
    result = await McpToolSource(mcp_manager).call(remote, call, call.arguments)
    assert result.name == "remote__get_current_weather"
    assert json.loads(result.text)["location"] == "Paris"


async def test_a_server_that_dies_by_itself_is_shown_failed_and_restarts(
    mcp_manager: McpServerManager, mcp_stdio_config: ServerConfig
) -> None:
    await mcp_manager.save_server(mcp_stdio_config)
    pid = json.loads((await mcp_manager.call("test", "server_pid", {})).text)["pid"]
    os.kill(pid, signal.SIGKILL)
    await wait_until(lambda: mcp_manager.status("test").state is ServerState.FAILED)
    assert str(mcp_manager.status("test").message).startswith("The server stopped by itself.")
    refused = await mcp_manager.call("test", "measure", {"text": "x"})
    assert refused.is_error and "is not running" in refused.text
    status = await mcp_manager.restart("test")
    assert status.state is ServerState.RUNNING


async def test_tools_a_running_server_adds_are_offered_at_the_next_ask(
    mcp_manager: McpServerManager, mcp_stdio_config: ServerConfig
) -> None:
    await mcp_manager.save_server(mcp_stdio_config)
    source = McpToolSource(mcp_manager)
    assert "echo_back" not in [tool.name for tool in await source.available_tools()]
    await mcp_manager.call("test", "grow", {"name": "echo_back"})
    tools = {tool.name: tool for tool in await source.available_tools()}
    assert tools["echo_back"].definition.description == "A tool added while running"
    assert any(tool.name == "echo_back" for tool in mcp_manager.status("test").tools)


def test_a_log_reader_gets_only_the_lines_it_has_not_seen() -> None:
    from desktop.tools.connection import LOG_LINES, ServerLog

    server_log = ServerLog()
    for number in range(LOG_LINES + 100):
        server_log.add(f"line {number}")
    kept, added = server_log.since(0)
    assert added == LOG_LINES + 100 and len(kept) == LOG_LINES and kept[0] == "line 100"
    assert server_log.since(added - 2) == ([f"line {added - 2}", f"line {added - 1}"], added)
    assert server_log.since(added) == ([], added)
