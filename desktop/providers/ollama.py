"""Ollama's native API (/api/*): model management and streaming chat.

Streams are read inside ``async with client.stream(...)``: cancelling the task that
consumes :meth:`OllamaProvider.chat` closes the connection, and Ollama stops
generating when its client goes away. That is how Stop works.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping, Sequence
from contextlib import aclosing
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import (
    BadRequest,
    ProtocolError,
    ProviderError,
    StreamInterrupted,
)
from desktop.core.events import ChatEvent, Done, TextDelta, ToolCall
from desktop.core.messages import ChatMessage, ChatOptions
from desktop.core.model_records import LocalModel, ModelDetails, PullProgress, RunningModel
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.tools import takes_tools
from desktop.providers import ollama_records as records
from desktop.providers.batches import read_batch
from desktop.providers.endpoint import error_text
from desktop.providers.ndjson import iter_ndjson_batches
from desktop.providers.ollama_errors import (
    answer_error,
    create_interrupted,
    create_refused,
    not_ollama,
    ollama_endpoint,
    ollama_object,
    ollama_status_error,
    pull_error,
    pull_interrupted,
    upload_refused,
)
from desktop.providers.ollama_wire import chat_request
from desktop.providers.token_clock import TokenClock
from desktop.providers.tool_support import tools_refused
from desktop.providers.transport_errors import transport_error

if TYPE_CHECKING:  # imported on the first request (see http_client.deferred_http_client)
    import httpx

Json = dict[str, object]


class OllamaProvider:
    """One Ollama server, reached through the app's shared client."""

    def __init__(self, client: httpx.AsyncClient, host: str) -> None:
        self._client = client
        self._host = host.rstrip("/")
        self._endpoint = ollama_endpoint(self._host)
        self._capabilities: dict[str, tuple[str, ...]] = {}
        """What /api/show said each model can do (see :meth:`sees_images`)."""
        self._heard_at = float("-inf")
        """When a streamed answer or pull last brought lines (time.monotonic)."""

    @property
    def host(self) -> str:
        return self._host

    def heard_within(self, seconds: float) -> bool:
        """Whether a stream from the server brought lines in the last ``seconds``: it
        answers, so a heartbeat would only cost both sides a request."""
        return time.monotonic() - self._heard_at < seconds

    def sees_images(self, name: str) -> bool | None:
        """Whether /api/show listed "vision" for ``name``; None if it was not asked yet."""
        capabilities = self._capabilities.get(name)
        return None if capabilities is None else "vision" in capabilities

    def takes_tools(self, name: str) -> bool | None:
        """Whether /api/show listed "tools" for ``name``; None if it was not asked yet."""
        capabilities = self._capabilities.get(name)
        return None if capabilities is None else takes_tools(capabilities)

    async def version(self) -> str:
        body = await self._json("GET", "/api/version")
        version = records.text(body, "version")
        if not version:
            raise not_ollama(self._endpoint, error_text(json.dumps(body)))
        return version

    async def list_models(self) -> list[LocalModel]:
        body = await self._json("GET", "/api/tags")
        return [records.local_model(entry) for entry in records.model_list(body)]

    async def running_models(self) -> list[RunningModel]:
        body = await self._json("GET", "/api/ps")
        return [records.running_model(entry) for entry in records.model_list(body)]

    async def show(self, name: str) -> ModelDetails:
        body = await self._json("POST", "/api/show", {"model": name}, model=name)
        details = records.model_details(name, body)
        self._capabilities[name] = details.capabilities
        return details

    async def delete(self, name: str) -> None:
        await self._send("DELETE", "/api/delete", {"model": name}, model=name)

    async def copy(self, source: str, destination: str) -> None:
        body = {"source": source, "destination": destination}
        await self._send("POST", "/api/copy", body, model=source)

    async def unload(self, name: str) -> None:
        """Free the model's memory now (an empty chat with ``keep_alive`` 0)."""
        body = {"model": name, "messages": [], "keep_alive": 0, "stream": False}
        await self._send("POST", "/api/chat", body, model=name)

    async def pull(self, name: str) -> AsyncIterator[PullProgress]:
        """Download ``name``; yields every progress line up to and including ``success``."""
        body = {"model": name, "stream": True}
        batches = self._batches(
            "/api/pull",
            body,
            model=name,
            is_last=_is_success,
            line_error=partial(pull_error, name),
        )
        try:
            async with aclosing(batches):
                async for batch in batches:
                    for line in batch:
                        progress = records.pull_progress(line)
                        yield progress
                        if progress.status == "success":
                            return
        except StreamInterrupted as exc:
            raise pull_interrupted(name, exc.detail) from exc
        raise pull_interrupted(name, "the stream ended without a success line")

    async def create(self, name: str, request: Mapping[str, object]) -> AsyncIterator[str]:
        """/api/create ``name`` from ``request`` (``from`` or ``files``, and ``system``,
        ``template``, ``parameters``); yields each status line up to ``success``."""
        body = {**request, "model": name, "stream": True}
        batches = self._batches(
            "/api/create",
            body,
            model=str(request.get("from") or ""),
            is_last=_is_success,
            line_error=partial(create_refused, name),
        )
        try:
            async with aclosing(batches):
                async for batch in batches:
                    for line in batch:
                        status = records.text(line, "status")
                        yield status
                        if status == "success":
                            return
        except BadRequest as exc:
            raise create_refused(name, exc.detail, exc.status) from exc
        except StreamInterrupted as exc:
            raise create_interrupted(name, exc.detail) from exc
        raise create_interrupted(name, "the stream ended without a success line")

    async def has_blob(self, digest: str) -> bool:
        """Whether Ollama already holds the blob ``sha256:<hex>`` (HEAD /api/blobs)."""
        import httpx

        try:
            response = await self._client.head(self._url(f"/api/blobs/{digest}"))
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise transport_error(exc, self._endpoint) from exc
        if response.status_code == 404:
            return False
        if response.status_code >= 400:
            raise ollama_status_error(response, response.content, "", self._endpoint)
        return True

    async def push_blob(
        self, digest: str, path: Path, progress: Callable[[int], None] | None = None
    ) -> None:
        """Upload ``path`` as the blob ``digest``, streamed in chunks read off the loop;
        ``progress(bytes_sent)`` after each. Cancelling the task aborts the upload."""
        import asyncio

        import httpx

        async def chunks() -> AsyncIterator[bytes]:
            sent = 0
            with path.open("rb") as stream:
                while data := await asyncio.to_thread(stream.read, 4 * 1024 * 1024):
                    yield data
                    sent += len(data)
                    if progress is not None:
                        progress(sent)

        try:
            response = await self._client.post(
                self._url(f"/api/blobs/{digest}"), content=chunks(), timeout=None
            )
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise transport_error(exc, self._endpoint) from exc
        if response.status_code >= 400:
            error = ollama_status_error(response, response.content, "", self._endpoint)
            raise upload_refused(path.name, error.detail, response.status_code)

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
    ) -> AsyncIterator[ChatEvent]:
        """Stream one answer: thinking, text and tool calls, then :class:`Done`."""
        body = chat_request(model, messages, options or ChatOptions())
        clock = TokenClock()
        final: Json | None = None
        called = False

        def read(line: Json) -> list[ChatEvent]:
            nonlocal final, called
            if _is_done(line):
                final = line
            events = records.chat_deltas(line)
            if events and isinstance(events[-1], ToolCall):  # calls come last in a line
                called = True
            return events

        batches = self._batches(
            "/api/chat", body, model=model, is_last=_is_done, line_error=answer_error
        )
        try:
            async with aclosing(batches):
                async for batch in batches:
                    text = records.plain_text(batch)
                    if text is not None:
                        if text:
                            clock.tick()
                            yield TextDelta(text)
                        continue
                    events, _ = read_batch(batch, read, tick=clock.tick)  # reading cannot fail
                    for event in events:
                        yield event
        except ProviderError as error:
            if "tools" not in body:
                raise
            raise tools_refused(error, model, self._endpoint.where) from error.__cause__
        if final is None:
            raise StreamInterrupted(
                Text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "Ollama stopped the answer before it was finished. The model may have "
                        "crashed or Ollama restarted; try again.",
                    )
                ),
                detail="the stream ended without a done line",
            )
        reason = records.text(final, "done_reason") or "stop"
        if called and reason == "stop":
            reason = "tool_calls"  # as the other families (and Ollama's /v1) say it
        yield Done(reason=reason, stats=records.chat_stats(final, clock.first_seconds))

    def _url(self, path: str) -> str:
        return self._host + path

    async def _send(
        self, method: str, path: str, body: Mapping[str, object] | None = None, *, model: str = ""
    ) -> httpx.Response:
        import httpx

        try:
            response = await self._client.request(method, self._url(path), json=body)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise transport_error(exc, self._endpoint) from exc
        if response.status_code >= 400:
            raise ollama_status_error(response, response.content, model, self._endpoint)
        return response

    async def _json(
        self, method: str, path: str, body: Mapping[str, object] | None = None, *, model: str = ""
    ) -> Json:
        response = await self._send(method, path, body, model=model)
        return ollama_object(self._endpoint, response)

    async def _batches(
        self,
        path: str,
        body: Mapping[str, object],
        *,
        model: str,
        is_last: Callable[[Json], bool],
        line_error: Callable[[str], ProviderError],
    ) -> AsyncGenerator[list[Json], None]:
        """The NDJSON lines of a streamed POST up to the last one, failures translated,
        in lists of the lines that arrived together.

        An ``{"error": ...}`` line raises ``line_error``. After the last line the body
        is still read to its end (Ollama closes it right away), so the connection goes
        back to the pool and no httpx generator is left suspended; the last line is
        yielded once the response is closed. A body ending early just ends the lines.
        """
        import httpx

        last: Json | None = None
        malformed: str | None = None
        try:
            async with self._client.stream("POST", self._url(path), json=body) as response:
                if response.status_code >= 400:
                    raise ollama_status_error(
                        response, await response.aread(), model, self._endpoint
                    )
                async for batch in iter_ndjson_batches(response.aiter_bytes()):
                    if last is not None:
                        continue
                    self._heard_at = time.monotonic()
                    ready: list[Json] = []
                    for line in batch:
                        if "error" in line or is_last(line):
                            last = line
                            break
                        ready.append(line)
                    if ready:
                        yield ready
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise transport_error(exc, self._endpoint) from exc
        except ProtocolError as exc:
            malformed = exc.detail
        if malformed is not None:
            # Raised outside the handler so no traceback keeps httpx's half-read stream
            # generators alive until a garbage collection finalizes them off the loop.
            raise not_ollama(self._endpoint, malformed)
        if last is not None and "error" in last:
            raise line_error(records.text(last, "error"))
        if last is not None:
            yield [last]


def _is_done(line: Json) -> bool:
    return line.get("done") is True


def _is_success(line: Json) -> bool:
    return line.get("status") == "success"
