"""How a key rides on requests, and the guard that keeps it on its own host.

:class:`KeyAuth` is an ``httpx.Auth``: it adds the key to each request just before it
is sent, and only when the request goes to the host the person confirmed the key for.
For any other host it raises :class:`KeyNotConfirmed` and nothing is sent, so a base URL
edited to point elsewhere (or a typo) can never leak the key. Redirects are not
followed by the app's clients, so they cannot carry it away either.

Errors built from server replies may quote the key back (some servers echo what they
were sent); :meth:`KeyAuth.scrub` removes it from every text an error carries.
"""

from __future__ import annotations

import base64
from collections.abc import Generator
from urllib.parse import urlsplit

import httpx

from desktop.core.errors import AuthFailed, ProviderError
from desktop.core.provider_config import AuthStyle
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

DEFAULT_PORTS = {"http": 80, "https": 443}
MASK = "•••"


def key_host_for(url: str) -> str:
    """The ``host:port`` a key confirmed for ``url`` is bound to ("" if there is no host)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return ""
    port = port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}"


class KeyNotConfirmed(AuthFailed):
    """The key belongs to another host; confirm it for this one before it is sent."""

    def __init__(self, message: str | Text, *, key_host: str, request_host: str) -> None:
        super().__init__(message, status=None)
        self.key_host = key_host
        self.request_host = request_host


class KeyAuth(httpx.Auth):
    """Attach ``secret`` in the ``style`` header, to requests for ``key_host`` only."""

    def __init__(self, secret: str, style: AuthStyle, key_host: str, *, service: str) -> None:
        self._secret = secret
        self._style = style
        self._key_host = key_host
        self._service = service

    def __repr__(self) -> str:
        return f"KeyAuth(style={self._style.value!r}, key_host={self._key_host!r})"

    @property
    def key_host(self) -> str:
        return self._key_host

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._style is not AuthStyle.NONE and self._secret:
            self._check_host(request)
            name, value = self._header()
            request.headers[name] = value
        yield request

    def _check_host(self, request: httpx.Request) -> None:
        request_host = key_host_for(str(request.url))
        if self._key_host and request_host == self._key_host:
            return
        service = Text(self._service)
        if not self._key_host:
            message = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The API key of {service} has not been confirmed for {host}. Open "
                    "Settings and confirm the key for this provider's address; until then it "
                    "is not sent.",
                ),
                service=service,
                host=request_host or Text(QT_TRANSLATE_NOOP("core", "this address")),
            )
        else:
            message = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The API key of {service} was confirmed for {key_host}, but the provider "
                    "now points at {host}. The key was not sent. If the new address is right, "
                    "confirm the key for it in Settings.",
                ),
                service=service,
                key_host=self._key_host,
                host=request_host or Text(QT_TRANSLATE_NOOP("core", "another address")),
            )
        raise KeyNotConfirmed(message, key_host=self._key_host, request_host=request_host)

    def _header(self) -> tuple[str, str]:
        if self._style is AuthStyle.BEARER:
            return "Authorization", f"Bearer {self._secret}"
        if self._style is AuthStyle.BASIC:
            encoded = base64.b64encode(self._secret.encode()).decode("ascii")
            return "Authorization", f"Basic {encoded}"
        return self._style.value, self._secret

    def scrub(self, error: ProviderError) -> ProviderError:
        """Remove the key (and its encodings) from the error's message and detail."""
        if not self._secret:
            return error
        forms = {self._secret, base64.b64encode(self._secret.encode()).decode("ascii")}
        for form in sorted(forms, key=len, reverse=True):
            error.text = error.text.replaced(form, MASK)
            error.message = error.message.replace(form, MASK)
            error.detail = error.detail.replace(form, MASK)
        error.args = (error.message, *error.args[1:])
        return error
