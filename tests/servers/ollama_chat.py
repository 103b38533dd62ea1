"""POST /api/chat: Ollama's request checks and chunk shapes around real llama.cpp generation.

A model published with the ``thinking`` capability first streams THINKING_TEXT as
``thinking`` chunks, one per token of the model's own tokenizer (a fixed text: the tiny
model can only say its one sentence), then the generated answer as ``content`` chunks.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import string
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from tests.servers.llama_engine import GenerationStats, PromptTooLong, Sampling, load_model
from tests.servers.loopback_http import BadRequest, Exchange
from tests.servers.model_store import InstalledModel, ModelName
from tests.servers.response_sink import Sink

if TYPE_CHECKING:
    from tests.servers.ollama_server import OllamaServer

THINKING_TEXT = "The user wrote to me. I only know one sentence, so I will say it."
THINK_LEVELS = ("high", "medium", "low", "max")
DEFAULT_NUM_CTX = 4096
INTEGER_OPTIONS = {"num_ctx", "num_predict", "seed", "top_k", "num_keep", "repeat_last_n"}
NUMBER_OPTIONS = {"temperature", "top_p", "min_p", "repeat_penalty", "presence_penalty"}
BASE64_ALPHABET = frozenset(string.ascii_letters + string.digits + "+/")
GO_DURATION = re.compile(r"^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|ms|s|m|h))+$")
DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
FOREVER = timedelta(days=106_751)  # what a negative keep_alive means: Go's max duration


def now_rfc3339() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def decode_base64(text: str) -> bytes:
    """Go's strict StdEncoding decode, with its error text for the first bad byte."""
    text = text.replace("\r", "").replace("\n", "")
    body = text.rstrip("=")
    bad = next((i for i, char in enumerate(body) if char not in BASE64_ALPHABET), None)
    if bad is None and len(text) % 4:
        bad = len(text) - len(text) % 4
    if bad is not None:
        raise BadRequest(f"illegal base64 data at input byte {bad}")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise BadRequest(f"illegal base64 data at input byte {len(body)}") from error


def parse_keep_alive(value: Any) -> timedelta | None:
    """Ollama's keep_alive: seconds, or a Go duration string; negative means forever."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadRequest("json: cannot unmarshal bool into Go value of type api.Duration")
    if isinstance(value, int | float):
        seconds = float(value)
    elif value == "0":
        seconds = 0.0
    elif isinstance(value, str) and GO_DURATION.match(value):
        parts = re.findall(r"(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)", value)
        seconds = sum(float(amount) * DURATION_UNITS[unit] for amount, unit in parts)
        seconds = -seconds if value.startswith("-") else seconds
    else:
        raise BadRequest(f'time: invalid duration "{value}"')
    return FOREVER if seconds < 0 else timedelta(seconds=seconds)


def parse_options(options: Any) -> dict[str, Any]:
    if not isinstance(options, dict):
        return {}
    for key, value in options.items():
        integral = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        if key in INTEGER_OPTIONS and (isinstance(value, bool) or not integral):
            raise BadRequest(f'option "{key}" must be of type integer')
        if key in NUMBER_OPTIONS and not isinstance(value, int | float):
            raise BadRequest(f'option "{key}" must be of type float')
    return options


def sampling_from(options: dict[str, Any]) -> Sampling:
    predict = int(options.get("num_predict", -1))
    seed = options.get("seed")
    return Sampling(
        max_tokens=predict if predict > 0 else None,
        temperature=float(options.get("temperature", 0.8)),
        top_p=float(options.get("top_p", 0.9)),
        top_k=int(options.get("top_k", 40)),
        repeat_penalty=float(options.get("repeat_penalty", 1.1)),
        seed=int(seed) if seed is not None else None,
    )


@dataclass(frozen=True)
class ChatRequest:
    model: str
    messages: list[dict[str, Any]]
    stream: bool
    think: bool | str | None
    keep_alive: timedelta | None
    options: dict[str, Any]
    tools: list[Any]
    images: list[bytes]

    @classmethod
    def parse(cls, body: dict[str, Any]) -> ChatRequest:
        think = body.get("think")
        if not (think is None or isinstance(think, bool) or think in THINK_LEVELS):
            raise BadRequest(
                f"invalid think value: {json.dumps(think)} "
                '(must be "high", "medium", "low", "max", true, or false)'
            )
        messages = body.get("messages") or []
        images = [
            decode_base64(image)
            for message in messages
            for image in message.get("images") or []
            if isinstance(image, str)
        ]
        return cls(
            model=str(body.get("model") or ""),
            messages=messages,
            stream=body.get("stream", True) is not False,
            think=think,
            keep_alive=parse_keep_alive(body.get("keep_alive")),
            options=parse_options(body.get("options")),
            tools=body.get("tools") or [],
            images=images,
        )

    def prompt_messages(self) -> list[dict[str, str]]:
        return [
            {"role": str(message.get("role", "")).lower(), "content": message.get("content", "")}
            for message in self.messages
        ]


def chunk(model: str, *, content: str = "", thinking: str = "") -> dict[str, Any]:
    """A ``done: false`` chunk; the final one adds ``done: true`` and the metrics."""
    message = {"role": "assistant", "content": content}
    if thinking:
        message["thinking"] = thinking
    return {"model": model, "created_at": now_rfc3339(), "message": message, "done": False}


def combine_chunks(previous: dict[str, Any] | None, line: dict[str, Any]) -> dict[str, Any]:
    """``stream: false``: one object with all content and thinking, and the final metrics."""
    if previous is None:
        return line
    message = dict(line["message"])
    for key in ("content", "thinking"):
        text = previous["message"].get(key, "") + line["message"].get(key, "")
        if text:
            message[key] = text
    return {**line, "message": message}


def handle_chat(server: OllamaServer, exchange: Exchange) -> None:
    request = ChatRequest.parse(exchange.json_body())
    name = ModelName.parse(request.model)
    if name is None:
        raise BadRequest("model is required")
    model = server.store.get(name)
    if model is None:
        exchange.send_error(HTTPStatus.NOT_FOUND, f"model '{request.model}' not found")
        return
    capabilities = model.capabilities
    if "completion" not in capabilities:
        raise BadRequest(f'"{request.model}" does not support chat')
    if request.tools and "tools" not in capabilities:
        raise BadRequest(f"{name.full} does not support tools")
    thinking = bool(request.think) if request.think is not None else "thinking" in capabilities
    if thinking and "thinking" not in capabilities:
        raise BadRequest(f'"{request.model}" does not support thinking')
    server.received_images.extend(request.images)
    sink = exchange.open_sink(stream=request.stream, combine=combine_chunks)
    context_length = int(request.options.get("num_ctx", DEFAULT_NUM_CTX))
    if not request.messages:
        preload(server, sink, request, model, context_length)
        return
    try:
        answer(exchange, sink, request, model, thinking)
    finally:
        if request.keep_alive == timedelta(0):
            server.unload(model.name)
        else:
            server.mark_running(model, request.keep_alive, context_length)


def preload(
    server: OllamaServer,
    sink: Sink,
    request: ChatRequest,
    model: InstalledModel,
    context_length: int,
) -> None:
    """Empty messages: load the model (done_reason load), or unload it with keep_alive 0."""
    if request.keep_alive == timedelta(0):
        server.unload(model.name)
        reason = "unload"
    else:
        load_model(model.model_path, model.model_layer.digest)
        server.mark_running(model, request.keep_alive, context_length)
        reason = "load"
    if sink.send({**chunk(request.model), "done": True, "done_reason": reason}):
        sink.finish()


def answer(
    exchange: Exchange,
    sink: Sink,
    request: ChatRequest,
    model: InstalledModel,
    thinking: bool,
) -> None:
    engine, load_seconds = load_model(model.model_path, model.model_layer.digest)
    stats = GenerationStats()
    if thinking:
        for piece in engine.pieces(THINKING_TEXT):
            if not sink.send(chunk(request.model, thinking=piece)):
                return
    try:
        with closing(
            engine.generate(request.prompt_messages(), sampling_from(request.options), stats)
        ) as pieces:
            for piece in pieces:
                if not sink.send(chunk(request.model, content=piece)):
                    return
    except PromptTooLong as error:
        sink.fail(str(error))
        return
    final = {
        **chunk(request.model),
        "done": True,
        "done_reason": stats.done_reason,
        "total_duration": nanoseconds(exchange.elapsed()),
        "load_duration": nanoseconds(load_seconds),
        "prompt_eval_count": stats.prompt_tokens,
        "prompt_eval_duration": nanoseconds(stats.prompt_seconds),
        "eval_count": stats.completion_tokens,
        "eval_duration": nanoseconds(stats.eval_seconds),
    }
    if sink.send(final):
        sink.finish()


def nanoseconds(seconds: float) -> int:
    return round(seconds * 1e9)
