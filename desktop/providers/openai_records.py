"""OpenAI Chat Completions JSON: request bodies out, stream chunks and model lists in.

Lenient about what servers omit or add (``usage: null`` on every chunk, ``data: null``
model lists, ``reasoning`` vs ``reasoning_content``), strict about what comes out.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.core.errors import (
    AuthFailed,
    ProviderError,
    QuotaExceeded,
    RateLimited,
    ServerError,
)
from desktop.core.events import (
    ChatEvent,
    ChatStats,
    TextDelta,
    ThinkingDelta,
    ToolCall,
    ToolCallDelta,
)
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.remote_model import RemoteModel
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.text import text as say
from desktop.core.tools import ToolDefinition, tool_call
from desktop.providers.images import data_url
from desktop.providers.ollama_records import integer, mapping, text

Json = dict[str, object]
REASONING_KEYS = ("reasoning_content", "reasoning")
EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")


def chat_body(
    model: str, messages: Sequence[ChatMessage], options: ChatOptions, *, stream: bool = True
) -> Json:
    """The /chat/completions body; only options that are set are sent."""
    body: Json = {"model": model, "messages": wire_messages(messages)}
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    chosen: Mapping[str, object | None] = {
        "temperature": options.temperature,
        "top_p": options.top_p,
        "max_tokens": options.num_predict,
        "seed": options.seed,
    }
    body.update({key: value for key, value in chosen.items() if value is not None})
    if isinstance(options.think, str) and options.think in EFFORTS:
        body["reasoning_effort"] = options.think
    if options.tools:
        body["tools"] = [wire_tool(tool) for tool in options.tools]
    body.update(options.extra)
    return body


def wire_tool(tool: ToolDefinition) -> Json:
    """``{"type": "function", "function": {name, description, parameters}}``."""
    function: Json = {"name": tool.name, "parameters": dict(tool.parameters)}
    if tool.description:
        function["description"] = tool.description
    return {"type": "function", "function": function}


def wire_call(call: ToolCall) -> Json:
    """A call in an assistant turn; the arguments go back as the string the model sent."""
    arguments = call.raw_arguments or json.dumps(dict(call.arguments), ensure_ascii=False)
    return {
        "id": call.call_id,
        "type": "function",
        "function": {"name": call.name, "arguments": arguments},
    }


def wire_messages(messages: Sequence[ChatMessage]) -> list[Json]:
    """Every message; pictures a tool returned follow its run of ``tool`` messages in a
    user message, since OpenAI takes images only from the user and a ``tool`` message
    must come right after the call (or the other results) it answers."""
    out: list[Json] = []
    pictures: list[Json] = []
    for message in messages:
        result = message.tool_result if message.role is Role.TOOL else None
        if result is None and pictures:
            out.append({"role": "user", "content": pictures})
            pictures = []
        out.append(wire_message(message))
        if result is not None and result.images:
            said = f"Images returned by the tool {result.name} (call {result.call_id}):"
            pictures.append({"type": "text", "text": said})
            pictures += [_image_part(image) for image in result.images]
    if pictures:
        out.append({"role": "user", "content": pictures})
    return out


def _image_part(image: bytes) -> Json:
    return {"type": "image_url", "image_url": {"url": data_url(image)}}


def wire_message(message: ChatMessage) -> Json:
    """Text as a string; with images, a list of text and ``image_url`` data-URL parts.

    Thinking from earlier answers is not sent back (OpenAI rejects unknown message
    fields, DeepSeek ignores them), except as ``reasoning_content`` on a turn that called
    tools, which DeepSeek's thinking mode requires. An assistant's calls go in
    ``tool_calls`` (content null when it said nothing); a result is a ``tool`` message
    with its ``tool_call_id``; a tool message without a result (an old history) is user
    text.
    """
    result = message.tool_result
    if message.role is Role.TOOL and result is not None:
        return {"role": "tool", "tool_call_id": result.call_id, "content": result.text}
    if message.role is Role.ASSISTANT and message.tool_calls:
        wire: Json = {
            "role": "assistant",
            "content": message.content or None,
            "tool_calls": [wire_call(call) for call in message.tool_calls],
        }
        if message.thinking:  # DeepSeek's thinking mode refuses a call turn without it
            wire["reasoning_content"] = message.thinking
        return wire
    role = "user" if message.role is Role.TOOL else message.role.value
    if not message.images:
        return {"role": role, "content": message.content}
    parts: list[Json] = []
    if message.content:
        parts.append({"type": "text", "text": message.content})
    parts += [_image_part(image) for image in message.images]
    return {"role": role, "content": parts}


@dataclass
class PendingCall:
    index: int = 0
    call_id: str = ""
    name: str = ""
    arguments: list[str] = field(default_factory=list)

    def event(self) -> ToolCall:
        return tool_call(self.name, "".join(self.arguments), self.call_id, self.index)


@dataclass
class ChunkReader:
    """The state of one streamed answer: tool calls being assembled, finish, usage."""

    calls: dict[int, PendingCall] = field(default_factory=dict)
    finish_reason: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    timings: Json = field(default_factory=dict)
    """llama.cpp's own ``timings`` (predicted_n, predicted_ms, prompt_n, prompt_ms)."""

    def read(self, chunk: Json) -> list[ChatEvent]:
        """The text and thinking in one chunk; tool calls wait for :meth:`finished_calls`."""
        if isinstance(usage := chunk.get("usage"), dict):
            self.prompt_tokens = integer(usage, "prompt_tokens")
            self.completion_tokens = integer(usage, "completion_tokens")
        if isinstance(timings := chunk.get("timings"), dict):
            self.timings = timings
        events: list[ChatEvent] = []
        choices = chunk.get("choices")
        for choice in choices if isinstance(choices, list) else []:
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            delta = mapping(choice, "delta") or mapping(choice, "message")
            for key in REASONING_KEYS:
                if thinking := text(delta, key):
                    events.append(ThinkingDelta(thinking))
            if content := text(delta, "content"):
                events.append(TextDelta(content))
            if calls := delta.get("tool_calls"):  # nothing to do per text chunk
                events += self._assemble(calls)
            if reason := text(choice, "finish_reason"):
                self.finish_reason = reason
        return events

    def _assemble(self, deltas: object) -> list[ChatEvent]:
        """Pieces of calls added to the calls they belong to (by ``index``), and passed on."""
        pieces: list[ChatEvent] = []
        for position, delta in enumerate(deltas if isinstance(deltas, list) else []):
            if not isinstance(delta, dict):
                continue
            index = integer(delta, "index")
            if index is None:
                index = self._place(text(delta, "id"), position)
            pending = self.calls.setdefault(index, PendingCall(index))
            pending.call_id = text(delta, "id") or pending.call_id
            function = mapping(delta, "function")
            pending.name = text(function, "name") or pending.name
            arguments = function.get("arguments")
            if isinstance(arguments, dict):
                arguments = json.dumps(arguments, ensure_ascii=False)
            piece = arguments if isinstance(arguments, str) else ""
            pending.arguments.append(piece)
            pieces.append(ToolCallDelta(index, pending.name, pending.call_id, piece))
        return pieces

    def _place(self, call_id: str, position: int) -> int:
        """The index of a piece sent without one (Gemini's endpoint, some proxies): the
        call with its id, a new call for a new id, else the latest call (or its place)."""
        for index, pending in self.calls.items():
            if call_id and pending.call_id == call_id:
                return index
        if call_id and self.calls:
            return max(self.calls) + 1
        return max(self.calls, default=position)

    def stats(self, measured: ChatStats) -> ChatStats:
        """``measured`` (timed here) with the counts and times the server gave instead."""
        predicted_ms = _number(self.timings, "predicted_ms")
        prompt_ms = _number(self.timings, "prompt_ms")
        return dataclasses.replace(
            measured,
            prompt_tokens=_first(self.prompt_tokens, integer(self.timings, "prompt_n")),
            completion_tokens=_first(self.completion_tokens, integer(self.timings, "predicted_n")),
            eval_seconds=measured.eval_seconds if predicted_ms is None else predicted_ms / 1000,
            prompt_eval_seconds=None if prompt_ms is None else prompt_ms / 1000,
        )

    def finished_calls(self) -> list[ToolCall]:
        """Every assembled tool call, in index order; emptied once taken."""
        calls = [self.calls[index].event() for index in sorted(self.calls)]
        self.calls.clear()
        return calls


def _number(record: Json, key: str) -> float | None:
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value >= 0 else None


def _first(*values: int | None) -> int | None:
    return next((value for value in values if value is not None), None)


def stream_error(payload: object, where: str | Text) -> ProviderError | None:
    """The error an ``{"error": ...}`` frame inside a 200 stream reports, if it is one."""
    if not isinstance(payload, dict):
        return None
    error = payload.get("error")
    if not error:
        return None
    details = error if isinstance(error, dict) else {"message": str(error)}
    words = text(details, "message")
    said = Text.plain(words) if words else Text(QT_TRANSLATE_NOOP("core", "no reason given"))
    kind = " ".join(str(details.get(key) or "") for key in ("type", "code", "status")).lower()
    if "quota" in kind or "billing" in kind:
        return QuotaExceeded(
            say(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} stopped the answer because the account's quota or credit is used "
                    "up: {said} Check the plan and billing of the account.",
                ),
                where=where,
                said=said,
            ),
            detail=str(said),
        )
    if "rate_limit" in kind or "429" in kind:
        return RateLimited(
            say(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} stopped the answer because of a rate limit: {said} Wait a moment "
                    "and try again.",
                ),
                where=where,
                said=said,
            ),
            detail=str(said),
        )
    if "auth" in kind or "api_key" in kind or "401" in kind or "permission" in kind:
        return AuthFailed(
            say(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} stopped the answer because access was refused: {said} Check the "
                    "API key in Settings.",
                ),
                where=where,
                said=said,
            ),
            detail=str(said),
        )
    return ServerError(
        say(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} reported an error in the middle of the answer: {said} Try again; if "
                "it repeats, try another model.",
            ),
            where=where,
            said=said,
        ),
        detail=str(said),
    )


def model_list(body: object) -> list[RemoteModel] | None:
    """``{"data": [...]}`` (``null`` means none), or a bare list; None if neither."""
    if isinstance(body, dict):
        if "data" not in body:
            return None
        entries = body["data"]
        if entries is None:
            return []
    else:
        entries = body
    if not isinstance(entries, list):
        return None
    models = [_remote_model(entry) for entry in entries if isinstance(entry, dict)]
    return sorted({model.name: model for model in models if model.name}.values(), key=_by_name)


def _by_name(model: RemoteModel) -> str:
    return model.name.lower()


def _remote_model(entry: Json) -> RemoteModel:
    name = text(entry, "id") or text(entry, "name")
    created = integer(entry, "created")
    return RemoteModel(
        name=name.removeprefix("models/"),
        display_name=text(entry, "display_name"),
        owned_by=text(entry, "owned_by"),
        created=datetime.fromtimestamp(created, UTC) if created else None,
    )
