"""The app's one HTTP client, and the translation of HTTP failures into the error tree.

Every provider family reuses :func:`transport_error` and :func:`status_error` so a
person sees the same kind of advice whichever service failed. Messages name the
service and its URL (without credentials or query), never headers or keys; ``detail``
keeps the server's own words.
"""

from __future__ import annotations

import json
import math
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar, cast
from urllib.parse import urlsplit, urlunsplit

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ConnectionFailed,
    HostNotFound,
    InvalidAddress,
    KeyNotChecked,
    ModelNotFound,
    ProtocolError,
    ProviderError,
    ProviderTimeout,
    ProxyFailed,
    QuotaExceeded,
    RateLimited,
    ServerError,
    StreamInterrupted,
    TlsFailed,
)
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.error_body import (
    AUTH_KINDS,
    CONTEXT_KINDS,
    KEY_NOT_CHECKED_KINDS,
    MODEL_KINDS,
    QUOTA_KINDS,
    RATE_KINDS,
    TOO_LARGE_KINDS,
    ErrorBody,
    read_error_body,
)

if TYPE_CHECKING:  # httpx and ssl (~70 ms) are imported on the first request, after the
    import ssl  # window's first paint

    import httpx

DETAIL_LIMIT = 500
_E = TypeVar("_E", bound=BaseException)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
LITELLM = "litellm"


class DeferredClient:
    """Stands for the shared client until its first use, when it is made.

    Importing httpx and building its client (~60 ms) need not delay the window's first
    paint: the first request comes after it.
    """

    def __init__(self, make: Callable[[], httpx.AsyncClient]) -> None:
        self._make = make
        self._client: httpx.AsyncClient | None = None

    def __getattr__(self, name: str) -> object:
        if self._client is None:
            self._client = self._make()
        return getattr(self._client, name)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


def deferred_http_client() -> httpx.AsyncClient:
    """:func:`make_http_client`'s client, made (and httpx imported) on its first use."""
    return cast("httpx.AsyncClient", DeferredClient(make_http_client))


def make_http_client(
    *, connect_timeout: float = 5.0, read_timeout: float = 120.0
) -> httpx.AsyncClient:
    """The shared client. ``read_timeout`` also bounds silence between two stream chunks.

    System proxy settings apply to remote services but never to this machine, so a
    corporate proxy cannot swallow requests meant for a local Ollama; local servers are
    read through :class:`AiohttpTransport`, which keeps up with their speed.
    """
    import httpx

    from desktop.providers.aiohttp_transport import AiohttpTransport
    from desktop.providers.lazy_transport import LazyTransport

    timeout = httpx.Timeout(
        connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
    )
    return httpx.AsyncClient(
        timeout=timeout, mounts=local_mounts(AiohttpTransport()), transport=LazyTransport()
    )


def local_mounts(transport: httpx.AsyncBaseTransport) -> dict[str, httpx.AsyncBaseTransport]:
    """Requests to this machine go through ``transport`` (and never through a proxy)."""
    return {f"all://{host}": transport for host in LOOPBACK_HOSTS}


def make_provider_client(
    *,
    service: str,
    proxy_url: str = "",
    use_system_proxy: bool = True,
    ca_bundle: str = "",
    allow_self_signed: bool = False,
    connect_timeout: float = 5.0,
    read_timeout: float = 120.0,
) -> httpx.AsyncClient:
    """A client for one provider whose network settings differ from the shared client's.

    ``proxy_url`` sends every request through that proxy; otherwise the system proxy
    applies (never to this machine) when ``use_system_proxy``, else no proxy at all.
    ``ca_bundle`` adds a PEM file of trusted CAs to the system's; ``allow_self_signed``
    turns certificate checks off for this provider only. A setting that cannot work
    raises :class:`ConnectionFailed` naming it.
    """
    import httpx

    from desktop.providers.aiohttp_transport import AiohttpTransport

    timeout = httpx.Timeout(
        connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
    )
    verify: ssl.SSLContext | bool = _tls_context(service, ca_bundle)
    if allow_self_signed:
        verify = False
    if proxy_url:
        try:
            return httpx.AsyncClient(
                timeout=timeout, verify=verify, proxy=proxy_url, trust_env=False
            )
        except (ValueError, ImportError, httpx.InvalidURL) as exc:
            raise ProxyFailed(
                text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The proxy {proxy} set for {service} cannot be used ({reason}). Use "
                        "an http://, https:// or socks5:// proxy URL in Settings.",
                    ),
                    proxy=display_url(proxy_url),
                    service=Text(service),
                    reason=Text.plain(str(exc)),
                ),
                detail=truncate(str(exc)),
            ) from None
    return httpx.AsyncClient(
        timeout=timeout,
        verify=verify,
        trust_env=use_system_proxy,
        mounts=local_mounts(AiohttpTransport(verify=verify)),
    )


def _tls_context(service: str, ca_bundle: str) -> ssl.SSLContext:
    import ssl

    context = ssl.create_default_context()
    if ca_bundle:
        try:
            context.load_verify_locations(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise TlsFailed(
                text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The CA bundle {path} set for {service} cannot be read ({reason}). "
                        "Choose a PEM file with the certificate authority in Settings.",
                    ),
                    path=Text.plain(ca_bundle),
                    service=Text(service),
                    reason=Text.plain(str(exc)),
                ),
                detail=truncate(str(exc)),
            ) from None
    return context


def display_url(url: str) -> str:
    """``url`` as it may appear in a message: no user:password, no query, no fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Who a request went to, in words a person recognises.

    ``unreachable`` is the whole sentence shown when nothing answers; by default it
    asks to check the network and the URL in Settings.
    """

    service: str
    url: str
    unreachable: str | Text = ""
    key_sent: bool | None = None
    """Whether requests carry an API key (a 401 then means a wrong key, not a missing
    one); None when not known here (Ollama's key rides on its client)."""
    proxy: str = ""
    """The proxy every request goes through, if one is set for this provider."""
    gateway: str = ""
    """The preset's id when its replies need reading of their own (``litellm``)."""

    @property
    def where(self) -> Text:
        """ "{service} at {url}": the service's name is translated when it is a preset's."""
        return text(
            QT_TRANSLATE_NOOP("core", "{service} at {url}"),
            service=Text(self.service),
            url=display_url(self.url),
        )

    def unreachable_message(self) -> str | Text:
        return self.unreachable or text(
            QT_TRANSLATE_NOOP(
                "core",
                "Could not connect to {where}. Check the network connection and the "
                "endpoint URL in Settings.",
            ),
            where=self.where,
        )


def truncate(text: str, limit: int = DETAIL_LIMIT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_text(body: bytes | str) -> str:
    """The server's own error message from a body: JSON ``error``/``message`` or plain text."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        parsed: object = json.loads(text)
    except ValueError:
        return truncate(text)
    return truncate(_message_in(parsed) or text)


def _message_in(value: object) -> str:
    """Dig the human text out of ``{"error": "..."}``, ``{"error": {"message": ...}}`` etc."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("error", "message", "detail"):
            if key in value and (found := _message_in(value[key])):
                return found
    if isinstance(value, list):
        return next((found for item in value if (found := _message_in(item))), "")
    return ""


def parse_retry_after(headers: httpx.Headers, now: datetime | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP-date)."""
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None:
        return max(millis / 1000, 0.0)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return max(seconds, 0.0)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def status_error(
    status: int, body: bytes | str, headers: httpx.Headers, endpoint: Endpoint
) -> ProviderError:
    """The error for an HTTP status >= 400; ``detail`` is the server's text.

    The body's ``type``/``code`` come before the status: a wrong LiteLLM key is a 400
    ``no_db_connection``, a used-up quota a 429 ``insufficient_quota``.
    """
    detail = error_text(body)
    said = _said(detail)
    where = endpoint.where
    kinds = read_error_body(body)
    if kinds.any_of(KEY_NOT_CHECKED_KINDS) or _litellm_without_db(status, kinds, endpoint):
        return _key_not_checked(status, detail, endpoint)
    if status in (401, 403) or kinds.any_of(AUTH_KINDS):
        return _key_refused(status, detail, said, endpoint)
    if status == 404 or kinds.any_of(MODEL_KINDS):
        return ModelNotFound(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} does not know the model or address requested (HTTP {status}). "
                    "Check the model name and the endpoint URL in Settings.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if kinds.any_of(QUOTA_KINDS):
        return QuotaExceeded(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} refused the request because the account's quota or credit is "
                    "used up (HTTP {status}). Check the plan and billing of the account; "
                    "waiting will not help.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if status == 429 or kinds.any_of(RATE_KINDS):
        retry_after = parse_retry_after(headers)
        wait = (
            text(
                QT_TRANSLATE_NOOP("core", "Try again in {seconds} seconds."),
                seconds=math.ceil(retry_after),
            )
            if retry_after is not None
            else Text(QT_TRANSLATE_NOOP("core", "Wait a moment and try again."))
        )
        return RateLimited(
            text(
                QT_TRANSLATE_NOOP(
                    "core", "{where} is limiting how many requests you may send. {wait}"
                ),
                where=where,
                wait=wait,
            ),
            detail=detail,
            status=status,
            retry_after=retry_after,
        )
    if status == 413 or kinds.any_of(TOO_LARGE_KINDS):
        return BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The request was too large for {where} (HTTP {status}). Start a new "
                    "conversation, or attach fewer or smaller images.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if kinds.any_of(CONTEXT_KINDS):
        return BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The conversation is longer than the model at {where} can read (HTTP "
                    "{status}). Start a new conversation, or choose a model with a larger "
                    "context window.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if 400 <= status < 500:
        return BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} rejected the request (HTTP {status}).{said} Check the model and "
                    "its options.",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    return ServerError(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} had an internal problem (HTTP {status}).{said} Try again in a "
                "moment; if it keeps happening, check the server's logs.",
            ),
            where=where,
            status=status,
            said=said,
        ),
        detail=detail,
        status=status,
    )


def _said(detail: str) -> Text:
    """ " It said: …" with the server's own words (never translated), or nothing."""
    if not detail:
        return Text.plain("")
    return text(
        QT_TRANSLATE_NOOP("core", " It said: {words}"), words=Text.plain(truncate(detail, 200))
    )


def _key_refused(status: int, detail: str, said: Text, endpoint: Endpoint) -> AuthFailed:
    service = Text(endpoint.service)
    if endpoint.key_sent is False and status == 401:
        return AuthFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} asks for an API key (HTTP 401), and none is set. Enter the "
                    "API key of {service} in Settings.{said}",
                ),
                where=endpoint.where,
                service=service,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    return AuthFailed(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} refused access (HTTP {status}). Check the API key of {service} and "
                "the endpoint in Settings.{said}",
            ),
            where=endpoint.where,
            status=status,
            service=service,
            said=said,
        ),
        detail=detail,
        status=status,
    )


def _litellm_without_db(status: int, kinds: ErrorBody, endpoint: Endpoint) -> bool:
    """LiteLLM's plain-text 500: a key that is not the master key, and no prisma to look
    it up with (or no key at all)."""
    return endpoint.gateway == LITELLM and status == 500 and not kinds.is_json


def _key_not_checked(status: int, detail: str, endpoint: Endpoint) -> AuthFailed:
    url = display_url(endpoint.url)
    service = Text(endpoint.service)
    if endpoint.key_sent is False:
        return AuthFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "LiteLLM at {url} asks for a key (HTTP {status}), and none is set. Enter "
                    "LiteLLM's master key as the API key of {service} in Settings.",
                ),
                url=url,
                status=status,
                service=service,
            ),
            detail=detail,
            status=status,
        )
    if status >= 500:  # no body to say why: name the usual cause, and where to look
        return KeyNotChecked(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "LiteLLM at {url} failed while checking the API key of {service} (HTTP "
                    "{status}), as it does when a key other than its master key needs a "
                    "database it cannot reach (the prisma extra is not installed). Enter the "
                    "master key in Settings, or see LiteLLM's log.",
                ),
                url=url,
                service=service,
                status=status,
            ),
            detail=detail,
            status=status,
        )
    return KeyNotChecked(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "LiteLLM at {url} could not check the API key of {service} (HTTP {status}): "
                "a key other than LiteLLM's master key is looked up in its database, and "
                "none is connected. Enter the master key in Settings, or connect a database "
                "to LiteLLM.",
            ),
            url=url,
            service=service,
            status=status,
        ),
        detail=detail,
        status=status,
    )


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
