"""An httpx transport over aiohttp, for servers on this machine.

A local server streams as fast as it generates: Ollama writes every token as an HTTP
chunk of its own, a hundred thousand a second when the model is small. httpx's own
HTTP/1.1 layer (h11, pure Python) spends about 10 µs on each chunk, on the UI thread,
which is as long as the server takes to send it. aiohttp parses HTTP in C and hands over
everything that has arrived in one read, so a local stream costs a fifth as much.

httpx stays the API: redirects, decoding, errors and timeouts are httpx's. This module
only moves bytes, and turns aiohttp's failures into httpx's exception classes with the
underlying OS or TLS error as the cause, so :func:`transport_error` reads them as it reads
httpx's own. aiohttp is imported on the first request, in a worker thread.
"""

from __future__ import annotations

import asyncio
import importlib
import ssl
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import aiohttp

MAX_CONNECTIONS = 100
READ_BYTES = 16 * 1024
"""At most this much per read: what a read yields is parsed in one go on the UI thread."""


class AiohttpTransport(httpx.AsyncBaseTransport):
    """``verify``: an SSL context for https (True: the system's, False: no checks)."""

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        self._verify = verify
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _session_here(self) -> aiohttp.ClientSession:
        """The session of the running loop (a session belongs to the loop that made it)."""
        import aiohttp

        loop = asyncio.get_running_loop()
        if self._session is None or self._loop is not loop or self._session.closed:
            # True: aiohttp's own default context, built when it was imported
            connector = aiohttp.TCPConnector(limit=MAX_CONNECTIONS, ssl=self._verify)
            self._session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,  # httpx decodes, as it does for its own transport
                cookie_jar=aiohttp.DummyCookieJar(),  # httpx keeps the cookies
                trust_env=False,  # no proxy ever applies to this machine
                skip_auto_headers=("User-Agent", "Accept-Encoding", "Accept"),
            )
            self._loop = loop
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await _import_aiohttp()
        import aiohttp
        import yarl

        session = self._session_here()
        timeouts = request.extensions.get("timeout", {})
        # A body from an async iterator (an upload, sent chunked) is streamed, not buffered.
        streaming = "transfer-encoding" in request.headers
        body = request.stream if streaming else await request.aread()
        with _mapped_errors(request):
            response = await session.request(
                request.method,
                yarl.URL(str(request.url), encoded=True),
                headers=[
                    (key, value)
                    for key, value in request.headers.multi_items()
                    if not streaming or key.lower() != "transfer-encoding"  # aiohttp's own
                ],
                data=body or None,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    sock_connect=timeouts.get("connect"),
                    sock_read=timeouts.get("read"),
                ),
            )
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_ResponseBody(response, request),
            extensions={
                "http_version": _version(response),
                "reason_phrase": (response.reason or "").encode(),
            },
        )

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None and self._loop is asyncio.get_running_loop():
            await session.close()


def _tls_error(error: OSError) -> ssl.SSLError:
    """A failed handshake as an SSL error, even when the peer just hung up mid-way."""
    if isinstance(error, ssl.SSLError):
        return error
    tls = ssl.SSLError("the server hung up during the handshake")
    tls.__cause__ = error
    return tls


def _version(response: aiohttp.ClientResponse) -> bytes:
    version = response.version
    return f"HTTP/{version.major}.{version.minor}".encode() if version else b"HTTP/1.1"


async def _import_aiohttp() -> None:
    """Import aiohttp off the UI thread the first time: it builds TLS contexts, ~0.1 s."""
    if "aiohttp" not in sys.modules:
        await asyncio.to_thread(importlib.import_module, "aiohttp")


class _ResponseBody(httpx.AsyncByteStream):
    """Yields whatever has arrived (up to READ_BYTES), in one piece per read."""

    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _mapped_errors(self._request):
            while data := await self._response.content.read(READ_BYTES):
                yield data

    async def aclose(self) -> None:
        if self._response.content.at_eof():
            self._response.release()  # the connection goes back to the pool
        else:
            self._response.close()  # closed early (Stop): the server sees the disconnect


@contextmanager
def _mapped_errors(request: httpx.Request) -> Iterator[None]:
    import aiohttp

    try:
        yield
    except aiohttp.ClientError as exc:
        kind, cause = _httpx_kind(exc, tls=request.url.scheme == "https")
        # The cause's own words: aiohttp's add "ssl:default" even to plain-HTTP refusals.
        said = str(cause if cause is not exc else exc) or type(cause).__name__
        raise kind(said, request=request) from cause
    except TimeoutError as exc:  # aiohttp's timeouts are also TimeoutError
        raise httpx.ReadTimeout(str(exc) or "timed out", request=request) from exc


def _httpx_kind(
    exc: aiohttp.ClientError, *, tls: bool
) -> tuple[type[httpx.TransportError], BaseException]:
    """The httpx class for an aiohttp failure, and the error to chain as its cause.

    With ``tls`` (an https URL), a connection reset while connecting happened in the
    handshake: the socket itself was accepted, or the error would be a refusal.
    """
    import aiohttp

    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout, exc
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout, exc
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return httpx.ConnectError, exc.certificate_error
    if isinstance(exc, aiohttp.ClientConnectorSSLError):
        return httpx.ConnectError, _tls_error(exc.os_error)
    if isinstance(exc, aiohttp.ClientConnectorError):
        hung_up = isinstance(exc.os_error, ConnectionResetError | ConnectionAbortedError)
        return httpx.ConnectError, _tls_error(exc.os_error) if tls and hung_up else exc.os_error
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError, exc
    if isinstance(exc, aiohttp.ClientResponseError):  # not an HTTP response at all
        return httpx.RemoteProtocolError, exc
    return httpx.ReadError, exc
