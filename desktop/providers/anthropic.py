"""Anthropic's Messages API: /v1/messages streamed as named server-sent events, /v1/models.

The stream is read by event name (``message_start``, ``content_block_delta``, ...), as
Anthropic's own SDK does; unknown events are ignored, ``ping`` is skipped and an
``error`` event becomes an error of the tree even after a 200.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ModelNotFound,
    ProviderError,
    RateLimited,
    ServerError,
    StreamInterrupted,
)
from desktop.core.events import (
    ChatEvent,
    Done,
    TextDelta,
    ThinkingDelta,
    ThinkingSignature,
    ToolCall,
    ToolCallDelta,
)
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.remote_model import RemoteModel
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.text import text as say
from desktop.core.tools import tool_call
from desktop.providers.anthropic_content import content_blocks, wire_tool
from desktop.providers.api_transport import ApiTransport
from desktop.providers.batches import read_batch
from desktop.providers.ollama_records import integer, mapping, parse_timestamp, text
from desktop.providers.sse import SseEvent
from desktop.providers.token_clock import TokenClock
from desktop.providers.tool_support import tools_refused

Json = dict[str, object]
API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 4096
THINKING_BUDGETS = {"low": 1024, "medium": 4096, "high": 16000, "max": 32000}
DEFAULT_THINKING_BUDGET = THINKING_BUDGETS["medium"]
STOP_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
}
MODEL_PAGES = 20


def chat_body(model: str, messages: Sequence[ChatMessage], options: ChatOptions) -> Json:
    """The /v1/messages body. ``max_tokens`` is required: the option, or a default.

    Thinking (``think`` True or a level) turns on extended thinking with a token
    budget; Anthropic then refuses a custom temperature or top_p, so they are left out.
    """
    system = "\n\n".join(m.content for m in messages if m.role is Role.SYSTEM and m.content)
    body: Json = {"model": model, "messages": wire_messages(messages), "stream": True}
    if system:
        body["system"] = system
    budget = _thinking_budget(options.think)
    if budget is not None:
        body["thinking"] = {"type": "enabled", "budget_tokens": budget}
        body["max_tokens"] = max(options.num_predict or 0, budget + DEFAULT_MAX_TOKENS)
    else:
        body["max_tokens"] = options.num_predict or DEFAULT_MAX_TOKENS
        for key, value in (("temperature", options.temperature), ("top_p", options.top_p)):
            if value is not None:
                body[key] = value
    if options.tools:
        body["tools"] = [wire_tool(tool) for tool in options.tools]
    body.update(options.extra)
    return body


def _thinking_budget(think: bool | str | None) -> int | None:
    if think is True:
        return DEFAULT_THINKING_BUDGET
    if isinstance(think, str):
        return THINKING_BUDGETS.get(think, DEFAULT_THINKING_BUDGET)
    return None


def wire_messages(messages: Sequence[ChatMessage]) -> list[Json]:
    """User and assistant turns as content blocks, consecutive same-role turns merged.

    System messages go to the top-level ``system``. An assistant's calls are
    ``tool_use`` blocks; their results ``tool_result`` blocks in the user turn that
    follows (a tool message without a result, from an old history, is user text).
    Earlier thinking is not sent back (it may be left out), except on a turn that
    called tools and kept its signature: with thinking on, Anthropic wants that turn
    to start with its signed thinking block.
    """
    out: list[Json] = []
    for message in messages:
        if message.role is Role.SYSTEM:
            continue
        blocks = content_blocks(message)
        if not blocks:
            continue
        role = "assistant" if message.role is Role.ASSISTANT else "user"
        if out and out[-1]["role"] == role:
            previous = out[-1]["content"]
            assert isinstance(previous, list)
            previous.extend(blocks)
        else:
            out.append({"role": role, "content": blocks})
    return out


@dataclass
class _Block:
    kind: str
    call_id: str = ""
    name: str = ""
    json_parts: list[str] = field(default_factory=list)
    initial_input: object = None
    order: int = 0
    """Which tool_use block of the message this is (0, 1...): the call's index."""

    def tool_call(self) -> ToolCall:
        arguments = "".join(self.json_parts)
        if not arguments and isinstance(self.initial_input, dict):
            return tool_call(self.name, self.initial_input, self.call_id, self.order)
        return tool_call(self.name, arguments, self.call_id, self.order)


@dataclass
class MessageReader:
    """The state of one streamed message: open blocks, stop reason, usage."""

    where: str | Text
    blocks: dict[int, _Block] = field(default_factory=dict)
    stop_reason: str = ""
    input_tokens: int | None = None
    output_tokens: int | None = None
    stopped: bool = False
    tool_uses: int = 0

    def read(self, name: str, payload: Json) -> list[ChatEvent]:
        handler = getattr(self, "_on_" + name, None)
        if handler is None:
            return []
        events: list[ChatEvent] = handler(payload)
        return events

    def _usage(self, usage: Json) -> None:
        inputs = [integer(usage, key) for key in ("input_tokens", "cache_read_input_tokens")]
        inputs.append(integer(usage, "cache_creation_input_tokens"))
        if any(value is not None for value in inputs):
            self.input_tokens = sum(value or 0 for value in inputs)
        if (output := integer(usage, "output_tokens")) is not None:
            self.output_tokens = output

    def _on_message_start(self, payload: Json) -> list[ChatEvent]:
        self._usage(mapping(mapping(payload, "message"), "usage"))
        return []

    def _on_content_block_start(self, payload: Json) -> list[ChatEvent]:
        block = mapping(payload, "content_block")
        kind = text(block, "type")
        index = integer(payload, "index") or 0
        self.blocks[index] = _Block(
            kind,
            text(block, "id"),
            text(block, "name"),
            initial_input=block.get("input"),
            order=self.tool_uses,
        )
        if kind == "tool_use":
            self.tool_uses += 1
            return [ToolCallDelta(self.tool_uses - 1, text(block, "name"), text(block, "id"))]
        if kind == "text" and (start := text(block, "text")):
            return [TextDelta(start)]
        if kind == "thinking" and (start := text(block, "thinking")):
            return [ThinkingDelta(start)]
        return []

    def _on_content_block_delta(self, payload: Json) -> list[ChatEvent]:
        delta = mapping(payload, "delta")
        kind = text(delta, "type")
        if kind == "text_delta" and (piece := text(delta, "text")):
            return [TextDelta(piece)]
        if kind == "thinking_delta" and (piece := text(delta, "thinking")):
            return [ThinkingDelta(piece)]
        if kind == "signature_delta" and (signature := text(delta, "signature")):
            return [ThinkingSignature(signature)]
        if kind == "input_json_delta":
            block = self.blocks.setdefault(integer(payload, "index") or 0, _Block("tool_use"))
            piece = text(delta, "partial_json")
            block.json_parts.append(piece)
            return [ToolCallDelta(block.order, block.name, block.call_id, piece)]
        return []

    def _on_content_block_stop(self, payload: Json) -> list[ChatEvent]:
        block = self.blocks.pop(integer(payload, "index") or 0, None)
        if block is not None and block.kind == "tool_use":
            return [block.tool_call()]
        return []

    def _on_message_delta(self, payload: Json) -> list[ChatEvent]:
        if reason := text(mapping(payload, "delta"), "stop_reason"):
            self.stop_reason = reason
        self._usage(mapping(payload, "usage"))
        return []

    def _on_message_stop(self, payload: Json) -> list[ChatEvent]:
        self.stopped = True
        return []

    def _on_error(self, payload: Json) -> list[ChatEvent]:
        raise stream_error(mapping(payload, "error"), self.where)


def stream_error(error: Json, where: str | Text) -> ProviderError:
    """An ``event: error`` frame (a 200 stream that failed) as an error of the tree."""
    kind = text(error, "type")
    words = text(error, "message") or kind
    said = Text.plain(words) if words else Text(QT_TRANSLATE_NOOP("core", "no reason given"))
    if kind == "rate_limit_error":
        return RateLimited(
            say(
                QT_TRANSLATE_NOOP(
                    "core", "{where} stopped the answer: {said}. Wait a moment and try again."
                ),
                where=where,
                said=said,
            )
        )
    if kind in ("authentication_error", "permission_error"):
        return AuthFailed(
            say(
                QT_TRANSLATE_NOOP(
                    "core", "{where} refused access: {said}. Check the API key in Settings."
                ),
                where=where,
                said=said,
            )
        )
    if kind == "not_found_error":
        return ModelNotFound(
            say(
                QT_TRANSLATE_NOOP(
                    "core", "{where} does not know the model: {said}. Choose another model."
                ),
                where=where,
                said=said,
            )
        )
    if kind in ("invalid_request_error", "request_too_large"):
        return BadRequest(
            say(
                QT_TRANSLATE_NOOP("core", "{where} rejected the request: {said}."),
                where=where,
                said=said,
            )
        )
    if kind == "overloaded_error":
        template = QT_TRANSLATE_NOOP(
            "core",
            "{where} stopped the answer with an error ({kind}): {said}. Anthropic is "
            "overloaded right now; try again in a moment.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "core",
            "{where} stopped the answer with an error ({kind}): {said}. Try again in a moment.",
        )
    return ServerError(
        say(template, where=where, kind=kind or "unknown", said=said), detail=str(said)
    )


class AnthropicProvider:
    """The Messages API at ``base_url`` (``https://api.anthropic.com``, no /v1)."""

    def __init__(self, transport: ApiTransport, base_url: str, *, version: str = API_VERSION):
        self._transport = transport
        self._base = base_url.rstrip("/").removesuffix("/v1")
        self._headers = {"anthropic-version": version}

    def __repr__(self) -> str:
        return f"AnthropicProvider({self._base!r}, {self._transport!r})"

    @property
    def where(self) -> Text:
        return self._transport.endpoint.where

    async def list_models(self) -> list[RemoteModel]:
        """Every page of /v1/models, newest first as Anthropic orders them."""
        models: list[RemoteModel] = []
        params: dict[str, str | int] = {"limit": 1000}
        for _ in range(MODEL_PAGES):
            body = await self._transport.get_json(
                f"{self._base}/v1/models", params=params, headers=self._headers
            )
            entries = body.get("data") if isinstance(body, dict) else None
            if not isinstance(body, dict) or not isinstance(entries, list):
                raise self._transport.scrub(
                    self._transport.not_the_protocol(json.dumps(body, default=str)[:300])
                )
            models += [_remote_model(entry) for entry in entries if isinstance(entry, dict)]
            last = text(body, "last_id")
            if body.get("has_more") is not True or not last:
                break
            params["after_id"] = last
        return [model for model in models if model.name]

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
    ) -> AsyncIterator[ChatEvent]:
        body = chat_body(model, messages, options or ChatOptions())
        reader = MessageReader(self.where)
        clock = TokenClock()
        batches = self._transport.stream_events(
            f"{self._base}/v1/messages", body, headers=self._headers
        )

        def read(event: SseEvent) -> list[ChatEvent]:
            payload = self._payload(event.data)
            name = event.event if event.event != "message" else text(payload, "type")
            return reader.read(name, payload)

        try:
            async with aclosing(batches):
                async for batch in batches:
                    events, failure = read_batch(
                        batch, read, tick=clock.tick, until=lambda: reader.stopped
                    )
                    for event in events:
                        yield event
                    if failure is not None:
                        raise failure
                    if reader.stopped:
                        break
        except ProviderError as error:
            if "tools" in body:
                error = tools_refused(error, model, self.where)
            raise self._transport.scrub(error) from error.__cause__
        if not reader.stopped:
            raise StreamInterrupted(
                say(
                    QT_TRANSLATE_NOOP(
                        "core", "{where} stopped the answer before it was finished. Try again."
                    ),
                    where=self.where,
                ),
                detail="the stream ended without message_stop",
            )
        reason = STOP_REASONS.get(reader.stop_reason, reader.stop_reason or "stop")
        yield Done(reason=reason, stats=clock.stats(reader.input_tokens, reader.output_tokens))

    def _payload(self, data: str) -> Json:
        try:
            payload: object = json.loads(data)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            raise self._transport.not_the_protocol(f"data: {data}")
        return payload


def _remote_model(entry: Json) -> RemoteModel:
    return RemoteModel(
        name=text(entry, "id"),
        display_name=text(entry, "display_name"),
        created=parse_timestamp(entry.get("created_at")),
    )
