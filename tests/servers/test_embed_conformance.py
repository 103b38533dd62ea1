"""The embedding endpoints, proven with the official ``ollama`` and ``openai`` clients.

The vectors are real all-MiniLM-L6-v2 sentence embeddings (llama.cpp over the converted
safetensors): paraphrases land close together, unrelated sentences far apart.
"""

from __future__ import annotations

import base64

import numpy as np
import ollama
import openai
import pytest

from tests.servers.embedding_fixtures import MINILM, OPENAI_MINILM
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.sdk_clients import kept

PASSWORD = "How do I reset my password?"
PASSWORD_AGAIN = "What are the steps to change my login password?"
FLOUR = "The recipe calls for two cups of flour and one egg."
VOLCANO = "Volcanoes erupt when magma rises through the crust."


def cosine(a: list[float] | np.ndarray, b: list[float] | np.ndarray) -> float:
    first, second = np.asarray(a), np.asarray(b)
    return float(first @ second / (np.linalg.norm(first) * np.linalg.norm(second)))


def test_ollama_client_embeds_a_batch_with_sensible_similarities(
    embedding_ollama_server: OllamaServer,
) -> None:
    client = kept(ollama.Client(host=embedding_ollama_server.url))
    answer = client.embed(model="all-minilm", input=[PASSWORD, PASSWORD_AGAIN, FLOUR, VOLCANO])

    vectors = answer.embeddings
    assert answer.model == "all-minilm"
    assert len(vectors) == 4
    assert {len(vector) for vector in vectors} == {384}
    assert all(abs(np.linalg.norm(vector) - 1) < 1e-4 for vector in vectors)  # as Ollama's
    assert answer.prompt_eval_count is not None and answer.prompt_eval_count > 20
    paraphrase = cosine(vectors[0], vectors[1])
    assert paraphrase > 0.6
    for unrelated in (cosine(vectors[0], vectors[2]), cosine(vectors[0], vectors[3])):
        assert unrelated < 0.25
        assert paraphrase - unrelated > 0.4


def test_ollama_single_input_equals_the_same_text_in_a_batch(
    embedding_ollama_server: OllamaServer,
) -> None:
    client = kept(ollama.Client(host=embedding_ollama_server.url))
    alone = client.embed(model=MINILM, input=FLOUR).embeddings
    batch = client.embed(model=MINILM, input=[PASSWORD, FLOUR]).embeddings
    assert len(alone) == 1
    assert cosine(alone[0], batch[1]) > 0.9999


def test_ollama_embed_errors(embedding_ollama_server: OllamaServer) -> None:
    client = kept(ollama.Client(host=embedding_ollama_server.url))
    with pytest.raises(ollama.ResponseError) as missing:
        client.embed(model="nomic-embed-text", input="hello")
    assert missing.value.status_code == 404
    assert missing.value.error == "model 'nomic-embed-text' not found"

    embedding_ollama_server.install(TINY)
    with pytest.raises(ollama.ResponseError) as chat_model:
        client.embed(model="tiny", input="hello")
    assert chat_model.value.status_code == 500
    assert chat_model.value.error == "this model does not support embeddings"

    long_text = "word " * 600
    with pytest.raises(ollama.ResponseError) as too_long:
        client.embed(model=MINILM, input=long_text, truncate=False)
    assert too_long.value.status_code == 400
    assert "context length" in too_long.value.error
    assert len(client.embed(model=MINILM, input=long_text).embeddings[0]) == 384

    assert client.embed(model=MINILM, input=[]).embeddings == []


@pytest.mark.parametrize("encoding", ["base64", "float"])
def test_openai_client_embeddings(embedding_openai_server: OpenAIServer, encoding: str) -> None:
    client = kept(openai.OpenAI(base_url=embedding_openai_server.url + "/v1", api_key="none"))
    answer = client.embeddings.create(
        model=OPENAI_MINILM,
        input=[PASSWORD, PASSWORD_AGAIN, VOLCANO],
        encoding_format=encoding,  # type: ignore[arg-type]
    )
    items = sorted(answer.data, key=lambda item: item.index)
    # Asked for explicitly, base64 comes back as the SDK received it: little-endian float32.
    vectors = [
        np.frombuffer(base64.b64decode(item.embedding), "<f4")
        if isinstance(item.embedding, str)
        else np.asarray(item.embedding)
        for item in items
    ]
    assert (encoding == "base64") == isinstance(items[0].embedding, str)
    assert [len(vector) for vector in vectors] == [384, 384, 384]
    assert answer.usage.prompt_tokens == answer.usage.total_tokens > 10
    assert cosine(vectors[0], vectors[1]) > 0.6
    assert cosine(vectors[0], vectors[2]) < 0.25
    sent = embedding_openai_server.requests_to("/v1/embeddings")[-1]
    assert sent.body["encoding_format"] == encoding


def test_openai_client_sees_the_sdk_default_base64_decoded(
    embedding_openai_server: OpenAIServer, embedding_ollama_server: OllamaServer
) -> None:
    """The SDK asks for base64 by default; its floats equal Ollama's for the same text."""
    sdk = kept(openai.OpenAI(base_url=embedding_openai_server.url + "/v1", api_key="none"))
    via_openai = sdk.embeddings.create(model=OPENAI_MINILM, input=FLOUR).data[0].embedding
    native = kept(ollama.Client(host=embedding_ollama_server.url))
    via_ollama = native.embed(model=MINILM, input=FLOUR).embeddings[0]
    assert cosine(via_openai, via_ollama) > 0.9999


def test_openai_embedding_errors(embedding_openai_server: OpenAIServer) -> None:
    client = kept(openai.OpenAI(base_url=embedding_openai_server.url + "/v1", api_key="none"))
    with pytest.raises(openai.NotFoundError):
        client.embeddings.create(model="text-embedding-3-small", input="hi")
    with pytest.raises(openai.InternalServerError) as chat_model:
        kept(client.with_options(max_retries=0)).embeddings.create(model="gpt-test", input="hi")
    assert "does not support embeddings" in str(chat_model.value)
