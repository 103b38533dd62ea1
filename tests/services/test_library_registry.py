"""Library tag sizes from the loopback Ollama registry: config plus layers, tags it lacks
left out, and an unreachable registry as ConnectionFailed."""

from __future__ import annotations

import pytest

from desktop.core.errors import ConnectionFailed, ProviderError
from desktop.core.ollama_library import LibraryModel, LibraryTag
from desktop.services.library_registry import LibraryRegistry, manifest_size
from tests.servers.ollama_registry_server import RegistryServer

QWEN3 = LibraryModel(
    "qwen3", "", ("completion",), "4b", (LibraryTag("4b", 2_500_000_000), LibraryTag("8b", 1))
)


async def test_sizes_are_the_manifests_layers_and_config():
    server = RegistryServer()
    server.sizes = {("qwen3", "4b"): 2_612_345_678}
    server.start()
    url = server.url
    try:
        sizes = await LibraryRegistry(server.url).tag_sizes(QWEN3)
        assert sizes == {"4b": 2_612_345_678}  # 8b: 404 manifest unknown, left out
        paths = sorted(request.path for request in server.requests)
        assert paths == ["/v2/library/qwen3/manifests/4b", "/v2/library/qwen3/manifests/8b"]
        accept = server.requests[0].headers["accept"]
        assert accept == "application/vnd.docker.distribution.manifest.v2+json"
        server.sizes = {}
        with pytest.raises(ProviderError):
            await LibraryRegistry(server.url).tag_sizes(QWEN3)
    finally:
        server.stop()
    with pytest.raises(ConnectionFailed):
        await LibraryRegistry(url).tag_sizes(QWEN3)


def test_manifest_size_adds_the_config_to_the_layers():
    manifest = {"config": {"size": 10}, "layers": [{"size": 100}, {"size": 5}]}
    assert manifest_size(manifest) == 115
    assert manifest_size({}) == 0
