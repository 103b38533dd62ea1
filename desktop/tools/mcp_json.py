"""Reading the ``mcpServers`` JSON that Claude Desktop, LM Studio, Cursor and others share.

    {"mcpServers": {"weather": {"command": "uvx", "args": ["mcp-weather"], "env": {...}},
                    "remote": {"url": "https://example.com/mcp", "headers": {...}}}}

Each entry becomes a :class:`ServerConfig`. Values of environment variables and headers
whose names look like secrets (``…_TOKEN``, ``…KEY``, ``Authorization``) are taken apart
as secrets, to be stored in the keyring. A document that is not such JSON raises
:class:`McpJsonProblem`; an entry that cannot be used is skipped with a problem saying
which and why, and the others are still read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.tools.server_config import (
    ServerConfig,
    Transport,
    env_slot,
    header_slot,
    looks_secret,
)

SSE_TYPES = ("sse",)
HTTP_TYPES = ("http", "streamable-http", "streamableHttp", "streamable_http")


class McpJsonProblem(ValueError):
    """The document as a whole cannot be read; ``text`` says why, for the person."""

    def __init__(self, said: Text) -> None:
        super().__init__(str(said))
        self.text = said


@dataclass(frozen=True)
class ImportedServer:
    config: ServerConfig
    secrets: dict[str, str] = field(default_factory=dict)
    """Values for the config's secret slots (``env:NAME``, ``header:Name``)."""


@dataclass
class ImportResult:
    servers: list[ImportedServer] = field(default_factory=list)
    problems: list[Text] = field(default_factory=list)


def parse_mcp_servers(document: str) -> ImportResult:
    """The servers in ``document``; raises :class:`McpJsonProblem` when it has none to read."""
    try:
        data: Any = json.loads(document)
    except ValueError as error:
        line = getattr(error, "lineno", 0)
        column = getattr(error, "colno", 0)
        raise McpJsonProblem(
            text(
                QT_TRANSLATE_NOOP(
                    "core", "This is not valid JSON (line {line}, column {column}: {error})."
                ),
                line=line,
                column=column,
                error=Text.plain(getattr(error, "msg", str(error))),
            )
        ) from None
    if not isinstance(data, dict):
        raise McpJsonProblem(
            Text(QT_TRANSLATE_NOOP("core", 'The JSON must be an object with "mcpServers" in it.'))
        )
    servers = data.get("mcpServers", data.get("servers"))
    if servers is None and _looks_like_entry(data):
        raise McpJsonProblem(
            Text(
                QT_TRANSLATE_NOOP(
                    "core",
                    'This looks like one server: put it inside {"mcpServers": {"name": …}}.',
                )
            )
        )
    if not isinstance(servers, dict):
        raise McpJsonProblem(
            Text(
                QT_TRANSLATE_NOOP("core", 'The JSON has no "mcpServers" object naming the servers.')
            )
        )
    if not servers:
        raise McpJsonProblem(Text(QT_TRANSLATE_NOOP("core", '"mcpServers" names no servers.')))
    result = ImportResult()
    for name, entry in servers.items():
        try:
            result.servers.append(_entry(str(name).strip(), entry))
        except McpJsonProblem as problem:
            result.problems.append(problem.text)
    return result


def _looks_like_entry(data: dict[str, Any]) -> bool:
    return "command" in data or "url" in data


def _entry(name: str, entry: object) -> ImportedServer:
    def problem(template: str) -> McpJsonProblem:
        return McpJsonProblem(text(template, name=name or "?"))

    if not name:
        raise problem(QT_TRANSLATE_NOOP("core", "A server has no name; it was skipped."))
    if not isinstance(entry, dict):
        raise problem(
            QT_TRANSLATE_NOOP("core", "{name}: its settings are not a JSON object; skipped.")
        )
    kind = str(entry.get("type", entry.get("transport", "")))
    enabled = entry.get("disabled") is not True and entry.get("enabled") is not False
    env, secret_env, secrets = _split(entry.get("env"), env_slot, problem, "env")
    url = entry.get("url", entry.get("serverUrl"))
    command = entry.get("command")
    if kind in SSE_TYPES:
        raise problem(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} uses the old SSE transport, which Parley does not support; use its "
                "Streamable HTTP address instead. Skipped.",
            )
        )
    if url is not None and command is None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise problem(
                QT_TRANSLATE_NOOP(
                    "core", '{name}: "url" must be an http:// or https:// address; skipped.'
                )
            )
        headers, secret_headers, header_secrets = _split(
            entry.get("headers"), header_slot, problem, "headers"
        )
        config = ServerConfig(
            name,
            Transport.HTTP,
            url=url,
            headers=headers,
            secret_headers=tuple(secret_headers),
            env=env,
            secret_env=tuple(secret_env),
            enabled=enabled,
        )
        return ImportedServer(config, secrets | header_secrets)
    if not isinstance(command, str) or not command.strip():
        raise problem(
            QT_TRANSLATE_NOOP("core", '{name} has neither a "command" nor a "url"; it was skipped.')
        )
    args = entry.get("args", [])
    if not isinstance(args, list) or not all(isinstance(arg, str | int | float) for arg in args):
        raise problem(
            QT_TRANSLATE_NOOP("core", '{name}: "args" must be a list of strings; skipped.')
        )
    cwd = entry.get("cwd", "")
    config = ServerConfig(
        name,
        Transport.STDIO,
        command=command.strip(),
        args=tuple(str(arg) for arg in args),
        env=env,
        secret_env=tuple(secret_env),
        cwd=cwd if isinstance(cwd, str) else "",
        enabled=enabled,
    )
    return ImportedServer(config, secrets)


def _split(
    value: object, slot: Any, problem: Any, what: str
) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """Plain values, the names of secret ones, and the secret values by slot."""
    if value is None:
        return {}, [], {}
    if not isinstance(value, dict):
        template = (
            QT_TRANSLATE_NOOP(
                "core", '{name}: "env" must be an object of names and values; skipped.'
            )
            if what == "env"
            else QT_TRANSLATE_NOOP(
                "core", '{name}: "headers" must be an object of names and values; skipped.'
            )
        )
        raise problem(template)
    plain: dict[str, str] = {}
    secret_names: list[str] = []
    secrets: dict[str, str] = {}
    for key, raw in value.items():
        item = raw if isinstance(raw, str) else json.dumps(raw)
        if looks_secret(str(key)):
            secret_names.append(str(key))
            secrets[slot(str(key))] = item
        else:
            plain[str(key)] = item
    return plain, secret_names, secrets
