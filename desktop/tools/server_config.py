"""One MCP server as the person configured it, and where its secrets live.

A server is started as a local command speaking MCP over its standard input and output
(``stdio``) or reached at a URL (Streamable HTTP). Values that are secrets (an API key in
an environment variable, an ``Authorization`` header, a bearer token) are not part of
the configuration: it only names them (``secret_env``, ``secret_headers``,
``has_token``), and their values live in the OS keyring under :meth:`ServerConfig.key_name`.
"""

from __future__ import annotations

import secrets
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Transport(StrEnum):
    STDIO = "stdio"
    HTTP = "http"


SECRET_WORDS = ("KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH", "COOKIE")
"""Parts of an environment variable's or header's name that make its value a secret."""

TOKEN_SLOT = "token"


def looks_secret(name: str) -> bool:
    """Whether a value under ``name`` (``GITHUB_TOKEN``, ``Authorization``) is a secret."""
    upper = name.upper()
    return any(word in upper for word in SECRET_WORDS)


def new_key_id() -> str:
    """A keyring prefix no other server, in this or an earlier configuration, has used."""
    return secrets.token_hex(6)


def env_slot(name: str) -> str:
    return f"env:{name}"


def header_slot(name: str) -> str:
    return f"header:{name}"


@dataclass(frozen=True, slots=True)
class ServerConfig:
    name: str
    transport: Transport = Transport.STDIO
    command: str = ""
    args: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    """Environment variables with plain values."""
    secret_env: tuple[str, ...] = ()
    """Names of environment variables whose values are in the keyring."""
    cwd: str = ""
    """The working folder ("" for Parley's own)."""
    url: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    secret_headers: tuple[str, ...] = ()
    has_token: bool = False
    """A bearer token (sent as ``Authorization: Bearer …``) is in the keyring."""
    enabled: bool = True
    key_id: str = ""
    """The keyring prefix of this server's secrets (given on first save)."""

    @property
    def identity(self) -> str:
        """What the server is, for policies: its command line, or its URL."""
        if self.transport is Transport.HTTP:
            return self.url
        return shlex.join([self.command, *self.args])

    def secret_slots(self) -> list[str]:
        """The secrets this server needs (``env:NAME``, ``header:Name``, ``token``)."""
        slots = [env_slot(name) for name in self.secret_env]
        if self.transport is Transport.HTTP:
            slots += [header_slot(name) for name in self.secret_headers]
            if self.has_token:
                slots.append(TOKEN_SLOT)
        return slots

    def key_name(self, slot: str) -> str:
        """The keyring entry (service ``parley``) that holds ``slot``'s value."""
        return f"mcp.{self.key_id}.{slot}"

    def with_key_id(self) -> ServerConfig:
        return self if self.key_id else replace(self, key_id=new_key_id())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "transport": self.transport.value,
            "enabled": self.enabled,
            "key_id": self.key_id,
        }
        if self.transport is Transport.STDIO:
            data.update(command=self.command, args=list(self.args), cwd=self.cwd)
        else:
            data.update(
                url=self.url,
                headers=dict(self.headers),
                secret_headers=list(self.secret_headers),
                has_token=self.has_token,
            )
        data.update(env=dict(self.env), secret_env=list(self.secret_env))
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ServerConfig:
        """The server ``to_json`` wrote; fields of the wrong shape are left at defaults."""
        transport = Transport.HTTP if data.get("transport") == "http" else Transport.STDIO
        return cls(
            name=_string(data.get("name")),
            transport=transport,
            command=_string(data.get("command")),
            args=_strings(data.get("args")),
            env=_string_map(data.get("env")),
            secret_env=_strings(data.get("secret_env")),
            cwd=_string(data.get("cwd")),
            url=_string(data.get("url")),
            headers=_string_map(data.get("headers")),
            secret_headers=_strings(data.get("secret_headers")),
            has_token=data.get("has_token") is True,
            enabled=data.get("enabled") is not False,
            key_id=_string(data.get("key_id")),
        )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _string_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}
