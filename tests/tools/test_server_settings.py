"""Server settings: the mcpServers JSON people paste, the file they are kept in, secrets in
the keyring only, what environment a stdio server gets, and commands that are missing."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from desktop.storage.log_file import start_log_file
from desktop.storage.paths import config_dir, data_dir
from desktop.storage.secrets import SecretStore
from desktop.storage.state_paths import state_dir
from desktop.tools.launch import MissingCommand, extra_folders, prepare_launch
from desktop.tools.manager import McpServerManager, ServerState
from desktop.tools.mcp_json import McpJsonProblem, parse_mcp_servers
from desktop.tools.server_config import ServerConfig, Transport
from desktop.tools.server_store import ServersFile, ServerStore
from tests.servers.mcp_fixtures import SERVER_SCRIPT, McpHttpServer, stdio_config
from tests.storage.secret_service import SecretServiceSession
from tests.ui.conftest import wait_until

CLAUDE_DESKTOP = {
    "mcpServers": {
        "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"],
        },
        "github": {
            "command": "docker",
            "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"],
            "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_secret", "GITHUB_HOST": "github.com"},
        },
        "remote": {
            "url": "https://mcp.example.com/mcp",
            "headers": {"Authorization": "Bearer abc", "X-Team": "blue"},
        },
    }
}


def test_the_common_mcp_servers_json_is_read_with_secrets_apart() -> None:
    result = parse_mcp_servers(json.dumps(CLAUDE_DESKTOP))
    assert result.problems == []
    by_name = {item.config.name: item for item in result.servers}
    files = by_name["filesystem"].config
    assert files.transport is Transport.STDIO
    assert files.command == "npx"
    assert files.identity == "npx -y @modelcontextprotocol/server-filesystem /home/me/notes"
    github = by_name["github"]
    assert github.config.env == {"GITHUB_HOST": "github.com"}
    assert github.config.secret_env == ("GITHUB_PERSONAL_ACCESS_TOKEN",)
    assert github.secrets == {"env:GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_secret"}
    remote = by_name["remote"]
    assert remote.config.transport is Transport.HTTP
    assert remote.config.identity == "https://mcp.example.com/mcp"
    assert remote.config.headers == {"X-Team": "blue"}
    assert remote.secrets == {"header:Authorization": "Bearer abc"}
    assert "ghp_secret" not in json.dumps(github.config.to_json())


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ('{"mcpServers": {"a": {"command": "x",}}}', "not valid JSON (line 1, column"),
        ("[1, 2]", 'must be an object with "mcpServers"'),
        ('{"servers": 3}', 'no "mcpServers" object'),
        ('{"command": "npx", "args": []}', "looks like one server"),
        ('{"mcpServers": {}}', "names no servers"),
    ],
)
def test_json_that_cannot_be_read_says_why(document: str, says: str) -> None:
    with pytest.raises(McpJsonProblem) as problem:
        parse_mcp_servers(document)
    assert says in str(problem.value.text)


def test_a_bad_entry_is_skipped_with_its_reason_and_the_others_kept() -> None:
    document = {
        "mcpServers": {
            "good": {"command": "uvx", "args": ["mcp-server-time"]},
            "nothing": {"env": {}},
            "args": {"command": "node", "args": "server.js"},
            "old": {"type": "sse", "url": "http://localhost:9000/sse"},
            "ftp": {"url": "ftp://example.com"},
        }
    }
    result = parse_mcp_servers(json.dumps(document))
    assert [item.config.name for item in result.servers] == ["good"]
    said = [str(problem) for problem in result.problems]
    assert said == [
        'nothing has neither a "command" nor a "url"; it was skipped.',
        'args: "args" must be a list of strings; skipped.',
        "old uses the old SSE transport, which Parley does not support; use its Streamable "
        "HTTP address instead. Skipped.",
        'ftp: "url" must be an http:// or https:// address; skipped.',
    ]


def test_servers_are_kept_in_a_file_and_a_damaged_file_is_set_aside(tmp_path: Path) -> None:
    store = ServerStore(tmp_path / "mcp_servers.json")
    config = ServerConfig(
        "time", command="uvx", args=("mcp-server-time",), env={"TZ": "UTC"}, cwd="/tmp"
    )
    store.save(ServersFile([config, ServerConfig("r", Transport.HTTP, url="http://x/mcp")], 30))
    loaded = store.load()
    assert loaded.servers[0] == config
    assert loaded.servers[1].url == "http://x/mcp"
    assert loaded.tool_timeout == 30
    store.path.write_text("{not json", encoding="utf-8")
    assert store.load().servers == []
    assert store.load_problem is not None
    assert "could not be read" in str(store.load_problem)
    assert list(tmp_path.glob("mcp_servers.json.bad-*"))


@pytest.mark.parametrize(
    ("command", "hint"),
    [
        ("npx", "install Node.js"),
        ("uvx", "pip install uv"),
        ("docker", "Install Docker"),
        ("python3", "Install Python 3"),
        ("my-server", "give its full path"),
    ],
)
def test_a_missing_command_is_named_with_how_to_install_it(
    command: str, hint: str, tmp_path: Path
) -> None:
    with pytest.raises(MissingCommand) as missing:
        prepare_launch(command, {}, environ={"PATH": str(tmp_path)}, folders=[])
    said = str(missing.value.text)
    assert said.startswith(f"The command {command} was not found on this computer.")
    assert hint in said


def test_a_command_outside_a_desktop_path_is_found_where_people_install_it(tmp_path: Path) -> None:
    tools = tmp_path / ".nvm" / "versions" / "node" / "v22.3.0" / "bin"
    tools.mkdir(parents=True)
    npx = tools / "npx"
    npx.write_text("#!/bin/sh\n", encoding="utf-8")
    npx.chmod(0o755)
    empty = tmp_path / "bin"
    empty.mkdir()
    own = [folder for folder in extra_folders(tmp_path) if tmp_path in folder.parents]
    launch = prepare_launch("npx", {}, {"PATH": str(empty)}, own)
    assert launch.command == str(npx)
    assert launch.env["PATH"] == f"{tools}{os.pathsep}{empty}"  # node is found beside it


async def test_the_tools_page_hears_of_a_missing_npx_with_its_remedy(
    mcp_manager_factory: Callable[..., McpServerManager], tmp_path: Path
) -> None:
    manager = mcp_manager_factory(
        environ={"PATH": str(tmp_path), "HOME": str(tmp_path)}, folders=[]
    )
    document = {"mcpServers": {"files": {"command": "npx", "args": ["-y", "server-filesystem"]}}}
    await manager.import_servers(parse_mcp_servers(json.dumps(document)))
    status = await manager.ensure_started("files")
    assert status.state is ServerState.FAILED
    assert "The command npx was not found on this computer." in str(status.message)
    assert "Node.js" in str(status.message)
    assert any("npx was not found" in line for line in manager.logs.lines("files"))


async def test_a_stdio_server_gets_only_its_own_environment_and_the_basics(
    mcp_manager_factory: Callable[..., McpServerManager], tmp_path: Path
) -> None:
    environ = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "zh_CN.UTF-8",
        "LC_TIME": "C",
        "PARLEY_PRIVATE": "not for servers",
        "OPENAI_API_KEY": "sk-parley-own",
    }
    manager = mcp_manager_factory(environ=environ)
    await manager.save_server(stdio_config(GREETING="hello"))

    async def env(name: str) -> str:
        return (await manager.call("test", "read_env", {"name": name})).text

    assert await env("GREETING") == "hello"
    assert await env("HOME") == str(tmp_path)
    assert await env("LANG") == "zh_CN.UTF-8"
    assert await env("LC_TIME") == "C"
    assert await env("PARLEY_PRIVATE") == ""
    assert await env("OPENAI_API_KEY") == ""
    assert await env("SHELL") == ""


async def test_a_secret_env_value_reaches_the_server_and_no_file_or_log(
    mcp_manager_factory: Callable[..., McpServerManager], secret_service: SecretServiceSession
) -> None:
    secret = "mcp-secret-7d1f9a3c"
    log_path = start_log_file(level=logging.DEBUG)  # the app's own log, at its most talkative
    manager = mcp_manager_factory(open_secrets=_opened_keyring())
    document = {
        "mcpServers": {
            "test": {
                "command": sys.executable,
                "args": [str(SERVER_SCRIPT)],
                "env": {"SERVICE_API_KEY": secret, "REGION": "eu"},
            }
        }
    }
    await manager.import_servers(parse_mcp_servers(json.dumps(document)))
    result = await manager.call("test", "read_env", {"name": "SERVICE_API_KEY"})
    assert result.text == secret
    await manager.call("test", "say", {"text": f"debug: key={secret} region=eu"})
    await wait_until(lambda: "debug: key=••• region=eu" in manager.logs.lines("test"))
    assert manager.config("test").secret_env == ("SERVICE_API_KEY",)  # type: ignore[union-attr]
    assert not any(secret in line for line in manager.logs.lines("test"))
    await manager.aclose()
    written = [
        path
        for folder in (config_dir(), data_dir(), state_dir())
        for path in folder.rglob("*")
        if path.is_file()
    ]
    assert log_path in written and (config_dir() / "mcp_servers.json") in written
    assert log_path is not None and log_path.stat().st_size > 0, "the session was logged"
    for path in written:
        assert secret.encode() not in path.read_bytes(), path
    _stop_log_file(log_path)
    # A second run finds it in the keyring.
    again = mcp_manager_factory(open_secrets=_opened_keyring())
    assert (await again.call("test", "read_env", {"name": "SERVICE_API_KEY"})).text == secret


def _stop_log_file(path: Path | None) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.WARNING)


def _opened_keyring() -> Callable[[], object]:
    store: list[SecretStore] = []

    async def open_secrets() -> SecretStore:
        if not store:
            store.append(SecretStore.open())
            assert store[0].persistent
        return store[0]

    return open_secrets


async def test_a_bearer_token_and_secret_headers_reach_an_http_server_from_the_keyring(
    mcp_manager_factory: Callable[..., McpServerManager],
    secret_service: SecretServiceSession,
    mcp_http_server: McpHttpServer,
) -> None:
    token, team_key = "tok-5be0c1d2", "team-key-91aa"
    manager = mcp_manager_factory(open_secrets=_opened_keyring())
    config = ServerConfig(
        "remote",
        Transport.HTTP,
        url=mcp_http_server.url,
        headers={"X-Team": "blue"},
        secret_headers=("X-Api-Key",),
        has_token=True,
    )
    await manager.save_server(config, {"token": token, "header:X-Api-Key": team_key})
    assert not (await manager.call("remote", "measure", {"text": "a b"})).is_error
    sent = mcp_http_server.headers[-1]
    assert sent["authorization"] == f"Bearer {token}"
    assert sent["x-api-key"] == team_key
    assert sent["x-team"] == "blue"
    await manager.aclose()
    for path in (p for p in config_dir().rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert token.encode() not in data and team_key.encode() not in data, path
