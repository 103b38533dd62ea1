"""An OpenAI Chat Completions server on 127.0.0.1, with Azure OpenAI's two URL forms.

    server = OpenAIServer(api_key="sk-test").start()
    server.replies.push(ScriptedReply(text="Hi", reasoning="Let me think"))
    openai.OpenAI(base_url=server.url + "/v1", api_key="sk-test").chat.completions...
    server.stop()

Routes: GET /v1/models, POST /v1/chat/completions (SSE or one JSON answer), POST
/v1/embeddings (real MiniLM vectors for ``embedding_models``). Azure:
POST /openai/deployments/{deployment}/chat/completions?api-version=... (``api-key``
header, the version checked) and the v1 form under /openai/v1/. Shapes follow the
OpenAI API and the official SDK's parsing; error bodies are OpenAI's (Azure's on Azure
routes). One deliberate difference: a wrong key is echoed back in full in the 401
message (OpenAI masks it), so tests can check that the client never shows it.
"""

from __future__ import annotations

import time
from http import HTTPStatus
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.servers.embed_routes import handle_openai_embeddings
from tests.servers.faults import Fault
from tests.servers.loopback_http import BadRequest, Exchange, LoopbackServer
from tests.servers.scripted_reply import (
    InvalidImage,
    ReplyQueue,
    ScriptedReply,
    count_words,
    decode_image,
)
from tests.servers.sse_sink import SseStream
from tests.servers.tool_turns import call_deltas, openai_tool_problem

CHAT = "/v1/chat/completions"
EMBEDDINGS = "/v1/embeddings"
MODELS = "/v1/models"
AZURE_V1_CHAT = "/openai/v1/chat/completions"
AZURE_V1_MODELS = "/openai/v1/models"
AZURE_DEPLOYMENTS = "/openai/deployments/"
AZURE_API_VERSIONS = ("2024-06-01", "2024-10-21", "2025-04-01-preview")
DEFAULT_MODELS = ("gpt-test", "gpt-4o-test")

ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    413: ("invalid_request_error", "request_too_large"),
    429: ("requests", "rate_limit_exceeded"),
}


def openai_error(status: int, message: str | None = None) -> dict[str, Any]:
    """OpenAI's error body for ``status``: ``{"error": {message, type, param, code}}``."""
    kind, code = ERROR_TYPES.get(status, ("server_error", None))
    text = message or {
        401: "Incorrect API key provided.",
        403: "Country, region, or territory not supported",
        404: "The model does not exist or you do not have access to it.",
        413: "Request too large.",
        429: "Rate limit reached for requests. Please try again in 20s.",
        503: "The engine is currently overloaded, please try again later",
    }.get(status, "The server had an error processing your request.")
    return {"error": {"message": text, "type": kind, "param": None, "code": code}}


def azure_error(status: int, message: str | None = None) -> dict[str, Any]:
    """Azure's shape: ``{"error": {"code": ..., "message": ...}}``."""
    codes = {401: "401", 404: "DeploymentNotFound", 429: "429"}
    return {
        "error": {
            "code": codes.get(status, str(status)),
            "message": message or openai_error(status)["error"]["message"],
        }
    }


def stream_error_frame(message: str) -> dict[str, Any]:
    return {"event": None, "data": openai_error(500, message)}


class OpenAIServer(LoopbackServer):
    default_fault_path = CHAT

    def __init__(
        self,
        *,
        models: tuple[str, ...] = DEFAULT_MODELS,
        api_key: str | None = None,
        deployments: dict[str, str] | None = None,
        null_model_list: bool = False,
    ) -> None:
        super().__init__()
        self.models = list(models)
        self.api_key = api_key
        self.deployments = dict(deployments or {"chat": "gpt-4o-test"})
        self.null_model_list = null_model_list
        """With no models, answer ``"data": null`` as Ollama's /v1/models does."""
        self.replies = ReplyQueue()
        self.received_images: list[tuple[str, bytes]] = []
        """(declared media type, decoded bytes) of every image sent, in order."""
        self.no_tools_models: set[str] = set()
        """Models that refuse ``tools`` as Ollama's /v1 does (400 "does not support tools")."""
        self.needs_reasoning_back = False
        """As DeepSeek's thinking mode: a call turn must come back with its reasoning."""
        self.embedding_models: dict[str, Path] = {}
        """Models /v1/embeddings answers, by name: GGUF files run by tests.servers.embed_routes."""
        self._ids = count(1)
        self.routes = {
            MODELS: {"GET": self._models},
            EMBEDDINGS: {"POST": lambda exchange: handle_openai_embeddings(self, exchange)},
            CHAT: {"POST": self._chat},
            AZURE_V1_MODELS: {"GET": self._azure_v1_models},
            AZURE_V1_CHAT: {"POST": self._azure_v1_chat},
        }
        for deployment in self.deployments:
            self.routes[f"{AZURE_DEPLOYMENTS}{deployment}/chat/completions"] = {
                "POST": self._azure_deployment_chat
            }

    def start(self) -> OpenAIServer:
        super().start()
        return self

    def inject(self, path: str | None = None, **fields: Any) -> Fault:
        """As LoopbackServer.inject; a status without a body gets OpenAI's error body."""
        if fields.get("status") is not None and fields.get("body") is None:
            azure = (path or "").startswith("/openai/")
            fields["body"] = (azure_error if azure else openai_error)(fields["status"])
        return super().inject(path, **fields)

    def route_missing(self, exchange: Exchange) -> None:
        if exchange.path.startswith(AZURE_DEPLOYMENTS):
            exchange.send_json(
                HTTPStatus.NOT_FOUND,
                azure_error(
                    404,
                    "The API deployment for this resource does not exist. If you created the "
                    "deployment within the last 5 minutes, please wait a moment and try again.",
                ),
            )
            return
        super().route_missing(exchange)

    # -- auth ----------------------------------------------------------------------------

    def _bearer_ok(self, exchange: Exchange) -> bool:
        if self.api_key is None:
            return True
        given = exchange.handler.headers.get("Authorization", "")
        if given == f"Bearer {self.api_key}":
            return True
        if not given:
            message = (
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            )
        else:
            presented = given.removeprefix("Bearer ")
            message = (
                f"Incorrect API key provided: {presented}. You can find your API key at "
                "https://platform.openai.com/account/api-keys."
            )
        exchange.send_json(HTTPStatus.UNAUTHORIZED, openai_error(401, message))
        return False

    def _azure_key_ok(self, exchange: Exchange, *, bearer_too: bool = False) -> bool:
        headers = exchange.handler.headers
        given = headers.get("api-key")
        if bearer_too and given is None and headers.get("Authorization", "").startswith("Bearer "):
            given = headers["Authorization"].removeprefix("Bearer ")
        if self.api_key is None or given == self.api_key:
            return True
        exchange.send_json(
            HTTPStatus.UNAUTHORIZED,
            azure_error(
                401,
                "Access denied due to invalid subscription key or wrong API endpoint. Make "
                "sure to provide a valid key for an active subscription and use a correct "
                "regional API endpoint for your resource.",
            ),
        )
        return False

    # -- routes --------------------------------------------------------------------------

    def _models(self, exchange: Exchange) -> None:
        if self._bearer_ok(exchange):
            self._send_models(exchange)

    def _azure_v1_models(self, exchange: Exchange) -> None:
        if self._azure_key_ok(exchange, bearer_too=True):
            self._send_models(exchange)

    def _send_models(self, exchange: Exchange) -> None:
        data: list[dict[str, Any]] | None = [
            {"id": model, "object": "model", "created": 1715367049, "owned_by": "system"}
            for model in self.models
        ]
        if not data and self.null_model_list:
            data = None
        exchange.send_json(HTTPStatus.OK, {"object": "list", "data": data})

    def _chat(self, exchange: Exchange) -> None:
        if self._bearer_ok(exchange):
            self._answer(exchange, known=self.models, errors=openai_error)

    def _azure_v1_chat(self, exchange: Exchange) -> None:
        if self._azure_key_ok(exchange, bearer_too=True):
            self._answer(exchange, known=self.models, errors=azure_error)

    def _azure_deployment_chat(self, exchange: Exchange) -> None:
        if not self._azure_key_ok(exchange):
            return
        query = parse_qs(urlsplit(exchange.handler.path).query)
        versions = query.get("api-version")
        if not versions:
            exchange.send_json(HTTPStatus.NOT_FOUND, azure_error(404, "Resource not found"))
            return
        if versions[0] not in AZURE_API_VERSIONS:
            exchange.send_json(
                HTTPStatus.BAD_REQUEST, azure_error(400, "API version not supported")
            )
            return
        deployment = exchange.path.removeprefix(AZURE_DEPLOYMENTS).split("/")[0]
        self._answer(exchange, known=None, errors=azure_error, model=self.deployments[deployment])

    # -- chat ----------------------------------------------------------------------------

    def _answer(
        self,
        exchange: Exchange,
        *,
        known: list[str] | None,
        errors: Any,
        model: str | None = None,
    ) -> None:
        body = exchange.json_body()
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            exchange.send_json(HTTPStatus.BAD_REQUEST, errors(400, "[] is too short - 'messages'"))
            return
        model = model or str(body.get("model") or "")
        if known is not None and model not in known:
            exchange.send_json(
                HTTPStatus.NOT_FOUND,
                errors(404, f"The model `{model}` does not exist or you do not have access to it."),
            )
            return
        problem = openai_tool_problem(
            body, model in self.no_tools_models, needs_reasoning=self.needs_reasoning_back
        )
        if problem:
            exchange.send_json(HTTPStatus.BAD_REQUEST, errors(400, problem))
            return
        try:
            images, prompt_words = self._read_messages(messages)
        except InvalidImage as problem:
            exchange.send_json(HTTPStatus.BAD_REQUEST, errors(400, str(problem)))
            return
        self.received_images.extend(images)
        reply = self.replies.take()
        answer = _Answer(f"chatcmpl-{next(self._ids)}", model, reply, prompt_words)
        if body.get("stream") is True:
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            sink = SseStream(
                exchange,
                error_frame=stream_error_frame,
                error_body=lambda status, message: errors(status, message),
            )
            answer.stream(sink, include_usage)
        else:
            fault = exchange.fault
            if fault is not None and fault.token_delay:
                exchange.pause(fault.token_delay)
            exchange.send_json(HTTPStatus.OK, answer.whole())

    @staticmethod
    def _read_messages(messages: list[Any]) -> tuple[list[tuple[str, bytes]], int]:
        images: list[tuple[str, bytes]] = []
        words = 0
        for message in messages:
            content = message.get("content") if isinstance(message, dict) else None
            if isinstance(content, str):
                words += count_words(content)
                continue
            for part in content if isinstance(content, list) else []:
                if part.get("type") == "text":
                    words += count_words(str(part.get("text", "")))
                elif part.get("type") == "image_url":
                    url = part.get("image_url")
                    url = url.get("url") if isinstance(url, dict) else url
                    images.append(_data_url_image(str(url)))
                else:
                    raise BadRequest(f"unsupported content part type {part.get('type')!r}")
        return images, words


def _data_url_image(url: str) -> tuple[str, bytes]:
    head, comma, data = url.partition(",")
    if not comma or not head.startswith("data:") or not head.endswith(";base64"):
        raise InvalidImage("Invalid image URL: only base64 data URLs are accepted here")
    media_type = head.removeprefix("data:").removesuffix(";base64")
    return media_type, decode_image(media_type, data)


class _Answer:
    """One scripted answer as chunks or as a whole ``chat.completion``."""

    def __init__(self, answer_id: str, model: str, reply: ScriptedReply, prompt_words: int):
        self.id = answer_id
        self.model = model
        self.reply = reply
        self.created = int(time.time())
        self.prompt_tokens = max(prompt_words, 1)
        self.completion_tokens = len(reply.pieces()) + len(reply.reasoning_pieces())

    @property
    def finish_reason(self) -> str:
        return "tool_calls" if self.reply.tool_calls else "stop"

    def usage(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
        }

    def _chunk(self, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "event": None,
            "data": {
                "id": self.id,
                "object": "chat.completion.chunk",
                "created": self.created,
                "model": self.model,
                "system_fingerprint": "fp_parley_test",
                "choices": [
                    {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
                ],
            },
        }

    def chunks(self, include_usage: bool) -> list[dict[str, Any]]:
        reply = self.reply
        out = [self._chunk({"role": "assistant", "content": "", "refusal": None})]
        out += [self._chunk({reply.reasoning_key: piece}) for piece in reply.reasoning_pieces()]
        out += [self._chunk({"content": piece}) for piece in reply.pieces()]
        out += [
            self._chunk({"tool_calls": deltas})
            for deltas in call_deltas(reply.tool_calls, interleave=reply.interleave_calls)
        ]
        last = self._chunk({}, self.finish_reason)
        if reply.server_timings_ms is not None:
            last["data"]["timings"] = self.timings(reply.server_timings_ms)
        out.append(last)
        if include_usage and reply.sends_usage:
            usage = self._chunk({})
            usage["data"] = {**usage["data"], "choices": [], "usage": self.usage()}
            out.append(usage)
        out.append({"event": None, "data": "[DONE]"})
        return out

    def timings(self, predicted_ms: float) -> dict[str, float]:
        """llama.cpp server's own measurements, as in its last chunk."""
        prompt_ms = 12.5
        return {
            "prompt_n": self.prompt_tokens,
            "prompt_ms": prompt_ms,
            "prompt_per_token_ms": prompt_ms / self.prompt_tokens,
            "prompt_per_second": self.prompt_tokens / prompt_ms * 1000,
            "predicted_n": self.completion_tokens,
            "predicted_ms": predicted_ms,
            "predicted_per_token_ms": predicted_ms / max(self.completion_tokens, 1),
            "predicted_per_second": self.completion_tokens / predicted_ms * 1000,
        }

    def stream(self, sink: SseStream, include_usage: bool) -> None:
        if not sink.exchange.pause(self.reply.first_byte_delay):
            return
        chunks = self.chunks(include_usage)
        if self.reply.in_one_write:
            sink.send_together(chunks)
        else:
            for chunk in chunks:
                if not sink.send(chunk):
                    return
        sink.finish()

    def whole(self) -> dict[str, Any]:
        reply = self.reply
        message: dict[str, Any] = {"role": "assistant", "content": reply.text, "refusal": None}
        if reply.reasoning:
            message[reply.reasoning_key] = reply.reasoning
        if reply.tool_calls:
            message["tool_calls"] = [
                {
                    "id": call.call_id,
                    "type": "function",
                    "function": {"name": call.name, "arguments": call.arguments},
                }
                for call in reply.tool_calls
            ]
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "system_fingerprint": "fp_parley_test",
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "logprobs": None,
                    "finish_reason": self.finish_reason,
                }
            ],
            "usage": self.usage(),
        }
