"""Content-addressed blobs and Ollama-style manifests: the registry side and the local store.

A manifest lists a GGUF model layer plus small template, params, license and system layers
and a config blob, each named by ``sha256:<hex>``, just as Ollama's registry does. The
local store keeps manifests under ``manifests/<host>/<namespace>/<model>/<tag>`` and blobs
under ``blobs/sha256-<hex>``; a download in progress lives in ``sha256-<hex>-partial``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.servers.gguf_metadata import GgufMetadata, human_number, read_gguf_metadata

MEDIA_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
MEDIA_CONFIG = "application/vnd.docker.container.image.v1+json"
MEDIA_MODEL = "application/vnd.ollama.image.model"
MEDIA_TEMPLATE = "application/vnd.ollama.image.template"
MEDIA_PARAMS = "application/vnd.ollama.image.params"
MEDIA_LICENSE = "application/vnd.ollama.image.license"
MEDIA_SYSTEM = "application/vnd.ollama.image.system"

DEFAULT_HOST = "registry.ollama.ai"
DEFAULT_NAMESPACE = "library"
CHATML_GO_TEMPLATE = (
    "{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}"
    "<|im_start|>assistant\n"
)
DEFAULT_PARAMETERS: dict[str, Any] = {"stop": ["<|im_start|>", "<|im_end|>"]}

_PART = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}"
_NAME = re.compile(
    rf"^(?:(?P<host>{_PART}(?::\d+)?)/)??(?:(?P<namespace>{_PART})/)?(?P<model>{_PART})"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?$"
)


@dataclass(frozen=True)
class ModelName:
    host: str
    namespace: str
    model: str
    tag: str

    @classmethod
    def parse(cls, text: str) -> ModelName | None:
        match = _NAME.match(text.strip())
        if match is None:
            return None
        return cls(
            match["host"] or DEFAULT_HOST,
            match["namespace"] or DEFAULT_NAMESPACE,
            match["model"],
            match["tag"] or "latest",
        )

    @property
    def display(self) -> str:
        """Ollama's DisplayShortest: ``tiny:latest``, ``user/tiny:latest`` or the full name."""
        if self.host != DEFAULT_HOST:
            return f"{self.host}/{self.namespace}/{self.model}:{self.tag}"
        if self.namespace != DEFAULT_NAMESPACE:
            return f"{self.namespace}/{self.model}:{self.tag}"
        return f"{self.model}:{self.tag}"

    @property
    def full(self) -> str:
        return f"{self.host}/{self.namespace}/{self.model}:{self.tag}"

    @property
    def relative_path(self) -> Path:
        return Path(self.host, self.namespace, self.model, self.tag)


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return "sha256:" + hashlib.file_digest(stream, "sha256").hexdigest()


@dataclass(frozen=True)
class Layer:
    media_type: str
    digest: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"mediaType": self.media_type, "digest": self.digest, "size": self.size}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Layer:
        return cls(data["mediaType"], data["digest"], int(data["size"]))


@dataclass(frozen=True)
class Manifest:
    config: Layer
    layers: tuple[Layer, ...]

    def to_bytes(self) -> bytes:
        document = {
            "schemaVersion": 2,
            "mediaType": MEDIA_MANIFEST,
            "config": self.config.to_json(),
            "layers": [layer.to_json() for layer in self.layers],
        }
        return json.dumps(document, indent=2).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        document = json.loads(data)
        layers = tuple(Layer.from_json(layer) for layer in document["layers"])
        return cls(Layer.from_json(document["config"]), layers)

    @property
    def blobs(self) -> tuple[Layer, ...]:
        """Every blob a pull transfers, in Ollama's order: the layers, then the config."""
        return (*self.layers, self.config)

    def layer(self, media_type: str) -> Layer | None:
        return next((layer for layer in self.layers if layer.media_type == media_type), None)


class BlobDir:
    """A folder of blobs named ``sha256-<hex>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, digest: str) -> Path:
        return self.root / digest.replace(":", "-")

    def partial_path(self, digest: str) -> Path:
        return self.root / (digest.replace(":", "-") + "-partial")

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def put_bytes(self, data: bytes, media_type: str) -> Layer:
        digest = sha256_digest(data)
        self.path(digest).write_bytes(data)
        return Layer(media_type, digest, len(data))

    def put_file(self, source: Path, media_type: str) -> Layer:
        digest = file_digest(source)
        shutil.copyfile(source, self.path(digest))
        return Layer(media_type, digest, source.stat().st_size)

    def read_text(self, layer: Layer | None) -> str:
        return self.path(layer.digest).read_text() if layer is not None else ""


@dataclass(frozen=True)
class Publication:
    """What :meth:`Registry.publish` describes about a model beyond its weights."""

    capabilities: tuple[str, ...] = ("completion",)
    family: str | None = None
    parameter_size: str | None = None
    quantization: str | None = None
    template: str = CHATML_GO_TEMPLATE
    license: str = "MIT"
    system: str | None = None
    parameters: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PARAMETERS))


class Registry:
    """The remote side of a pull: published manifests over a blob folder."""

    def __init__(self, root: Path) -> None:
        self.blobs = BlobDir(root / "blobs")
        self._manifests: dict[ModelName, bytes] = {}

    def publish(self, name: ModelName, gguf_path: Path, publication: Publication) -> Manifest:
        metadata = read_gguf_metadata(gguf_path)
        family = publication.family or metadata.architecture
        layers = [self.blobs.put_file(gguf_path, MEDIA_MODEL)]
        texts = [
            (MEDIA_TEMPLATE, publication.template),
            (MEDIA_SYSTEM, publication.system),
            (MEDIA_LICENSE, publication.license),
        ]
        layers += [self.blobs.put_bytes(text.encode(), media) for media, text in texts if text]
        if publication.parameters:
            params = json.dumps(publication.parameters).encode()
            layers.append(self.blobs.put_bytes(params, MEDIA_PARAMS))
        config = {
            "model_format": "gguf",
            "model_family": family,
            "model_families": [family],
            "model_type": publication.parameter_size or human_number(metadata.parameter_count),
            "file_type": publication.quantization or metadata.quantization,
            "capabilities": list(publication.capabilities),
            "architecture": "amd64",
            "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [layer.digest for layer in layers]},
        }
        config_layer = self.blobs.put_bytes(json.dumps(config).encode(), MEDIA_CONFIG)
        manifest = Manifest(config_layer, tuple(layers))
        self._manifests[name] = manifest.to_bytes()
        return manifest

    def manifest(self, name: ModelName) -> bytes | None:
        return self._manifests.get(name)

    def published(self) -> list[ModelName]:
        return list(self._manifests)


@dataclass(frozen=True)
class InstalledModel:
    """One manifest in the local store, with what the API endpoints report about it."""

    name: ModelName
    manifest: Manifest
    digest: str  # hex SHA-256 of the manifest file, without prefix, as /api/tags shows it
    modified_at: datetime
    blobs: BlobDir
    metadata: GgufMetadata

    @property
    def model_layer(self) -> Layer:
        layer = self.manifest.layer(MEDIA_MODEL)
        if layer is None:
            raise ValueError(f"{self.name.display} has no model layer")
        return layer

    @property
    def model_path(self) -> Path:
        return self.blobs.path(self.model_layer.digest)

    @property
    def size(self) -> int:
        return sum(layer.size for layer in self.manifest.blobs)

    @property
    def config(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.blobs.read_text(self.manifest.config))
        return data

    @property
    def capabilities(self) -> list[str]:
        return list(self.config.get("capabilities", ["completion"]))

    @property
    def details(self) -> dict[str, Any]:
        config = self.config
        return {
            "parent_model": config.get("parent_model", ""),
            "format": config["model_format"],
            "family": config["model_family"],
            "families": config["model_families"],
            "parameter_size": config["model_type"],
            "quantization_level": config["file_type"],
        }

    def text(self, media_type: str) -> str:
        return self.blobs.read_text(self.manifest.layer(media_type))

    @property
    def parameters(self) -> dict[str, Any]:
        raw = self.text(MEDIA_PARAMS)
        data: dict[str, Any] = json.loads(raw) if raw else {}
        return data


class ModelStore:
    """The local side: what /api/tags lists and /api/chat can run."""

    def __init__(self, root: Path) -> None:
        self.blobs = BlobDir(root / "blobs")
        self.manifests = root / "manifests"
        self.manifests.mkdir(parents=True, exist_ok=True)
        self._metadata: dict[str, GgufMetadata] = {}
        self._lock = threading.Lock()

    def write_manifest(self, name: ModelName, data: bytes) -> None:
        path = self.manifests / name.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def get(self, name: ModelName) -> InstalledModel | None:
        path = self.manifests / name.relative_path
        try:
            data = path.read_bytes()
            modified = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        except FileNotFoundError:
            return None
        manifest = Manifest.from_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        return InstalledModel(name, manifest, digest, modified, self.blobs, self._gguf(manifest))

    def _gguf(self, manifest: Manifest) -> GgufMetadata:
        layer = manifest.layer(MEDIA_MODEL)
        if layer is None:
            raise ValueError("manifest has no model layer")
        with self._lock:
            if layer.digest not in self._metadata:
                self._metadata[layer.digest] = read_gguf_metadata(self.blobs.path(layer.digest))
            return self._metadata[layer.digest]

    def names(self) -> list[ModelName]:
        found = []
        for path in self.manifests.glob("*/*/*/*"):
            host, namespace, model, tag = path.relative_to(self.manifests).parts
            found.append(ModelName(host, namespace, model, tag))
        return found

    def all(self) -> list[InstalledModel]:
        models = [model for name in self.names() if (model := self.get(name)) is not None]
        return sorted(models, key=lambda model: model.modified_at, reverse=True)

    def copy(self, source: ModelName, destination: ModelName) -> bool:
        path = self.manifests / source.relative_path
        if not path.is_file():
            return False
        self.write_manifest(destination, path.read_bytes())
        return True

    def delete(self, name: ModelName) -> bool:
        """Remove the manifest and every blob no other manifest still uses."""
        path = self.manifests / name.relative_path
        if not path.is_file():
            return False
        removed = Manifest.from_bytes(path.read_bytes())
        path.unlink()
        still_used = {
            layer.digest
            for other in self.names()
            if (model := self.get(other)) is not None
            for layer in model.manifest.blobs
        }
        for layer in removed.blobs:
            if layer.digest not in still_used:
                self.blobs.path(layer.digest).unlink(missing_ok=True)
        return True
