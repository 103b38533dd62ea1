"""Where Ollama listens: the Settings value, else ``OLLAMA_HOST``, else the default.

``OLLAMA_HOST`` is read the way Ollama's own clients read it (``envconfig.Host`` in
Go, ``_parse_host`` in ollama-python), so the app finds the same server the ``ollama``
command does.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from desktop.core.errors import ParleyError
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.text import text as say

DEFAULT_OLLAMA_HOST = "http://127.0.0.1:11434"
DEFAULT_PORT = 11434
SCHEME_PORTS = {"http": 80, "https": 443}
HOSTNAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
LISTEN_ANYWHERE = {"0.0.0.0": "127.0.0.1", "::": "::1"}


class HostProblem(ParleyError, ValueError):
    """An Ollama address that cannot be used; ``text`` says why and what form works."""


def resolve_ollama_host(setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The base URL (no trailing slash) to reach Ollama; ValueError if the value is invalid."""
    if setting and setting.strip():
        return _parse_or_explain(
            setting, Text(QT_TRANSLATE_NOOP("core", "The Ollama host in Settings"))
        )
    value = (os.environ if environ is None else environ).get("OLLAMA_HOST", "")
    if value.strip():
        return _parse_or_explain(
            value, Text(QT_TRANSLATE_NOOP("core", "The OLLAMA_HOST environment variable"))
        )
    return DEFAULT_OLLAMA_HOST


def _parse_or_explain(value: str, source: Text) -> str:
    try:
        return parse_ollama_host(value)
    except HostProblem as exc:
        raise HostProblem(
            say(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{source} ({value}) is not a usable address: {reason}. Use a form like "
                    "127.0.0.1:11434 or http://host:11434.",
                ),
                source=source,
                value=Text.plain(repr(value.strip())),
                reason=exc.text,
            )
        ) from None


def parse_ollama_host(value: str) -> str:
    """Normalise ``host``, ``host:port``, ``:port`` or ``scheme://host[:port][/path]``.

    Without a scheme the port defaults to 11434; ``http://`` without a port means 80
    and ``https://`` 443, as in Ollama. A server told to listen on every interface
    (0.0.0.0 or ::) is reached through loopback.
    """
    text = value.strip()
    if text == "ollama.com":
        return "https://ollama.com:443"
    scheme, separator, rest = text.partition("://")
    if separator:
        scheme = scheme.lower()
        if scheme not in SCHEME_PORTS:
            raise HostProblem(
                say(
                    QT_TRANSLATE_NOOP(
                        "core", "the scheme {scheme} is not supported, only http and https"
                    ),
                    scheme=Text.plain(repr(scheme)),
                )
            )
        if not rest.strip("/"):
            raise HostProblem(Text(QT_TRANSLATE_NOOP("core", "there is no host after the scheme")))
        default_port = SCHEME_PORTS[scheme]
    else:
        scheme, rest, default_port = "http", text, DEFAULT_PORT
    netloc = rest.split("/", 1)[0]
    if netloc.count(":") > 1 and not netloc.startswith("["):
        raise HostProblem(
            Text(
                QT_TRANSLATE_NOOP(
                    "core", "an IPv6 address must be written in brackets, like [::1]:11434"
                )
            )
        )
    try:
        split = urlsplit(f"{scheme}://{rest}")
    except ValueError:
        raise HostProblem(
            Text(QT_TRANSLATE_NOOP("core", "the brackets around the IPv6 address do not match"))
        ) from None
    try:
        port = split.port
    except ValueError:
        port = 0
    if port == 0:
        raise HostProblem(
            Text(QT_TRANSLATE_NOOP("core", "the port must be a number from 1 to 65535"))
        )
    host = _connectable_host(split.hostname or "127.0.0.1")
    base = f"{scheme}://{host}:{port or default_port}"
    path = split.path.strip("/")
    return f"{base}/{path}" if path else base


def _connectable_host(host: str) -> str:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if not HOSTNAME.fullmatch(host):
            raise HostProblem(
                say(
                    QT_TRANSLATE_NOOP("core", "{host} is not a valid host name"),
                    host=Text.plain(repr(host)),
                )
            ) from None
        return host
    text = LISTEN_ANYWHERE.get(address.compressed, host)
    return f"[{text}]" if ":" in text else text
