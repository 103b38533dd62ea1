"""An httpx failure while connecting, sending or reading, as an error of the tree.

Every provider family reuses :func:`transport_error`. The kind of failure (timeout,
refused, cut, TLS, name lookup, proxy) is read from httpx's class and from the OS or
TLS error behind it, so the aiohttp transport's errors read the same as httpx's own.
"""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from desktop.core.errors import (
    ConnectionFailed,
    HostNotFound,
    InvalidAddress,
    ProtocolError,
    ProviderError,
    ProviderTimeout,
    ProxyFailed,
    StreamInterrupted,
    TlsFailed,
)
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.endpoint import Endpoint, display_url, truncate

if TYPE_CHECKING:  # httpx and ssl (~70 ms) are imported on the first request, after the
    import ssl  # window's first paint

    import httpx

_E = TypeVar("_E", bound=BaseException)


def transport_error(exc: httpx.HTTPError | httpx.InvalidURL, endpoint: Endpoint) -> ProviderError:
    """The error for an httpx exception raised while connecting, sending or reading."""
    import ssl

    import httpx

    detail = truncate(str(exc) or type(exc).__name__)
    where = endpoint.where
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return ProviderTimeout(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} did not accept the connection in time. Check that it is running "
                    "and that the address in Settings is right.",
                ),
                where=where,
            ),
            detail=detail,
        )
    if isinstance(exc, httpx.TimeoutException):
        return ProviderTimeout(_stopped(exc, where), detail=detail)
    if isinstance(exc, httpx.ReadError | httpx.WriteError | httpx.RemoteProtocolError):
        return StreamInterrupted(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The connection to {where} broke before the answer was complete. Try "
                    "again; if it keeps happening, check the server's logs.",
                ),
                where=where,
            ),
            detail=detail,
        )
    if isinstance(exc, httpx.DecodingError | httpx.TooManyRedirects):
        return ProtocolError(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} sent a reply this app cannot read. Check that the endpoint URL "
                    "in Settings points at the right service.",
                ),
                where=where,
            ),
            detail=detail,
        )
    if isinstance(exc, httpx.ProxyError):
        return ProxyFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The proxy refused to connect to {where}. Check the proxy address and its "
                    "credentials in Settings, or turn the proxy off for this provider.",
                ),
                where=where,
            ),
            detail=detail,
        )
    tls = _cause(exc, ssl.SSLError)
    if tls is not None:
        return TlsFailed(_tls_message(tls, where), detail=detail)
    service = Text(endpoint.service)
    if _cause(exc, socket.gaierror) is not None:
        request = _request_of(exc) if isinstance(exc, httpx.HTTPError) else None
        host = request.url.host if request is not None else urlsplit(endpoint.url).hostname
        return HostNotFound(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The address of {service}, {host}, could not be found (the name lookup "
                    "failed). Check the spelling of the URL in Settings, and that this "
                    "computer is online.",
                ),
                service=service,
                host=host or "",
            ),
            detail=detail,
        )
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return InvalidAddress(
            text(
                QT_TRANSLATE_NOOP(
                    "core", "The address of {service} is not a valid URL. Correct it in Settings."
                ),
                service=service,
            ),
            detail=detail,
        )
    if endpoint.proxy:  # every connection goes to the proxy: it is what did not answer
        return ProxyFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Could not connect to the proxy {proxy} that {service} goes through. "
                    "Check that the proxy is running and its address in Settings, or choose "
                    "System proxy or No proxy.",
                ),
                proxy=display_url(endpoint.proxy),
                service=service,
            ),
            detail=detail,
        )
    return ConnectionFailed(endpoint.unreachable_message(), detail=detail)


def _stopped(exc: httpx.TimeoutException, where: Text) -> Text:
    request = _request_of(exc)
    timeout = request.extensions.get("timeout", {}) if request is not None else {}
    read = timeout.get("read") if isinstance(timeout, dict) else None
    if isinstance(read, int | float):
        return text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} stopped responding for more than {seconds} seconds. The model may be "
                "stuck or the machine overloaded; try again, or pick a smaller model.",
            ),
            where=where,
            seconds=f"{read:g}",
        )
    return text(
        QT_TRANSLATE_NOOP(
            "core",
            "{where} stopped responding. The model may be stuck or the machine overloaded; "
            "try again, or pick a smaller model.",
        ),
        where=where,
    )


def _request_of(exc: httpx.HTTPError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:
        return None


def _cause(exc: BaseException, kind: type[_E]) -> _E | None:
    """The ``kind`` error behind an httpx exception, if any (walks the cause chain)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _tls_message(error: ssl.SSLError, where: Text) -> Text:
    import ssl

    if isinstance(error, ssl.SSLCertVerificationError):
        reason = (
            Text.plain(error.verify_message)
            if error.verify_message
            else Text(QT_TRANSLATE_NOOP("core", "the certificate is not trusted"))
        )
        return text(
            QT_TRANSLATE_NOOP(
                "core",
                "The TLS certificate of {where} could not be verified ({reason}). If the "
                "server uses a private or self-signed certificate, add its CA bundle or allow "
                "self-signed certificates for this provider in Settings.",
            ),
            where=where,
            reason=reason,
        )
    reason_words = str(getattr(error, "reason", None) or error)  # none when not from OpenSSL
    return text(
        QT_TRANSLATE_NOOP(
            "core",
            "The secure (TLS) connection to {where} failed ({reason}). Check that the URL "
            "starts with https:// only if the server speaks TLS.",
        ),
        where=where,
        reason=Text.plain(reason_words),
    )
