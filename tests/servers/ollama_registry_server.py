"""A loopback stand-in for Ollama's registry: ``GET /v2/library/{model}/manifests/{tag}``
answers a Docker manifest v2 (config + model layer with sizes), as registry.ollama.ai does
for ``ollama pull``; an unknown tag answers 404 with the OCI error body."""

from __future__ import annotations

import hashlib
from http import HTTPStatus

from tests.servers.go_json import go_json
from tests.servers.loopback_http import Exchange, LoopbackServer

MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
CONFIG_SIZE = 487


class RegistryServer(LoopbackServer):
    default_fault_path = "/v2/"

    def __init__(self) -> None:
        super().__init__()
        self.sizes: dict[tuple[str, str], int] = {}
        """(model, tag) → the model layer's size; the manifest adds a config blob."""

    def route_missing(self, exchange: Exchange) -> None:
        parts = exchange.path.strip("/").split("/")
        if len(parts) != 5 or parts[:2] != ["v2", "library"] or parts[3] != "manifests":
            super().route_missing(exchange)
            return
        size = self.sizes.get((parts[2], parts[4]))
        if size is None:
            body = {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown"}]}
            exchange.send_bytes(HTTPStatus.NOT_FOUND, go_json(body), "application/json")
            return
        digest = hashlib.sha256(f"{parts[2]}:{parts[4]}".encode()).hexdigest()
        manifest = {
            "schemaVersion": 2,
            "mediaType": MANIFEST_TYPE,
            "config": {
                "mediaType": "application/vnd.docker.container.image.v1+json",
                "digest": f"sha256:{'0' * 64}",
                "size": CONFIG_SIZE,
            },
            "layers": [
                {
                    "mediaType": "application/vnd.ollama.image.model",
                    "digest": f"sha256:{digest}",
                    "size": size - CONFIG_SIZE,
                }
            ],
        }
        exchange.send_bytes(HTTPStatus.OK, go_json(manifest), MANIFEST_TYPE)
