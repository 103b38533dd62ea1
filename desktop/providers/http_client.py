"""The app's one HTTP client, and clients of their own for providers set up differently.

The shared client is made on its first use (httpx is imported then, after the window's
first paint). Requests to this machine go through :class:`AiohttpTransport` and never
through a proxy; a provider with its own proxy, CA bundle or certificate policy gets its
own client from :func:`make_provider_client`. Failures become errors of the tree in
desktop.providers.status_errors and desktop.providers.transport_errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from desktop.core.errors import ProxyFailed, TlsFailed
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.endpoint import display_url, truncate

if TYPE_CHECKING:  # httpx and ssl (~70 ms) are imported on the first request, after the
    import ssl  # window's first paint

    import httpx

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


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
