"""OllamaProvider.create, has_blob and push_blob over real HTTP to the loopback Ollama server."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from desktop.core.errors import BadRequest, ModelNotFound
from desktop.providers.ollama import OllamaProvider
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer


@pytest.fixture
def ollama(http: httpx.AsyncClient, ollama_server: OllamaServer) -> OllamaProvider:
    return OllamaProvider(http, ollama_server.url)


async def test_create_from_a_model_sends_the_fields_and_streams_statuses(
    ollama: OllamaProvider, ollama_server: OllamaServer
) -> None:
    ollama_server.install(TINY)
    request = {"from": TINY, "system": "Be brief.", "parameters": {"num_ctx": 2048}}

    statuses = [status async for status in ollama.create("brief", request)]

    assert statuses[-1] == "success"
    [sent] = ollama_server.requests_to("/api/create")
    assert sent.body == {**request, "model": "brief", "stream": True}
    details = await ollama.show("brief")
    assert details.system == "Be brief."
    assert "PARAMETER num_ctx 2048" in " ".join(details.modelfile.split())


async def test_a_refused_name_gives_ollamas_words(
    ollama: OllamaProvider, ollama_server: OllamaServer
) -> None:
    ollama_server.install(TINY)
    with pytest.raises(BadRequest) as refused:
        [status async for status in ollama.create("no good!", {"from": TINY})]
    assert refused.value.message == "Ollama did not create no good!: invalid model name"
    with pytest.raises(ModelNotFound, match="nothere"):
        [status async for status in ollama.create("x", {"from": "nothere"})]


@pytest.fixture
def tiny_blob(tiny_model_path: Path) -> tuple[str, int]:
    data = tiny_model_path.read_bytes()
    return "sha256:" + hashlib.sha256(data).hexdigest(), len(data)


async def test_blob_head_then_push_with_progress(
    ollama: OllamaProvider,
    ollama_server: OllamaServer,
    tiny_model_path: Path,
    tiny_blob: tuple[str, int],
) -> None:
    digest, size = tiny_blob
    assert await ollama.has_blob(digest) is False
    sent: list[int] = []

    await ollama.push_blob(digest, tiny_model_path, sent.append)

    assert sent[-1] == size
    assert await ollama.has_blob(digest) is True
    assert ollama_server.blobs_received == [digest]
    with pytest.raises(BadRequest, match="digest mismatch"):
        await ollama.push_blob("sha256:" + "0" * 64, tiny_model_path)
