"""The Ollama test server, checked with the official ``ollama`` client and raw HTTP.

If the official client is happy with our answers, Parley's provider tests against this
server mean something. Chats run real llama.cpp inference on the tiny generated model.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from datetime import datetime, timedelta
from typing import Any

import httpx
import ollama
import pytest

from tests.servers.fixtures import TINY, TINY_LOOP, TINY_THINK, TINY_VISION
from tests.servers.ollama_chat import THINKING_TEXT
from tests.servers.ollama_server import OllamaServer
from tests.servers.sdk_clients import kept
from tests.servers.tiny_gguf import DEFAULT_REPLY, FEED_FORWARD, HIDDEN, LAYERS

HELLO = [{"role": "user", "content": "Hello there"}]
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def client(server: OllamaServer, **kwargs: Any) -> ollama.Client:
    return kept(ollama.Client(host=server.url, **kwargs))


def post_lines(server: OllamaServer, path: str, body: dict[str, Any]) -> list[bytes]:
    """POST and return the raw NDJSON lines of the answer (200 expected)."""
    with httpx.Client(base_url=server.url) as http, http.stream("POST", path, json=body) as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"] == "application/x-ndjson"
        assert reply.headers["transfer-encoding"] == "chunked"
        return [line.encode() for line in reply.iter_lines() if line]


def chat_body(model: str = TINY, **extra: Any) -> dict[str, Any]:
    return {"model": model, "messages": HELLO, **extra}


# -- the official client ------------------------------------------------------------------


def test_pull_streams_ollama_progress_and_the_model_is_listed(ollama_server: OllamaServer) -> None:
    api = client(ollama_server)
    assert api.list().models == []

    updates = list(api.pull(TINY, stream=True))

    statuses = [update.status for update in updates]
    assert statuses[0] == "pulling manifest"
    assert statuses[-3:] == ["verifying sha256 digest", "writing manifest", "success"]
    layers = [update for update in updates if update.digest]
    assert all(update.status == f"pulling {(update.digest or '')[7:19]}" for update in layers)
    model_layer = max(layers, key=lambda update: update.total or 0)
    assert model_layer.digest is not None
    assert model_layer.total == ollama_server.registry.blobs.path(model_layer.digest).stat().st_size
    assert layers[-1].completed == layers[-1].total
    [listed] = api.list().models
    assert listed.model == TINY
    assert listed.details is not None
    assert (listed.details.family, listed.details.quantization_level) == ("llama", "F32")
    assert len(listed.digest or "") == 64
    assert listed.size == sum({update.digest: update.total or 0 for update in layers}.values())


def test_second_pull_reports_each_layer_once_as_complete(ollama_server: OllamaServer) -> None:
    api = client(ollama_server)
    api.pull(TINY)
    moved = ollama_server.bytes_sent_by_pull[TINY]

    again = [update for update in api.pull(TINY, stream=True) if update.digest]

    assert len(again) == len({update.digest for update in again})
    assert all(update.completed == update.total for update in again)
    assert ollama_server.bytes_sent_by_pull[TINY] == moved


def test_streamed_chat_is_real_llama_cpp_output(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)

    chunks = list(client(ollama_server).chat(TINY, messages=HELLO, stream=True))

    assert "".join(chunk.message.content or "" for chunk in chunks) == DEFAULT_REPLY
    assert len(chunks) == len(DEFAULT_REPLY.split()) + 1  # one chunk per word, then done
    final = chunks[-1]
    assert final.done and final.done_reason == "stop"
    assert final.eval_count == len(DEFAULT_REPLY.split())
    assert final.prompt_eval_count and final.prompt_eval_count > 3
    assert final.total_duration and final.eval_duration and final.prompt_eval_duration
    assert final.total_duration >= final.eval_duration


def test_num_predict_cuts_the_answer_with_done_reason_length(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY_LOOP)

    answer = client(ollama_server).chat(
        TINY_LOOP, messages=HELLO, options={"num_predict": 25, "temperature": 0.2, "seed": 7}
    )

    assert answer.done_reason == "length"
    assert answer.eval_count == 25
    assert (answer.message.content or "").startswith(DEFAULT_REPLY + "Hello! I am")


def test_show_reports_capabilities_and_model_info_from_gguf(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY_VISION)

    shown = client(ollama_server).show(TINY_VISION)

    assert shown.capabilities == ["completion", "vision"]
    info = shown.modelinfo or {}
    assert info["general.architecture"] == "llama"
    assert info["llama.context_length"] == 4096
    assert info["llama.embedding_length"] == HIDDEN
    vocab = 5 + 256 + 95 + len(DEFAULT_REPLY.split())  # control, bytes, chars, reply words
    per_layer = 2 * HIDDEN + 4 * HIDDEN * HIDDEN + 3 * FEED_FORWARD * HIDDEN
    assert info["general.parameter_count"] == 2 * vocab * HIDDEN + LAYERS * per_layer + HIDDEN
    assert info["tokenizer.ggml.tokens"] == []
    assert shown.license == "MIT"
    assert "<|im_start|>" in (shown.template or "")
    assert 'stop                           "<|im_end|>"' in (shown.parameters or "")


def test_ps_shows_the_loaded_model_until_keep_alive_zero_unloads_it(
    ollama_server: OllamaServer,
) -> None:
    api = client(ollama_server)
    ollama_server.install(TINY)
    assert api.ps().models == []

    api.chat(TINY, messages=HELLO, keep_alive="10m", options={"num_ctx": 1024})
    [running] = api.ps().models
    assert running.model == TINY
    assert running.context_length == 1024
    assert running.size_vram and running.size_vram > 0
    expires_in = running.expires_at - datetime.now().astimezone() if running.expires_at else None
    assert expires_in is not None and timedelta(minutes=9) < expires_in <= timedelta(minutes=10)

    unloaded = api.chat(TINY, messages=[], keep_alive=0)
    assert unloaded.done_reason == "unload"
    assert api.ps().models == []


def test_copy_then_delete_keeps_the_copy_working(ollama_server: OllamaServer) -> None:
    api = client(ollama_server)
    ollama_server.install(TINY)

    assert api.copy(TINY, "backup:v1").status == "success"
    assert api.delete(TINY).status == "success"

    assert [model.model for model in api.list().models] == ["backup:v1"]
    answer = api.chat("backup:v1", messages=HELLO)
    assert answer.message.content == DEFAULT_REPLY


def test_missing_models_raise_ollamas_errors(ollama_server: OllamaServer) -> None:
    api = client(ollama_server)

    with pytest.raises(ollama.ResponseError) as pulled:
        list(api.pull("nosuch", stream=True))
    assert pulled.value.error == "pull model manifest: file does not exist"
    with pytest.raises(ollama.ResponseError) as chatted:
        api.chat("nosuch", messages=HELLO)
    assert (chatted.value.status_code, chatted.value.error) == (404, "model 'nosuch' not found")
    with pytest.raises(ollama.ResponseError) as deleted:
        api.delete("nosuch")
    assert (deleted.value.status_code, deleted.value.error) == (404, "model 'nosuch' not found")
    with pytest.raises(ollama.ResponseError) as copied:
        api.copy("nosuch", "other")
    assert (copied.value.status_code, copied.value.error) == (404, 'model "nosuch" not found')
    with pytest.raises(ollama.ResponseError) as shown:
        api.show("nosuch")
    assert (shown.value.status_code, shown.value.error) == (404, "model 'nosuch:latest' not found")


def test_thinking_model_streams_thinking_before_content(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY_THINK)
    ollama_server.install(TINY)
    api = client(ollama_server)

    chunks = list(api.chat(TINY_THINK, messages=HELLO, stream=True))

    kinds = ["thinking" if chunk.message.thinking else "content" for chunk in chunks[:-1]]
    assert kinds == sorted(kinds, reverse=True) and "thinking" in kinds  # thinking first
    assert "".join(chunk.message.thinking or "" for chunk in chunks) == THINKING_TEXT
    assert "".join(chunk.message.content or "" for chunk in chunks) == DEFAULT_REPLY
    no_thinking = api.chat(TINY_THINK, messages=HELLO, think=False)
    assert no_thinking.message.thinking is None
    with pytest.raises(ollama.ResponseError) as refused:
        api.chat(TINY, messages=HELLO, think=True)
    assert (refused.value.status_code, refused.value.error) == (
        400,
        f'"{TINY}" does not support thinking',
    )


def test_images_are_decoded_strictly_and_recorded(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY_VISION)
    api = client(ollama_server)

    answer = api.chat(TINY_VISION, messages=[{**HELLO[0], "images": [PNG_1PX]}])

    assert answer.message.content == DEFAULT_REPLY
    assert ollama_server.received_images == [PNG_1PX]
    data_url = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    with httpx.Client(base_url=ollama_server.url) as http:
        refused = http.post(
            "/api/chat",
            json={"model": TINY_VISION, "messages": [{**HELLO[0], "images": [data_url]}]},
        )
    assert refused.status_code == 400
    assert refused.json() == {"error": "illegal base64 data at input byte 4"}


# -- the wire, raw ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "expected"),
    [
        ("GET", "/", None, 200, b"Ollama is running"),
        ("GET", "/api/version", None, 200, b'{"version":"0.33.0-rc2"}'),
        ("GET", "/api/tags", None, 200, b'{"models":[]}'),
        ("GET", "/api/nothing", None, 404, b"404 page not found"),
        ("GET", "/api/chat", None, 405, b"405 method not allowed"),
        ("POST", "/api/chat", b"", 400, b'{"error":"missing request body"}'),
        (
            "POST",
            "/api/show",
            b"{nope",
            400,
            b'{"error":"invalid character \'n\' looking for beginning of value"}',
        ),
    ],
)
def test_plain_routes_answer_like_ollama(
    ollama_server: OllamaServer,
    method: str,
    path: str,
    body: bytes | None,
    status: int,
    expected: bytes,
) -> None:
    with httpx.Client(base_url=ollama_server.url) as http:
        reply = http.request(method, path, content=body)
    assert (reply.status_code, reply.content) == (status, expected)


def test_unknown_pull_streams_the_error_after_pulling_manifest(ollama_server: OllamaServer) -> None:
    lines = post_lines(ollama_server, "/api/pull", {"model": "nosuch"})
    assert lines == [
        b'{"status":"pulling manifest"}',
        b'{"error":"pull model manifest: file does not exist"}',
    ]
    with httpx.Client(base_url=ollama_server.url) as http:
        unary = http.post("/api/pull", json={"model": "nosuch", "stream": False})
    assert (unary.status_code, unary.json()) == (
        500,
        {"error": "pull model manifest: file does not exist"},
    )


def test_cancelled_pull_resumes_from_the_partial_file(ollama_server: OllamaServer) -> None:
    ollama_server.pull_rate = 1_000_000
    with (
        httpx.Client(base_url=ollama_server.url) as http,
        http.stream("POST", "/api/pull", json={"model": TINY}) as reply,
    ):
        for line in reply.iter_lines():
            update = json.loads(line)
            if update.get("completed", 0) > 0 and update["completed"] < update["total"]:
                model_digest, total = update["digest"], update["total"]
                break
    assert ollama_server.wait_for_disconnect(5)
    assert ollama_server.disconnects == ["/api/pull"]
    partial = ollama_server.store.blobs.partial_path(model_digest)
    kept = partial.stat().st_size
    assert 0 < kept < total
    first_attempt = ollama_server.bytes_sent_by_pull[TINY]

    ollama_server.pull_rate = None
    resumed = [u for u in client(ollama_server).pull(TINY, stream=True) if u.digest == model_digest]

    assert resumed[0].completed == kept
    second_attempt = ollama_server.bytes_sent_by_pull[TINY] - first_attempt
    assert second_attempt < total and first_attempt + second_attempt >= total
    blob = ollama_server.store.blobs.path(model_digest).read_bytes()
    assert "sha256:" + hashlib.sha256(blob).hexdigest() == model_digest
    assert not partial.exists()


def test_abandoned_chat_stream_is_recorded_and_frees_the_model(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY_LOOP)
    ollama_server.install(TINY)
    with (
        httpx.Client(base_url=ollama_server.url) as http,
        http.stream("POST", "/api/chat", json=chat_body(TINY_LOOP)) as reply,
    ):
        lines = reply.iter_lines()
        first = [json.loads(next(lines)) for _ in range(3)]
    assert [chunk["done"] for chunk in first] == [False, False, False]

    assert ollama_server.wait_for_disconnect(5)
    assert ollama_server.disconnects == ["/api/chat"]
    assert client(ollama_server).chat(TINY_LOOP, messages=HELLO, options={"num_predict": 3})


# -- injected faults, as the client sees them ---------------------------------------------


def test_fault_status_with_json_or_text_body(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    busy = "server busy, please try again.  maximum pending requests exceeded"
    ollama_server.inject(status=503, body={"error": busy}, once=True)
    ollama_server.inject("/api/tags", status=502, body="Bad Gateway")
    api = client(ollama_server)

    with pytest.raises(ollama.ResponseError) as refused:
        api.chat(TINY, messages=HELLO)
    assert (refused.value.status_code, refused.value.error) == (503, busy)
    with pytest.raises(ollama.ResponseError) as proxied:
        api.list()
    assert (proxied.value.status_code, proxied.value.error) == (502, "Bad Gateway")
    assert api.chat(TINY, messages=HELLO).message.content == DEFAULT_REPLY  # once: disarmed
    ollama_server.clear_faults()
    assert api.list().models


def test_fault_error_line_mid_stream(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    ollama_server.inject(error_after=3, error_message="model runner crashed")

    lines = post_lines(ollama_server, "/api/chat", chat_body())

    assert [json.loads(line)["message"]["content"] for line in lines[:3]] == ["Hello!", " I", " am"]
    assert lines[3:] == [b'{"error":"model runner crashed"}']
    with pytest.raises(ollama.ResponseError, match="model runner crashed"):
        list(client(ollama_server).chat(TINY, messages=HELLO, stream=True))


def test_fault_drop_closes_the_connection_without_done(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    ollama_server.inject(drop_after=2)
    received: list[str] = []
    with (
        httpx.Client(base_url=ollama_server.url) as http,
        pytest.raises(httpx.RemoteProtocolError),
        http.stream("POST", "/api/chat", json=chat_body()) as reply,
    ):
        received.extend(reply.iter_lines())
    assert len(received) == 2


def test_fault_malformed_line_then_the_stream_goes_on(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    ollama_server.inject(malformed_after=2)

    lines = post_lines(ollama_server, "/api/chat", chat_body())

    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[2])
    parsed = [json.loads(line) for line in lines[:2] + lines[3:]]
    assert "".join(chunk["message"]["content"] for chunk in parsed) == DEFAULT_REPLY
    assert parsed[-1]["done"] is True


def test_fault_token_delay_slows_every_chunk(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    ollama_server.inject(token_delay=0.03)
    started = time.monotonic()

    lines = post_lines(ollama_server, "/api/chat", chat_body())

    assert time.monotonic() - started >= 0.03 * len(lines)


def test_fault_silence_keeps_the_connection_open_until_the_client_leaves(
    ollama_server: OllamaServer,
) -> None:
    ollama_server.install(TINY)
    ollama_server.inject(silent_after=2)
    received: list[str] = []
    with (
        httpx.Client(base_url=ollama_server.url, timeout=httpx.Timeout(5, read=0.3)) as http,
        pytest.raises(httpx.ReadTimeout),
        http.stream("POST", "/api/chat", json=chat_body()) as reply,
    ):
        received.extend(reply.iter_lines())
    assert len(received) == 2
    assert ollama_server.wait_for_disconnect(5)


def test_fault_stalled_pull_stops_moving_bytes(ollama_server: OllamaServer) -> None:
    ollama_server.inject("/api/pull", stall_after_bytes=100_000)
    updates: list[dict[str, Any]] = []
    with (
        httpx.Client(base_url=ollama_server.url, timeout=httpx.Timeout(5, read=0.3)) as http,
        pytest.raises(httpx.ReadTimeout),
        http.stream("POST", "/api/pull", json={"model": TINY}) as reply,
    ):
        updates.extend(json.loads(line) for line in reply.iter_lines())
    assert ollama_server.wait_for_disconnect(5)
    assert ollama_server.bytes_sent_by_pull[TINY] == 100_000
    assert updates[-1]["status"].startswith("pulling ")
    assert ollama_server.store.blobs.partial_path(updates[-1]["digest"]).stat().st_size == 100_000


def test_stop_ends_streams_in_flight_promptly(ollama_server: OllamaServer) -> None:
    ollama_server.install(TINY)
    ollama_server.inject(silent_after=1)
    with httpx.Client(base_url=ollama_server.url, timeout=10) as http:
        with http.stream("POST", "/api/chat", json=chat_body()) as reply:
            lines = reply.iter_lines()
            next(lines)
            started = time.monotonic()
            ollama_server.stop()
            assert time.monotonic() - started < 2
            with pytest.raises(httpx.RemoteProtocolError):
                list(lines)
        with pytest.raises(httpx.ConnectError):
            http.get("/")
