"""The embedding endpoints of the test servers, answered by the real MiniLM model.

Ollama's POST /api/embed (``input`` a string or a list, ``truncate``, unit vectors,
``prompt_eval_count``) and OpenAI's POST /v1/embeddings (``encoding_format`` float or
base64, ``usage``). A model whose capabilities lack ``embedding`` gets what Ollama's
engine answers for a chat model: 500 "this model does not support embeddings".
"""

from __future__ import annotations

import base64
import struct
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.servers.embedding_engine import InputTooLong, load_embedding_model
from tests.servers.loopback_http import BadRequest, Exchange
from tests.servers.model_store import ModelName

if TYPE_CHECKING:
    from tests.servers.ollama_server import OllamaServer
    from tests.servers.openai_server import OpenAIServer

NOT_EMBEDDING = "this model does not support embeddings"


def ollama_inputs(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise BadRequest("invalid input type")


def handle_ollama_embed(server: OllamaServer, exchange: Exchange) -> None:
    body = exchange.json_body()
    raw = str(body.get("model") or "")
    name = ModelName.parse(raw)
    if name is None:
        raise BadRequest("model is required")
    model = server.store.get(name)
    if model is None:
        exchange.send_error(HTTPStatus.NOT_FOUND, f"model '{raw}' not found")
        return
    texts = ollama_inputs(body.get("input"))
    if not texts:
        exchange.send_json(HTTPStatus.OK, {"model": raw, "embeddings": []})
        return
    if "embedding" not in model.capabilities:
        exchange.send_error(HTTPStatus.INTERNAL_SERVER_ERROR, NOT_EMBEDDING)
        return
    engine = load_embedding_model(model.model_path)
    try:
        result = engine.embed(texts, truncate=body.get("truncate", True) is not False)
    except InputTooLong as error:
        raise BadRequest(str(error)) from error
    nanoseconds = round(exchange.elapsed() * 1e9)
    exchange.send_json(
        HTTPStatus.OK,
        {
            "model": raw,
            "embeddings": result.vectors,
            "total_duration": nanoseconds,
            "load_duration": 0,
            "prompt_eval_count": result.tokens,
        },
    )


def handle_openai_embeddings(server: OpenAIServer, exchange: Exchange) -> None:
    from tests.servers.openai_server import openai_error

    if not server._bearer_ok(exchange):
        return
    body = exchange.json_body()
    model = str(body.get("model") or "")
    raw_input = body.get("input")
    texts = [raw_input] if isinstance(raw_input, str) else raw_input
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        exchange.send_json(
            HTTPStatus.BAD_REQUEST, openai_error(400, "'input' must be a string or strings")
        )
        return
    path: Path | None = server.embedding_models.get(model)
    if path is None:
        status = 500 if model in server.models else 404
        message = NOT_EMBEDDING if status == 500 else None
        exchange.send_json(status, openai_error(status, message))
        return
    result = load_embedding_model(path).embed(texts)
    as_base64 = body.get("encoding_format") == "base64"
    data = [
        {
            "object": "embedding",
            "index": index,
            "embedding": (
                base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
                if as_base64
                else vector
            ),
        }
        for index, vector in enumerate(result.vectors)
    ]
    exchange.send_json(
        HTTPStatus.OK,
        {
            "object": "list",
            "data": data,
            "model": model,
            "usage": {"prompt_tokens": result.tokens, "total_tokens": result.tokens},
        },
    )
