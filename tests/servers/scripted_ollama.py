"""An Ollama-protocol server whose answers are scripted: exact pieces, as fast as wanted.

The llama.cpp-backed OllamaServer answers one fixed sentence; this one streams whatever a
test or benchmark scripts (markdown, code, Chinese, emoji), in the pieces it chooses. With
``split_utf8`` every line is written in two HTTP chunks cut inside a multi-byte character,
so the client's stream parser must put characters back together. Faults armed with
``inject`` apply as on every loopback server.

    server = ScriptedOllama().start()
    server.script(["你好", "，世界 🌍"], thinking=["Let me see."])
    server.script([], tool_calls=[ScriptedCall("get_current_weather", '{"location": "上海"}')])

A model offered ``tools`` must list the ``tools`` capability, or the chat is refused
with Ollama's 400 "<full name> does not support tools". Scripted calls are streamed as
Ollama does: one chunk per call, ``id`` and ``function.index``, arguments an object.

Run as ``python -m tests.servers.scripted_ollama SCRIPT.json`` for benchmarks: it prints
its URL, serves until stdin closes, and answers GET /script/stats with the send time of
the last answer.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from tests.servers.go_json import go_json
from tests.servers.loopback_http import Exchange, LoopbackServer
from tests.servers.ollama_chat import chunk, nanoseconds, now_rfc3339
from tests.servers.response_sink import NdjsonStream
from tests.servers.scripted_reply import ScriptedCall

VERSION = "0.33.0-rc2"
CONTEXT_LENGTH = 32768


@dataclass
class Script:
    pieces: list[str] = field(default_factory=lambda: ["Hello from the script."])
    thinking: list[str] = field(default_factory=list)
    split_utf8: bool = False
    done_reason: str = "stop"
    tool_calls: list[ScriptedCall] = field(default_factory=list)


@dataclass(frozen=True)
class ScriptedModel:
    name: str
    capabilities: tuple[str, ...] = ("completion",)
    context_length: int = CONTEXT_LENGTH


class SplittingStream(NdjsonStream):
    """Writes each line as two chunks, the cut inside the first multi-byte character."""

    def _write(self, line: dict[str, Any]) -> bool:
        data = go_json(line) + b"\n"
        cut = next((i + 1 for i, byte in enumerate(data) if byte >= 0xC0), len(data) // 2)
        if not self._raw(data[:cut]):
            return False
        time.sleep(0.002)  # let the first half leave as its own TCP segment
        return self._raw(data[cut:])


class ScriptedOllama(LoopbackServer):
    default_fault_path = "/api/chat"

    def __init__(self, models: tuple[ScriptedModel, ...] | None = None) -> None:
        super().__init__()
        self.models = {
            model.name: model
            for model in models
            or (
                ScriptedModel("scripted:latest"),
                ScriptedModel("scripted-think:latest", ("completion", "thinking")),
            )
        }
        self._script = Script()
        self._lock = threading.Lock()
        self.last_send_seconds = 0.0
        """Seconds from the first answer byte to the last, for the latest /api/chat."""
        self.routes = {
            "/": {"GET": lambda ex: ex.send_text(HTTPStatus.OK, "Ollama is running")},
            "/api/version": {"GET": lambda ex: ex.send_json(HTTPStatus.OK, {"version": VERSION})},
            "/api/tags": {"GET": self._tags},
            "/api/ps": {"GET": lambda ex: ex.send_json(HTTPStatus.OK, {"models": []})},
            "/api/show": {"POST": self._show},
            "/api/chat": {"POST": self._chat},
            "/script/stats": {"GET": self._stats},
        }

    def start(self) -> ScriptedOllama:
        super().start()
        return self

    def script(
        self,
        pieces: list[str],
        *,
        thinking: list[str] | None = None,
        split_utf8: bool = False,
        done_reason: str = "stop",
        tool_calls: list[ScriptedCall] | None = None,
    ) -> None:
        with self._lock:
            self._script = Script(
                list(pieces), list(thinking or []), split_utf8, done_reason, list(tool_calls or [])
            )

    def chat_bodies(self) -> list[dict[str, Any]]:
        return [request.body for request in self.requests_to("/api/chat")]

    def _model(self, exchange: Exchange) -> ScriptedModel | None:
        name = str(exchange.json_body().get("model") or "")
        model = self.models.get(name if ":" in name else f"{name}:latest")
        if model is None:
            exchange.send_error(HTTPStatus.NOT_FOUND, f"model '{name}' not found")
        return model

    def _tags(self, exchange: Exchange) -> None:
        models = [
            {
                "name": model.name,
                "model": model.name,
                "size": 1000,
                "digest": f"{index:064x}",
                "modified_at": now_rfc3339(),
                "details": {"family": "llama", "parameter_size": "1M", "format": "gguf"},
                "capabilities": list(model.capabilities),
            }
            for index, model in enumerate(self.models.values())
        ]
        exchange.send_json(HTTPStatus.OK, {"models": models})

    def _show(self, exchange: Exchange) -> None:
        model = self._model(exchange)
        if model is not None:
            exchange.send_json(
                HTTPStatus.OK,
                {
                    "capabilities": list(model.capabilities),
                    "details": {"family": "llama", "format": "gguf"},
                    "model_info": {
                        "general.architecture": "llama",
                        "llama.context_length": model.context_length,
                    },
                    "modified_at": now_rfc3339(),
                },
            )

    def _stats(self, exchange: Exchange) -> None:
        exchange.send_json(HTTPStatus.OK, {"send_seconds": self.last_send_seconds})

    def _chat(self, exchange: Exchange) -> None:
        body = exchange.json_body()
        model = self._model(exchange)
        if model is None:
            return
        with self._lock:
            script = self._script
        problem = tool_problem(body, model)
        if problem:
            exchange.send_error(HTTPStatus.BAD_REQUEST, problem)
            return
        think = body.get("think")
        thinking = script.thinking if think is not False else []
        stream = SplittingStream(exchange) if script.split_utf8 else NdjsonStream(exchange)
        started = time.perf_counter()
        name = model.name
        for piece in thinking:
            if not stream.send(chunk(name, thinking=piece)):
                return
        for piece in script.pieces:
            if not stream.send(chunk(name, content=piece)):
                return
        for index, call in enumerate(script.tool_calls):
            if not stream.send(call_chunk(name, call, index)):
                return
        prompt_chars = sum(len(str(m.get("content", ""))) for m in body.get("messages") or [])
        final = {
            **chunk(name),
            "done": True,
            "done_reason": script.done_reason,
            "total_duration": nanoseconds(exchange.elapsed()),
            "load_duration": nanoseconds(0.001),
            "prompt_eval_count": prompt_chars // 4 + 1,
            "prompt_eval_duration": nanoseconds(0.001),
            "eval_count": len(script.pieces),
            "eval_duration": nanoseconds(max(time.perf_counter() - started, 1e-6)),
        }
        if stream.send(final):
            stream.finish()
        self.last_send_seconds = time.perf_counter() - started


def tool_problem(body: dict[str, Any], model: ScriptedModel) -> str:
    """Ollama's refusal of ``tools`` for a model without the capability, or of a call sent
    back with string arguments (Go decodes them into a map); "" when the request is fine."""
    if body.get("tools") and "tools" not in model.capabilities:
        base, _, tag = model.name.partition(":")
        return f"registry.ollama.ai/library/{base}:{tag or 'latest'} does not support tools"
    for message in body.get("messages") or []:
        for call in message.get("tool_calls") or []:
            if not isinstance((call.get("function") or {}).get("arguments", {}), dict):
                return (
                    "json: cannot unmarshal string into Go struct field "
                    "ToolCallFunction.messages.tool_calls.function.arguments of type "
                    "api.ToolCallFunctionArguments"
                )
    return ""


def call_chunk(model: str, call: ScriptedCall, index: int) -> dict[str, Any]:
    line = chunk(model)
    function = {"index": index, "name": call.name, "arguments": json.loads(call.arguments)}
    line["message"]["tool_calls"] = [{"id": call.call_id, "function": function}]
    return line


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        pieces = json.load(handle)
    server = ScriptedOllama().start()
    server.script(pieces)
    print(server.url, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
