"""The configured MCP servers in one JSON file in the config folder; their secrets in the
OS keyring.

The file (``mcp_servers.json``) holds each server's :meth:`ServerConfig.to_json` and the
per-tool timeout; it never holds a secret value. The values of the slots a server names
(:meth:`ServerConfig.secret_slots`) are read and written with a
:class:`~desktop.storage.secrets.SecretStore`; those calls block (D-Bus), so callers run
them in a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import words_of
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.json_file import (
    read_json_object,
    remove_interrupted_writes,
    write_json_object,
)
from desktop.storage.paths import config_dir
from desktop.storage.quarantine import set_aside
from desktop.storage.secrets import SecretStore
from desktop.tools.server_config import ServerConfig

FILE_NAME = "mcp_servers.json"
DEFAULT_TOOL_TIMEOUT = 60.0
"""Seconds a tool may run before its call is cancelled."""
MIN_TOOL_TIMEOUT, MAX_TOOL_TIMEOUT = 1.0, 3600.0


def default_servers_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass
class ServersFile:
    servers: list[ServerConfig] = field(default_factory=list)
    tool_timeout: float = DEFAULT_TOOL_TIMEOUT


class ServerStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: Text | None = None

    def load(self) -> ServersFile:
        self.load_problem = None
        remove_interrupted_writes(self.path)
        try:
            raw = read_json_object(self.path)
        except (OSError, ValueError) as error:
            self._keep_bad_file(error)
            return ServersFile()
        if raw is None:
            return ServersFile()
        servers = [
            ServerConfig.from_json(item)
            for item in raw.get("servers", [])
            if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]
        ]
        timeout = raw.get("tool_timeout_seconds")
        if not isinstance(timeout, int | float) or isinstance(timeout, bool):
            timeout = DEFAULT_TOOL_TIMEOUT
        return ServersFile(servers, clamp_timeout(float(timeout)))

    def save(self, document: ServersFile) -> None:
        write_json_object(
            self.path,
            {
                "tool_timeout_seconds": document.tool_timeout,
                "servers": [server.to_json() for server in document.servers],
            },
        )

    def _keep_bad_file(self, error: Exception) -> None:
        reason = text(
            QT_TRANSLATE_NOOP(
                "core", "{file} could not be read ({error}); no MCP servers are set."
            ),
            file=self.path.name,
            error=words_of(error),
        )
        self.load_problem = set_aside(self.path, reason)


def clamp_timeout(seconds: float) -> float:
    return min(MAX_TOOL_TIMEOUT, max(MIN_TOOL_TIMEOUT, seconds))


def read_secrets(config: ServerConfig, store: SecretStore) -> dict[str, str]:
    """The values of ``config``'s secret slots (blocking); a missing one is ""."""
    return {slot: store.get(config.key_name(slot)) for slot in config.secret_slots()}


def write_secrets(config: ServerConfig, values: Mapping[str, str], store: SecretStore) -> None:
    """Store the values given for ``config``'s slots (blocking); slots not given are kept,
    an empty value deletes."""
    for slot in config.secret_slots():
        if slot in values:
            store.set(config.key_name(slot), values[slot])


def forget_secrets(
    config: ServerConfig, store: SecretStore, slots: list[str] | None = None
) -> None:
    """Delete ``config``'s secrets from the keyring (blocking): all, or those in ``slots``."""
    for slot in config.secret_slots() if slots is None else slots:
        store.delete(config.key_name(slot))
