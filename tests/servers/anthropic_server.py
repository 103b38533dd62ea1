"""An Anthropic Messages API server on 127.0.0.1 for tests.

    server = AnthropicServer(api_key="sk-ant-test").start()
    anthropic.Anthropic(base_url=server.url, api_key="sk-ant-test").messages.stream(...)

Routes: POST /v1/messages (named SSE events, or one JSON message) and GET /v1/models
(paged with ``limit``/``after_id``). It checks what Anthropic checks: the key
(``x-api-key`` or a bearer token), ``anthropic-version``, a required ``max_tokens``,
the thinking budget, image blocks (base64 that really is the declared media type),
``tools`` (a name and an ``input_schema``) and that every ``tool_use`` is answered by a
``tool_result`` in the next user turn, and nowhere else.
Error bodies and the mid-stream ``event: error`` follow Anthropic's shapes.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from itertools import count
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.servers.faults import Fault
from tests.servers.loopback_http import Exchange, LoopbackServer
from tests.servers.response_sink import Sink
from tests.servers.scripted_reply import (
    InvalidImage,
    ReplyQueue,
    ScriptedReply,
    argument_pieces,
    count_words,
    decode_image,
)
from tests.servers.sse_sink import SseStream
from tests.servers.tool_turns import anthropic_tool_problem

MESSAGES = "/v1/messages"
MODELS = "/v1/models"
SIGNATURE = "EqQBCgIYAhIMparleytestsignature"
DEFAULT_MODELS = (
    ("claude-test-4-5", "Claude Test 4.5"),
    ("claude-test-vision", "Claude Test Vision"),
)
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def anthropic_error(status: int, message: str | None = None) -> dict[str, Any]:
    kind = ERROR_TYPES.get(status, "api_error")
    return {
        "type": "error",
        "error": {"type": kind, "message": message or kind.replace("_", " ")},
        "request_id": "req_011CParleyTest",
    }


def error_event(message: str) -> dict[str, Any]:
    return {
        "event": "error",
        "data": {"type": "error", "error": {"type": "overloaded_error", "message": message}},
    }


class InvalidRequest(ValueError):
    pass


class AnthropicServer(LoopbackServer):
    default_fault_path = MESSAGES

    def __init__(
        self,
        *,
        models: tuple[tuple[str, str], ...] = DEFAULT_MODELS,
        api_key: str | None = None,
        page_cap: int = 1000,
    ) -> None:
        super().__init__()
        self.models = list(models)
        self.page_cap = page_cap
        """The most models one /v1/models page holds, whatever ``limit`` asks."""
        self.api_key = api_key
        self.replies = ReplyQueue()
        self.received_images: list[tuple[str, bytes]] = []
        self.no_tools_models: set[str] = set()
        """Models that refuse ``tools`` as Ollama's /v1/messages route does."""
        self._ids = count(1)
        self.routes = {MESSAGES: {"POST": self._messages}, MODELS: {"GET": self._models}}

    def start(self) -> AnthropicServer:
        super().start()
        return self

    def inject(self, path: str | None = None, **fields: Any) -> Fault:
        """As LoopbackServer.inject; a status without a body gets Anthropic's error body."""
        if fields.get("status") is not None and fields.get("body") is None:
            fields["body"] = anthropic_error(fields["status"])
        return super().inject(path, **fields)

    def _refuse(self, exchange: Exchange, status: int, message: str) -> None:
        exchange.send_json(status, anthropic_error(status, message))

    def _checked(self, exchange: Exchange) -> bool:
        headers = exchange.handler.headers
        if self.api_key is not None:
            given = headers.get("x-api-key")
            if given is None and headers.get("Authorization", "").startswith("Bearer "):
                given = headers["Authorization"].removeprefix("Bearer ")
            if given is None:
                self._refuse(exchange, 401, "x-api-key header is required")
                return False
            if given != self.api_key:
                self._refuse(exchange, 401, "invalid x-api-key")
                return False
        if not headers.get("anthropic-version"):
            self._refuse(exchange, 400, "anthropic-version: header is required")
            return False
        return True

    def _models(self, exchange: Exchange) -> None:
        if not self._checked(exchange):
            return
        query = parse_qs(urlsplit(exchange.handler.path).query)
        limit = min(int(query.get("limit", ["20"])[0]), self.page_cap)
        ids = [model_id for model_id, _ in self.models]
        start = ids.index(query["after_id"][0]) + 1 if "after_id" in query else 0
        page = self.models[start : start + limit]
        exchange.send_json(
            HTTPStatus.OK,
            {
                "data": [
                    {
                        "type": "model",
                        "id": model_id,
                        "display_name": name,
                        "created_at": "2025-09-29T00:00:00Z",
                    }
                    for model_id, name in page
                ],
                "has_more": start + limit < len(self.models),
                "first_id": page[0][0] if page else None,
                "last_id": page[-1][0] if page else None,
            },
        )

    def _messages(self, exchange: Exchange) -> None:
        if not self._checked(exchange):
            return
        body = exchange.json_body()
        try:
            thinking, prompt_words = self._validate(body)
        except InvalidRequest as problem:
            self._refuse(exchange, 400, str(problem))
            return
        model = str(body["model"])
        if model not in [model_id for model_id, _ in self.models]:
            self._refuse(exchange, 404, f"model: {model}")
            return
        answer = _Message(f"msg_{next(self._ids):024d}", model, self.replies.take())
        answer.thinking = thinking
        answer.input_tokens = max(prompt_words, 1)
        if body.get("stream") is True:
            sink = SseStream(exchange, error_frame=error_event, error_body=anthropic_error)
            answer.stream(sink)
        else:
            exchange.send_json(HTTPStatus.OK, answer.whole())

    def _validate(self, body: dict[str, Any]) -> tuple[bool, int]:
        """Anthropic's checks; returns whether thinking is on and the prompt's word count."""
        if not body.get("model"):
            raise InvalidRequest("model: Field required")
        max_tokens = body.get("max_tokens")
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool):
            raise InvalidRequest("max_tokens: Field required")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise InvalidRequest("messages: at least one message is required")
        thinking = body.get("thinking")
        enabled = isinstance(thinking, dict) and thinking.get("type") == "enabled"
        if enabled:
            budget = thinking.get("budget_tokens") if isinstance(thinking, dict) else None
            if not isinstance(budget, int) or budget < 1024:
                raise InvalidRequest("thinking.enabled.budget_tokens: Input should be >= 1024")
            if budget >= max_tokens:
                raise InvalidRequest("`max_tokens` must be greater than `thinking.budget_tokens`")
            if body.get("temperature") not in (None, 1):
                raise InvalidRequest("`temperature` may only be set to 1 when thinking is enabled.")
        self._check_tools(body)
        words = count_words(str(body.get("system") or ""))
        for index, message in enumerate(messages):
            words += self._read_message(index, message)
        problem = anthropic_tool_problem(messages, thinking=enabled)
        if problem:
            raise InvalidRequest(problem)
        return enabled, words

    def _check_tools(self, body: dict[str, Any]) -> None:
        tools = body.get("tools")
        if tools and body.get("model") in self.no_tools_models:
            raise InvalidRequest(f"{body.get('model')} does not support tools")
        for index, tool in enumerate(tools or []):
            if not isinstance(tool, dict) or not tool.get("name"):
                raise InvalidRequest(f"tools.{index}.custom.name: Field required")
            if not isinstance(tool.get("input_schema"), dict):
                raise InvalidRequest(f"tools.{index}.custom.input_schema: Field required")

    def _read_message(self, index: int, message: Any) -> int:
        role = message.get("role") if isinstance(message, dict) else None
        if role not in ("user", "assistant"):
            raise InvalidRequest(f"messages.{index}.role: Input should be 'user' or 'assistant'")
        content = message.get("content")
        if isinstance(content, str):
            if not content:
                raise InvalidRequest(f"messages.{index}: content must be non-empty")
            return count_words(content)
        if not isinstance(content, list) or not content:
            raise InvalidRequest(f"messages.{index}: content must be non-empty")
        words = 0
        for block in content:
            kind = block.get("type")
            if kind == "text":
                if not block.get("text"):
                    raise InvalidRequest(f"messages.{index}: text content blocks must be non-empty")
                words += count_words(block["text"])
            elif kind == "image":
                source = block.get("source") or {}
                if source.get("type") != "base64":
                    raise InvalidRequest(f"messages.{index}: image source must be base64 here")
                media_type = str(source.get("media_type"))
                try:
                    image = decode_image(media_type, str(source.get("data", "")))
                except InvalidImage as problem:
                    raise InvalidRequest(f"messages.{index}: {problem}") from None
                self.received_images.append((media_type, image))
            elif kind == "thinking" and role == "assistant":
                if block.get("signature") != SIGNATURE:
                    raise InvalidRequest(
                        f"messages.{index}: Invalid `signature` in `thinking` block"
                    )
            elif kind == "tool_use" and role == "assistant":
                if not block.get("id") or not isinstance(block.get("input"), dict):
                    raise InvalidRequest(f"messages.{index}: tool_use needs an id and an input")
            elif kind == "tool_result" and role == "user":
                nested = block.get("content", "")
                if isinstance(nested, list):  # text and image blocks, read as a user turn's
                    words += self._read_message(index, {"role": "user", "content": nested})
                elif not isinstance(nested, str):
                    raise InvalidRequest(f"messages.{index}: tool_result content is invalid")
            else:
                raise InvalidRequest(f"messages.{index}: unsupported content block {kind!r}")
        return words


class _Message:
    """One scripted answer as Anthropic's named events, or as a whole message."""

    def __init__(self, message_id: str, model: str, reply: ScriptedReply) -> None:
        self.id = message_id
        self.model = model
        self.reply = reply
        self.thinking = False
        self.input_tokens = 1

    @property
    def stop_reason(self) -> str:
        return "tool_use" if self.reply.tool_calls else "end_turn"

    @property
    def output_tokens(self) -> int:
        thinking = len(self.reply.reasoning_pieces()) if self.thinking else 0
        return len(self.reply.pieces()) + thinking

    def _usage(self) -> dict[str, int]:
        return {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens}

    def events(self) -> list[dict[str, Any]]:
        reply = self.reply
        out = [
            _event(
                "message_start",
                message={
                    "id": self.id,
                    "type": "message",
                    "role": "assistant",
                    "content": [],
                    "model": self.model,
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": {"input_tokens": self.input_tokens, "output_tokens": 1},
                },
            )
        ]
        index = 0
        if self.thinking and reply.reasoning:
            out.append(_block_start(index, {"type": "thinking", "thinking": ""}))
            out += [
                _delta(index, {"type": "thinking_delta", "thinking": piece})
                for piece in reply.reasoning_pieces()
            ]
            out.append(_delta(index, {"type": "signature_delta", "signature": SIGNATURE}))
            out.append(_event("content_block_stop", index=index))
            index += 1
        if reply.text:
            out.append(_block_start(index, {"type": "text", "text": ""}))
            out.append(_event("ping"))
            out += [_delta(index, {"type": "text_delta", "text": p}) for p in reply.pieces()]
            out.append(_event("content_block_stop", index=index))
            index += 1
        for call in reply.tool_calls:
            block = {"type": "tool_use", "id": call.call_id, "name": call.name, "input": {}}
            out.append(_block_start(index, block))
            out += [
                _delta(index, {"type": "input_json_delta", "partial_json": piece})
                for piece in argument_pieces(call.arguments)
            ]
            out.append(_event("content_block_stop", index=index))
            index += 1
        out.append(
            _event(
                "message_delta",
                delta={"stop_reason": self.stop_reason, "stop_sequence": None},
                usage={"output_tokens": self.output_tokens},
            )
        )
        out.append(_event("message_stop"))
        return out

    def stream(self, sink: Sink) -> None:
        for event in self.events():
            if not sink.send(event):
                return
        sink.finish()

    def whole(self) -> dict[str, Any]:
        content: list[dict[str, Any]] = []
        if self.thinking and self.reply.reasoning:
            content.append(
                {"type": "thinking", "thinking": self.reply.reasoning, "signature": SIGNATURE}
            )
        if self.reply.text:
            content.append({"type": "text", "text": self.reply.text})
        content += [
            {
                "type": "tool_use",
                "id": call.call_id,
                "name": call.name,
                "input": json.loads(call.arguments),
            }
            for call in self.reply.tool_calls
        ]
        return {
            "id": self.id,
            "type": "message",
            "role": "assistant",
            "content": content,
            "model": self.model,
            "stop_reason": self.stop_reason,
            "stop_sequence": None,
            "usage": self._usage(),
        }


def _event(name: str, **fields: Any) -> dict[str, Any]:
    return {"event": name, "data": {"type": name, **fields}}


def _block_start(index: int, block: dict[str, Any]) -> dict[str, Any]:
    return _event("content_block_start", index=index, content_block=block)


def _delta(index: int, delta: dict[str, Any]) -> dict[str, Any]:
    return _event("content_block_delta", index=index, delta=delta)
