"""httpx's own transport, built on the first request (see :class:`LazyTransport`)."""

from __future__ import annotations

import httpx


class LazyTransport(httpx.AsyncBaseTransport):
    """httpx's own transport, built on the first request instead of at startup.

    Building it loads the system's certificate authorities (tens of milliseconds),
    which need not delay the first paint of the window.
    """

    def __init__(self) -> None:
        self._transport: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            self._transport = httpx.AsyncHTTPTransport(trust_env=True)
        return await self._transport.handle_async_request(request)

    async def aclose(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()
