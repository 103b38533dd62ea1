"""POST /api/pull: copy a published model's real blobs into the store, reporting like Ollama.

Bytes go into ``<blob>-partial`` first, at ``server.pull_rate`` bytes per second. A pull
the client abandons keeps its partial file and the next pull resumes from it; a finished
blob is renamed into place, and every blob is really checked against its sha256 digest.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from tests.servers.loopback_http import BadRequest, Exchange
from tests.servers.model_store import Layer, Manifest, ModelName, file_digest
from tests.servers.response_sink import Sink

if TYPE_CHECKING:
    from tests.servers.ollama_server import OllamaServer

HF_HOST = "hf.co"
REPORT_SECONDS = 0.06  # Ollama reports download progress about every 60 ms
CHUNK_BYTES = 64 * 1024


def handle_pull(server: OllamaServer, exchange: Exchange) -> None:
    body = exchange.json_body()
    name = ModelName.parse(str(body.get("model") or body.get("name") or ""))
    if name is None:
        raise BadRequest("invalid model name")
    sink = exchange.open_sink(stream=body.get("stream", True) is not False)
    if not sink.send({"status": "pulling manifest"}):
        return
    if name.host == HF_HOST:
        raw, problem = hf_manifest(server, name)
        if raw is None:
            sink.fail(problem)
            return
    else:
        raw = server.registry.manifest(name)
    if raw is None:
        sink.fail("pull model manifest: file does not exist")
        return
    manifest = Manifest.from_bytes(raw)
    transfer = BlobTransfer(server, exchange, sink, name)
    if not all(transfer.fetch(layer) for layer in manifest.blobs):
        return
    if not sink.send({"status": "verifying sha256 digest"}):
        return
    for layer in manifest.blobs:
        path = server.store.blobs.path(layer.digest)
        actual = file_digest(path)
        if actual != layer.digest:
            path.unlink()
            sink.fail(
                f"digest mismatch, file must be downloaded again: want {layer.digest}, got {actual}"
            )
            return
    if not sink.send({"status": "writing manifest"}):
        return
    server.store.write_manifest(name, raw)
    if sink.send({"status": "success"}):
        sink.finish()


def hf_manifest(server: OllamaServer, name: ModelName) -> tuple[bytes | None, str]:
    """An ``hf.co/{user}/{repo}:{quant}`` name as Ollama's Hugging Face registry takes it:
    the quantization in any case (``:q4_k_m``), ``latest`` meaning Q4_K_M, a gated repo
    refused with the Hub's words, an unknown quantization refused as a bad tag."""
    repo = f"{name.namespace}/{name.model}"
    if repo in server.hf_gated:
        return None, (
            f'pull model manifest: 401: {{"error":"Access to model {repo} is restricted. You '
            'must have access to it and be authenticated to access it. Please log in."}'
        )
    wanted = "q4_k_m" if name.tag == "latest" else name.tag.lower()
    for published in server.registry.published():
        same_repo = (published.host, published.namespace, published.model) == (
            name.host,
            name.namespace,
            name.model,
        )
        if same_repo and published.tag.lower() == wanted:
            return server.registry.manifest(published), ""
    return None, (
        'pull model manifest: 400: {"error":"The specified tag is not available in the '
        'repository. Please use another tag or \\"latest\\""}'
    )


def progress(layer: Layer, completed: int) -> dict[str, Any]:
    """A ``pulling <12 hex>`` line; like Ollama, zero total/completed are left out."""
    line: dict[str, Any] = {"status": f"pulling {layer.digest[7:19]}", "digest": layer.digest}
    if layer.size:
        line["total"] = layer.size
    if completed:
        line["completed"] = completed
    return line


class BlobTransfer:
    """Moves blobs for one pull request; False from ``fetch`` means the request is over."""

    def __init__(self, server: OllamaServer, exchange: Exchange, sink: Sink, name: ModelName):
        self.server = server
        self.exchange = exchange
        self.sink = sink
        self.name = name
        self.moved = 0
        fault = exchange.fault
        self.stall_after = fault.stall_after_bytes if fault is not None else None

    def fetch(self, layer: Layer) -> bool:
        store = self.server.store.blobs
        with self.server.blob_lock(layer.digest):
            if store.has(layer.digest):
                return self.sink.send(progress(layer, layer.size))
            partial = store.partial_path(layer.digest)
            completed = partial.stat().st_size if partial.exists() else 0
            if not self.sink.send(progress(layer, completed)):
                return False
            if not self._copy(layer, completed):
                return False
            partial.replace(store.path(layer.digest))
        return self.sink.send(progress(layer, layer.size))

    def _copy(self, layer: Layer, completed: int) -> bool:
        source = self.server.registry.blobs.path(layer.digest)
        partial = self.server.store.blobs.partial_path(layer.digest)
        reported = time.monotonic()
        with source.open("rb") as reader, partial.open("ab") as writer:
            reader.seek(completed)
            while completed < layer.size:
                if self.stall_after is not None and self.moved >= self.stall_after:
                    self.sink.go_silent()
                    return False
                chunk = reader.read(self._chunk_size())
                writer.write(chunk)
                writer.flush()
                completed += len(chunk)
                self.moved += len(chunk)
                self.server.bytes_sent_by_pull[self.name.display] += len(chunk)
                rate = self.server.pull_rate
                if rate and not self.exchange.pause(len(chunk) / rate):
                    return False
                if self.exchange.client_gone():
                    self.exchange.lost()
                    return False
                if time.monotonic() - reported >= REPORT_SECONDS and completed < layer.size:
                    if not self.sink.send(progress(layer, completed)):
                        return False
                    reported = time.monotonic()
        return True

    def _chunk_size(self) -> int:
        rate = self.server.pull_rate
        size = CHUNK_BYTES if not rate else max(256, min(CHUNK_BYTES, int(rate / 50)))
        if self.stall_after is not None:
            size = min(size, self.stall_after - self.moved)
        return size
