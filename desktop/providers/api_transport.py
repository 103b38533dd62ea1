"""HTTP for the cloud-style families: auth, extra headers, error translation, key scrubbing.

OpenAI-compatible, Azure and Anthropic providers all send JSON and read either JSON
or server-sent events. This class does that once: every httpx failure and HTTP error
status becomes an error of the tree, and the key never appears in any of them.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Mapping
from contextlib import aclosing

import httpx

from desktop.core.errors import ProtocolError, ProviderError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.credentials import KeyAuth
from desktop.providers.endpoint import Endpoint, error_text
from desktop.providers.sse import SseEvent, iter_sse_batches
from desktop.providers.status_errors import status_error
from desktop.providers.transport_errors import transport_error

StatusError = Callable[[int, bytes, httpx.Headers], ProviderError]
NOT_STREAMS = ("application/json", "text/html", "text/plain")


class ApiTransport:
    """One provider's way onto the network (the shared or its own httpx client)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        endpoint: Endpoint,
        *,
        auth: KeyAuth | None = None,
        headers: Mapping[str, str] | None = None,
        status_error: StatusError | None = None,
    ) -> None:
        self._client = client
        self.endpoint = endpoint
        self._auth = auth
        self._headers = dict(headers or {})
        self._status_error = status_error or self._default_status_error

    def __repr__(self) -> str:
        return f"ApiTransport({self.endpoint.where!r}, auth={self._auth!r})"

    def scrub(self, error: ProviderError) -> ProviderError:
        return self._auth.scrub(error) if self._auth is not None else error

    def _default_status_error(
        self, status: int, body: bytes, headers: httpx.Headers
    ) -> ProviderError:
        return status_error(status, body, headers, self.endpoint)

    def _request_headers(self, extra: Mapping[str, str] | None) -> dict[str, str]:
        return {**self._headers, **(extra or {})}

    async def get_json(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> object:
        """GET ``url`` and return the parsed JSON (ProtocolError if it is not JSON)."""
        return await self._json("GET", url, params=params, headers=headers)

    async def post_json(
        self,
        url: str,
        body: Mapping[str, object],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> object:
        """POST ``body`` and return the parsed JSON answer (as :meth:`get_json`)."""
        return await self._json("POST", url, body=body, headers=headers)

    async def _json(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        body: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> object:
        try:
            try:
                response = await self._client.request(
                    method,
                    url,
                    params=params,
                    json=body,
                    headers=self._request_headers(headers),
                    auth=self._auth or httpx.USE_CLIENT_DEFAULT,
                )
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise transport_error(exc, self.endpoint) from exc
            if response.status_code >= 400:
                raise self._status_error(response.status_code, response.content, response.headers)
            try:
                return response.json()
            except ValueError:
                raise self.not_the_protocol(error_text(response.content)) from None
        except ProviderError as error:
            raise self.scrub(error) from error.__cause__

    async def stream_events(
        self,
        url: str,
        body: Mapping[str, object],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> AsyncGenerator[list[SseEvent], None]:
        """POST ``body`` and yield the server-sent events of the answer, in lists of the
        events that arrived together.

        Cancelling the consumer (or closing this generator) closes the connection,
        which is how Stop makes the server stop generating.
        """
        malformed: str | None = None
        try:
            async with self._client.stream(
                "POST",
                url,
                json=body,
                headers=self._request_headers(headers),
                auth=self._auth or httpx.USE_CLIENT_DEFAULT,
            ) as response:
                if response.status_code >= 400:
                    raise self._status_error(
                        response.status_code, await response.aread(), response.headers
                    )
                kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind in NOT_STREAMS:
                    raise self.not_the_protocol(
                        f"{kind}: {error_text(await response.aread())}",
                    )
                batches = iter_sse_batches(response.aiter_bytes())
                async with aclosing(batches):
                    async for batch in batches:
                        yield batch
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise self.scrub(transport_error(exc, self.endpoint)) from exc
        except ProtocolError as exc:
            malformed = exc.detail or exc.message
        except ProviderError as error:
            raise self.scrub(error) from error.__cause__
        if malformed is not None:
            # Raised outside the handler so no traceback keeps httpx's half-read stream
            # generators alive until a garbage collection finalizes them off the loop.
            raise self.scrub(self.not_the_protocol(malformed))

    def not_the_protocol(self, detail: str) -> ProtocolError:
        shown = detail if len(detail) <= 120 else detail[:119] + "…"
        return ProtocolError(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} sent a reply this app cannot read ({shown}). Check that the "
                    "endpoint URL in Settings points at the right kind of service.",
                ),
                where=self.endpoint.where,
                shown=Text.plain(shown),
            ),
            detail=detail,
        )
