"""Current download sizes of Ollama library tags, from Ollama's registry.

Ollama has no API that lists its library, but its registry answers the OCI distribution
call ``ollama pull`` itself makes: ``GET /v2/library/{model}/manifests/{tag}`` with the
Docker manifest v2 media type. A tag's download is its layers plus its config, which is
the size ``ollama list`` shows after the pull. Used to refresh the shipped list's sizes
when a model is opened; each refresh uses a short-lived client (a few requests, seldom).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from desktop.core.errors import ConnectionFailed, ProviderError, ProviderTimeout
from desktop.core.ollama_library import LibraryModel

REGISTRY = "https://registry.ollama.ai"
MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
PARALLEL = 4


def manifest_size(manifest: dict[str, Any]) -> int:
    layers = manifest.get("layers") or []
    config = manifest.get("config") or {}
    sizes = [layer.get("size", 0) for layer in layers if isinstance(layer, dict)]
    return int(sum(sizes) + (config.get("size", 0) if isinstance(config, dict) else 0))


class LibraryRegistry:
    def __init__(self, base: str = REGISTRY, *, timeout: float = 8.0) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout

    async def tag_sizes(self, model: LibraryModel) -> dict[str, int]:
        """Each tag's size now; tags the registry no longer has are left out. Raises
        ConnectionFailed / ProviderTimeout when the registry cannot be reached."""
        gate = asyncio.Semaphore(PARALLEL)
        headers = {"Accept": MANIFEST_TYPE}
        async with httpx.AsyncClient(timeout=self.timeout, headers=headers) as client:

            async def one(tag: str) -> tuple[str, int | None]:
                url = f"{self.base}/v2/library/{model.name}/manifests/{tag}"
                async with gate:
                    response = await client.get(url)
                if response.status_code != 200:
                    return tag, None
                try:
                    return tag, manifest_size(response.json())
                except ValueError:
                    return tag, None

            try:
                answers = await asyncio.gather(*(one(tag.tag) for tag in model.tags))
            except httpx.TimeoutException as error:
                raise ProviderTimeout("registry timed out", detail=str(error)) from error
            except httpx.TransportError as error:
                raise ConnectionFailed("registry unreachable", detail=str(error)) from error
        sizes = {tag: size for tag, size in answers if size}
        if not sizes and model.tags:
            raise ProviderError("the registry has none of these tags")
        return sizes
