"""/api/create and /api/blobs of the test server, checked with the official ``ollama`` client."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import ollama
import pytest

from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.sdk_clients import kept


def client(server: OllamaServer) -> ollama.Client:
    return kept(ollama.Client(host=server.url))


def test_create_from_a_model_streams_statuses_and_show_has_the_new_layers(
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    api = client(ollama_server)

    updates = list(
        api.create(
            "mario",
            from_=TINY,
            system="You are Mario.",
            parameters={"num_ctx": 4096, "temperature": 0.3},
            stream=True,
        )
    )

    statuses = [update.status for update in updates]
    assert statuses[-2:] == ["writing manifest", "success"]
    assert any(status.startswith("using existing layer sha256:") for status in statuses)
    assert any(status.startswith("creating new layer sha256:") for status in statuses)
    shown = api.show("mario")
    assert 'SYSTEM """You are Mario."""' in shown.modelfile
    assert "num_ctx" in shown.parameters and "temperature" in shown.parameters
    assert '"<|im_start|>"' in shown.parameters  # the base's stop words are kept
    assert {model.model for model in api.list().models} == {"mario:latest", TINY}


def test_create_refuses_a_bad_name_and_an_unknown_base(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    api = client(ollama_server)
    with pytest.raises(ollama.ResponseError) as bad_name:
        api.create("bad name!", from_=TINY)
    assert bad_name.value.status_code == 400
    assert bad_name.value.error == "invalid model name"
    with pytest.raises(ollama.ResponseError) as unknown:
        api.create("luigi", from_="nothere")
    assert unknown.value.status_code == 404
    assert [model.model for model in api.list().models] == [TINY]


def test_blob_upload_then_create_from_files(
    ollama_server: OllamaServer, tiny_model_path: Path
) -> None:
    api = client(ollama_server)
    data = tiny_model_path.read_bytes()
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with httpx.Client(base_url=ollama_server.url) as http:
        missing = http.head(f"/api/blobs/{digest}")
        assert missing.status_code == 404

        assert api.create_blob(tiny_model_path) == digest

        assert http.head(f"/api/blobs/{digest}").status_code == 200
        again = http.post(f"/api/blobs/{digest}", content=data)
        assert again.status_code == 200
        wrong = http.post(f"/api/blobs/sha256:{'0' * 64}", content=data)
        assert wrong.status_code == 400
        assert "digest mismatch" in wrong.json()["error"]
    assert ollama_server.blobs_received == [digest]

    updates = list(api.create("imported", files={"tiny.gguf": digest}, stream=True))

    assert updates[0].status == "parsing GGUF"
    assert updates[-1].status == "success"
    assert api.show("imported").details.format == "gguf"
