"""An Ollama-protocol server on 127.0.0.1 for tests, answering with real llama.cpp inference.

    server = OllamaServer(tmp_path).start()
    server.publish("tiny:latest", write_tiny_gguf(tmp_path / "tiny.gguf"))
    server.install("tiny:latest")           # or let the client pull it
    ollama.Client(host=server.url).chat("tiny", messages=[...])
    server.stop()

Shapes and status codes follow Ollama (v0.33): /, /api/version, /api/tags, /api/ps,
/api/show, /api/delete, /api/copy, /api/pull, /api/create, /api/blobs/:digest,
/api/chat and /api/embed (tests.servers.embed_routes). Every request lands in
``requests``, every stream a client abandoned in ``disconnects``, and ``inject`` arms
faults (see tests.servers.faults.Fault).
"""

from __future__ import annotations

import shutil
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any

from tests.servers import embed_routes, ollama_chat, ollama_create, ollama_pull
from tests.servers.loopback_http import BadRequest, Exchange, LoopbackServer
from tests.servers.model_store import (
    CHATML_GO_TEMPLATE,
    DEFAULT_PARAMETERS,
    MEDIA_LICENSE,
    MEDIA_SYSTEM,
    MEDIA_TEMPLATE,
    InstalledModel,
    Manifest,
    ModelName,
    ModelStore,
    Publication,
    Registry,
)

VERSION = "0.33.0-rc2"
DEFAULT_KEEP_ALIVE = timedelta(minutes=5)


@dataclass(frozen=True)
class RunningModel:
    model: InstalledModel
    expires_at: datetime
    context_length: int
    memory: tuple[int, int] | None = None
    """(size, size_vram) /api/ps reports; None: the model's file size, all on the GPU."""


class OllamaServer(LoopbackServer):
    default_fault_path = "/api/chat"

    def __init__(self, root: Path, *, version: str = VERSION) -> None:
        super().__init__()
        self.root = root
        self.version = version
        self.registry = Registry(root / "registry")
        self.store = ModelStore(root / "models")
        self.hf_gated: set[str] = set()
        """Hugging Face repos (``user/repo``) whose licence Ollama's key has not accepted."""
        self.pull_rate: float | None = None
        """Bytes per second a pull moves; None: as fast as the disk goes."""
        self.bytes_sent_by_pull: dict[str, int] = defaultdict(int)
        """Blob bytes each pull moved, by display name (``tiny:latest``)."""
        self.received_images: list[bytes] = []
        """The decoded bytes of every image sent to /api/chat, in order."""
        self.blobs_received: list[str] = []
        """The digest of every blob a POST /api/blobs stored, in order."""
        self._running: dict[ModelName, RunningModel] = {}
        self._running_lock = threading.Lock()
        self._blob_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._blob_locks_lock = threading.Lock()
        self.routes = {
            "/": {"GET": self._root, "HEAD": self._root},
            "/api/version": {"GET": self._version, "HEAD": self._version},
            "/api/tags": {"GET": self._tags, "HEAD": self._tags},
            "/api/ps": {"GET": self._ps},
            "/api/show": {"POST": self._show},
            "/api/delete": {"DELETE": self._delete},
            "/api/copy": {"POST": self._copy},
            "/api/pull": {"POST": lambda exchange: ollama_pull.handle_pull(self, exchange)},
            "/api/chat": {"POST": lambda exchange: ollama_chat.handle_chat(self, exchange)},
            "/api/create": {"POST": lambda exchange: ollama_create.handle_create(self, exchange)},
            "/api/embed": {"POST": self._embed},
        }

    def start(self) -> OllamaServer:
        super().start()
        return self

    def __enter__(self) -> OllamaServer:
        return self.start()

    # -- what tests set up -------------------------------------------------------------

    def publish(
        self,
        name: str,
        gguf_path: Path,
        *,
        capabilities: Iterable[str] = ("completion",),
        family: str | None = None,
        parameter_size: str | None = None,
        quantization: str | None = None,
        template: str = CHATML_GO_TEMPLATE,
        license: str = "MIT",
        system: str | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> str:
        """Make ``name`` pullable from this server's registry; returns its display name.

        family, parameter_size and quantization default to what the GGUF file says.
        """
        model_name = self._parse(name)
        publication = Publication(
            tuple(capabilities),
            family,
            parameter_size,
            quantization,
            template,
            license,
            system,
            dict(DEFAULT_PARAMETERS if parameters is None else parameters),
        )
        self.registry.publish(model_name, gguf_path, publication)
        return model_name.display

    def install(self, name: str) -> InstalledModel:
        """Put a published model in the local store directly, as if it had been pulled."""
        model_name = self._parse(name)
        raw = self.registry.manifest(model_name)
        if raw is None:
            raise KeyError(f"{name} is not published")
        for layer in Manifest.from_bytes(raw).blobs:
            if not self.store.blobs.has(layer.digest):
                shutil.copyfile(
                    self.registry.blobs.path(layer.digest), self.store.blobs.path(layer.digest)
                )
        self.store.write_manifest(model_name, raw)
        model = self.store.get(model_name)
        assert model is not None
        return model

    # -- the running set (what /api/ps shows) ------------------------------------------

    def mark_running(
        self,
        model: InstalledModel,
        keep_alive: timedelta | None,
        context_length: int,
        memory: tuple[int, int] | None = None,
    ) -> None:
        expires_at = datetime.now().astimezone() + (keep_alive or DEFAULT_KEEP_ALIVE)
        with self._running_lock:
            self._running[model.name] = RunningModel(model, expires_at, context_length, memory)

    def unload(self, name: ModelName) -> None:
        with self._running_lock:
            self._running.pop(name, None)

    def running(self) -> list[RunningModel]:
        now = datetime.now().astimezone()
        with self._running_lock:
            for name in [name for name, run in self._running.items() if run.expires_at <= now]:
                del self._running[name]
            live = list(self._running.values())
        return sorted(live, key=lambda run: run.expires_at, reverse=True)

    def blob_lock(self, digest: str) -> threading.Lock:
        with self._blob_locks_lock:
            return self._blob_locks[digest]

    # -- routes ------------------------------------------------------------------------

    def route_missing(self, exchange: Exchange) -> None:
        if exchange.path.startswith(ollama_create.BLOBS_PREFIX) and exchange.method in (
            "HEAD",
            "POST",
        ):
            ollama_create.handle_blob(self, exchange)
            return
        super().route_missing(exchange)

    def _embed(self, exchange: Exchange) -> None:
        embed_routes.handle_ollama_embed(self, exchange)

    def _root(self, exchange: Exchange) -> None:
        exchange.send_text(HTTPStatus.OK, "Ollama is running")

    def _version(self, exchange: Exchange) -> None:
        exchange.send_json(HTTPStatus.OK, {"version": self.version})

    def _tags(self, exchange: Exchange) -> None:
        models = [
            {
                **model_summary(model),
                "modified_at": model.modified_at.isoformat(),
                "capabilities": model.capabilities,
            }
            for model in self.store.all()
        ]
        exchange.send_json(HTTPStatus.OK, {"models": models})

    def _ps(self, exchange: Exchange) -> None:
        models = [
            {
                **model_summary(run.model),
                "expires_at": run.expires_at.isoformat(),
                **(
                    {"size": run.memory[0], "size_vram": run.memory[1]}
                    if run.memory
                    else {"size_vram": run.model.size}
                ),
                "context_length": run.context_length,
            }
            for run in self.running()
        ]
        exchange.send_json(HTTPStatus.OK, {"models": models})

    def _show(self, exchange: Exchange) -> None:
        body = exchange.json_body()
        raw = body.get("model") or body.get("name")
        if not raw:
            raise BadRequest("model is required")
        name = ModelName.parse(str(raw))
        model = self.store.get(name) if name is not None else None
        if model is None:
            display = name.display if name is not None else raw
            exchange.send_error(HTTPStatus.NOT_FOUND, f"model '{display}' not found")
            return
        answer: dict[str, Any] = {
            "license": model.text(MEDIA_LICENSE),
            "modelfile": modelfile(model),
            "parameters": parameter_lines(model.parameters),
            "template": model.text(MEDIA_TEMPLATE),
            "details": model.details,
            "model_info": model.metadata.model_info(verbose=bool(body.get("verbose"))),
            "capabilities": model.capabilities,
            "modified_at": model.modified_at.isoformat(),
        }
        if system := model.text(MEDIA_SYSTEM):
            answer["system"] = system
        exchange.send_json(HTTPStatus.OK, answer)

    def _delete(self, exchange: Exchange) -> None:
        body = exchange.json_body()
        raw = str(body.get("model") or body.get("name") or "")
        name = ModelName.parse(raw)
        if name is None:
            raise BadRequest(f"name {quoted(raw)} is invalid")
        if not self.store.delete(name):
            exchange.send_error(HTTPStatus.NOT_FOUND, f"model '{raw}' not found")
            return
        self.unload(name)
        exchange.send_empty()

    def _copy(self, exchange: Exchange) -> None:
        body = exchange.json_body()
        source_raw, destination_raw = str(body.get("source", "")), str(body.get("destination", ""))
        source, destination = ModelName.parse(source_raw), ModelName.parse(destination_raw)
        if source is None:
            raise BadRequest(f"source {quoted(source_raw)} is invalid")
        if destination is None:
            raise BadRequest(f"destination {quoted(destination_raw)} is invalid")
        if not self.store.copy(source, destination):
            exchange.send_error(HTTPStatus.NOT_FOUND, f"model {quoted(source_raw)} not found")
            return
        exchange.send_empty()

    @staticmethod
    def _parse(name: str) -> ModelName:
        parsed = ModelName.parse(name)
        if parsed is None:
            raise ValueError(f"invalid model name {name!r}")
        return parsed


def model_summary(model: InstalledModel) -> dict[str, Any]:
    return {
        "name": model.name.display,
        "model": model.name.display,
        "size": model.size,
        "digest": model.digest,
        "details": model.details,
    }


def quoted(text: str) -> str:
    """Go's %q for the plain names that appear in error messages."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parameter_lines(parameters: dict[str, Any]) -> str:
    """/api/show ``parameters``: one ``name value`` line per value, names padded to 30."""
    lines = []
    for key, value in parameters.items():
        for item in value if isinstance(value, list) else [value]:
            shown = quoted(item) if isinstance(item, str) else str(item)
            lines.append(f"{key:<30} {shown}")
    return "\n".join(lines)


def modelfile(model: InstalledModel) -> str:
    lines = [
        '# Modelfile generated by "ollama show"',
        "# To build a new Modelfile based on this, replace FROM with:",
        f"# FROM {model.name.display}",
        "",
        f"FROM {model.model_path}",
        f'TEMPLATE """{model.text(MEDIA_TEMPLATE)}"""',
    ]
    if system := model.text(MEDIA_SYSTEM):
        lines.append(f'SYSTEM """{system}"""')
    lines += [
        f"PARAMETER {line}" for line in parameter_lines(model.parameters).splitlines() if line
    ]
    if license_text := model.text(MEDIA_LICENSE):
        lines.append(f'LICENSE """{license_text}"""')
    return "\n".join(lines) + "\n"
