"""POST /api/create and HEAD|POST /api/blobs/:digest, shaped like Ollama (server/create.go).

A create either starts ``from`` an installed model (its layers reused, the given template,
system and parameters written as new layers, parameters merged over the base's) or from
``files`` (a GGUF blob uploaded before through /api/blobs). Statuses stream as NDJSON and
end with ``success``; nothing is written to the store before the last step succeeds.
"""

from __future__ import annotations

import hashlib
import json
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from tests.servers.gguf_metadata import human_number, read_gguf_metadata
from tests.servers.loopback_http import BadRequest, Exchange
from tests.servers.model_store import (
    CHATML_GO_TEMPLATE,
    MEDIA_CONFIG,
    MEDIA_MODEL,
    MEDIA_PARAMS,
    MEDIA_SYSTEM,
    MEDIA_TEMPLATE,
    Layer,
    Manifest,
    ModelName,
)

if TYPE_CHECKING:
    from tests.servers.ollama_server import OllamaServer

BLOBS_PREFIX = "/api/blobs/"


def handle_blob(server: OllamaServer, exchange: Exchange) -> None:
    digest = exchange.path[len(BLOBS_PREFIX) :]
    if not _is_digest(digest):
        exchange.send_error(HTTPStatus.BAD_REQUEST, f"invalid digest format {digest!r}")
        return
    blobs = server.store.blobs
    if exchange.method == "HEAD":
        if blobs.has(digest):
            exchange.send_empty()
        else:
            exchange.send_error(HTTPStatus.NOT_FOUND, f'blob "{digest}" not found')
        return
    if blobs.has(digest):
        exchange.send_empty(HTTPStatus.OK)
        return
    actual = "sha256:" + hashlib.sha256(exchange.raw).hexdigest()
    if actual != digest:
        exchange.send_error(
            HTTPStatus.BAD_REQUEST, f"digest mismatch, expected {digest}, got {actual}"
        )
        return
    server.blobs_received.append(digest)
    blobs.path(digest).write_bytes(exchange.raw)
    exchange.send_empty(HTTPStatus.CREATED)


def handle_create(server: OllamaServer, exchange: Exchange) -> None:
    body = exchange.json_body()
    name = ModelName.parse(str(body.get("model") or body.get("name") or ""))
    if name is None:
        raise BadRequest("invalid model name")
    base_name = body.get("from")
    files = body.get("files") or {}
    if not base_name and not files:
        raise BadRequest("neither 'from' or 'files' was specified")
    for digest in files.values():
        if not server.store.blobs.has(str(digest)):
            raise BadRequest(f"missing blob {digest}")
    sink = exchange.open_sink(stream=body.get("stream", True) is not False)
    layers: list[Layer] = []
    parameters: dict[str, Any] = {}
    config: dict[str, Any]
    if base_name:
        base_parsed = ModelName.parse(str(base_name))
        base = server.store.get(base_parsed) if base_parsed is not None else None
        if base is None:
            sink.fail(f"model '{base_name}' not found", HTTPStatus.NOT_FOUND)
            return
        layers = list(base.manifest.layers)
        parameters = dict(base.parameters)
        config = {**base.config, "parent_model": base.name.full}
    else:
        if not sink.send({"status": "parsing GGUF"}):
            return
        digest = str(next(iter(files.values())))
        path = server.store.blobs.path(digest)
        try:
            metadata = read_gguf_metadata(path)
        except Exception as error:  # any unreadable file: Ollama's message
            sink.fail(f"invalid file magic: {error}", HTTPStatus.BAD_REQUEST)
            return
        layers = [Layer(MEDIA_MODEL, digest, path.stat().st_size)]
        family = metadata.architecture
        config = {
            "model_format": "gguf",
            "model_family": family,
            "model_families": [family],
            "model_type": human_number(metadata.parameter_count),
            "file_type": metadata.quantization,
            "capabilities": ["completion"],
            "architecture": "amd64",
            "os": "linux",
        }
        if "template" not in body:
            body = {**body, "template": CHATML_GO_TEMPLATE}
    for layer in layers:
        if not sink.send({"status": f"using existing layer {layer.digest}"}):
            return
    replaced = {
        MEDIA_TEMPLATE: body.get("template"),
        MEDIA_SYSTEM: body.get("system"),
    }
    if body.get("parameters"):
        parameters.update(body["parameters"])
        replaced[MEDIA_PARAMS] = json.dumps(parameters)
    for media, value in replaced.items():
        if value is None:
            continue
        layers = [layer for layer in layers if layer.media_type != media]
        layer = server.store.blobs.put_bytes(str(value).encode(), media)
        layers.append(layer)
        if not sink.send({"status": f"creating new layer {layer.digest}"}):
            return
    config = {**config, "rootfs": {"type": "layers", "diff_ids": [x.digest for x in layers]}}
    config_layer = server.store.blobs.put_bytes(json.dumps(config).encode(), MEDIA_CONFIG)
    if not sink.send({"status": "writing manifest"}):
        return
    server.store.write_manifest(name, Manifest(config_layer, tuple(layers)).to_bytes())
    if sink.send({"status": "success"}):
        sink.finish()


def _is_digest(text: str) -> bool:
    prefix, _, hex_part = text.partition(":")
    return (
        prefix == "sha256"
        and len(hex_part) == 64
        and all(c in "0123456789abcdef" for c in hex_part)
    )
