"""OpenAI-compatible servers: /models and streamed /chat/completions.

The same code talks to OpenAI, the many services with an OpenAI-compatible endpoint
(DeepSeek, Groq, OpenRouter, Gemini's, ...), local servers (llama.cpp, LM Studio,
vLLM, Ollama's /v1) and, through :class:`Routes`, Azure OpenAI.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass

from desktop.core.errors import ProviderError, StreamInterrupted
from desktop.core.events import ChatEvent, Done
from desktop.core.messages import ChatMessage, ChatOptions
from desktop.core.remote_model import RemoteModel
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers import openai_records as records
from desktop.providers.api_transport import ApiTransport
from desktop.providers.batches import read_batch
from desktop.providers.sse import SseEvent
from desktop.providers.token_clock import TokenClock
from desktop.providers.tool_support import tools_refused

DONE_MARKER = "[DONE]"


@dataclass(frozen=True, slots=True)
class Routes:
    """Where the two calls go. Azure's deployment form overrides all three."""

    base_url: str

    def chat_url(self, model: str) -> str:
        return f"{self.base_url.rstrip('/')}/chat/completions"

    def models_url(self) -> str | None:
        return f"{self.base_url.rstrip('/')}/models"

    def listed_models(self) -> tuple[str, ...]:
        """Models known without asking the server (when ``models_url`` is None)."""
        return ()


class OpenAICompatProvider:
    """One OpenAI-compatible endpoint. ``models`` is used when it has no model list."""

    def __init__(
        self,
        transport: ApiTransport,
        routes: Routes,
        *,
        models: Sequence[str] = (),
    ) -> None:
        self._transport = transport
        self._routes = routes
        self._static_models = tuple(models)

    def __repr__(self) -> str:
        return f"OpenAICompatProvider({self._routes!r}, {self._transport!r})"

    @property
    def where(self) -> Text:
        return self._transport.endpoint.where

    async def list_models(self) -> list[RemoteModel]:
        """The server's model list, or the configured names when it has none."""
        names = (*self._routes.listed_models(), *self._static_models)
        static = [RemoteModel(name) for name in names]
        url = self._routes.models_url()
        if url is None:
            return static
        body = await self._transport.get_json(url)
        models = records.model_list(body)
        if models is None:
            raise self._transport.scrub(
                self._transport.not_the_protocol(json.dumps(body, default=str)[:300])
            )
        known = {model.name for model in models}
        return models + [model for model in static if model.name not in known]

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
    ) -> AsyncIterator[ChatEvent]:
        """Stream one answer: thinking, text, then tool calls and :class:`Done`."""
        body = records.chat_body(model, messages, options or ChatOptions())
        clock = TokenClock()
        reader = records.ChunkReader()
        finished = finished_by_marker = False
        batches = self._transport.stream_events(self._routes.chat_url(model), body)

        def read(event: SseEvent) -> list[ChatEvent]:
            nonlocal finished, finished_by_marker
            if finished_by_marker:
                return []  # read to the end, so the connection goes back to the pool
            if event.data.strip() == DONE_MARKER:
                finished = finished_by_marker = True
                return []
            found = self._read(reader, event.data)
            finished = finished or bool(reader.finish_reason)
            return found

        try:
            async with aclosing(batches):
                async for batch in batches:
                    events, failure = read_batch(batch, read, tick=clock.tick)
                    for event in events:
                        yield event
                    if failure is not None:
                        raise failure
        except ProviderError as error:
            if "tools" in body:
                error = tools_refused(error, model, self.where)
            raise self._transport.scrub(error) from error.__cause__
        if not finished:
            raise StreamInterrupted(
                text(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "{where} stopped the answer before it was finished. Try again; if it "
                        "keeps happening, check the server or try another model.",
                    ),
                    where=self.where,
                ),
                detail="the stream ended without a finish reason or [DONE]",
            )
        for call in reader.finished_calls():
            yield call
        stats = reader.stats(clock.stats(reader.prompt_tokens, reader.completion_tokens))
        yield Done(reason=reader.finish_reason or "stop", stats=stats)

    def _read(self, reader: records.ChunkReader, data: str) -> list[ChatEvent]:
        try:
            payload: object = json.loads(data)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            raise self._transport.not_the_protocol(f"data: {data}")
        error = records.stream_error(payload, self.where)
        if error is not None:
            raise error
        return reader.read(payload)
