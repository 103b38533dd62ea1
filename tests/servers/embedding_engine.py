"""Real sentence embeddings for the test servers: llama.cpp (llama-cpp-python) in embedding mode.

One ``Llama(embedding=True)`` per model file for the whole session, used by one request at a
time. Vectors come back L2-normalised, as Ollama's /api/embed and OpenAI's /v1/embeddings
return them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from llama_cpp import Llama

CONTEXT_SIZE = 512  # all-MiniLM-L6-v2's max_position_embeddings


class InputTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Embedded:
    vectors: list[list[float]]
    tokens: int


class EmbeddingModel:
    def __init__(self, path: Path) -> None:
        self.llama = Llama(
            str(path),
            embedding=True,
            n_ctx=CONTEXT_SIZE,
            n_batch=CONTEXT_SIZE,
            n_ubatch=CONTEXT_SIZE,
            use_mmap=False,
            verbose=False,
        )
        self.lock = threading.Lock()

    def embed(self, texts: list[str], *, truncate: bool = True) -> Embedded:
        """One unit vector per text; too long a text is cut to the context, or refused."""
        with self.lock:
            if not texts:
                return Embedded([], 0)
            if not truncate:
                for text in texts:
                    if len(self.llama.tokenize(text.encode())) > CONTEXT_SIZE:
                        raise InputTooLong("input exceeds maximum context length")
            vectors, count = self.llama.embed(
                texts, normalize=True, truncate=True, return_count=True
            )
            return Embedded([list(map(float, vector)) for vector in vectors], int(count))


_models: dict[str, EmbeddingModel] = {}
_models_lock = threading.Lock()


def load_embedding_model(path: Path) -> EmbeddingModel:
    key = str(path.resolve())
    with _models_lock:
        model = _models.get(key)
        if model is None:
            model = _models[key] = EmbeddingModel(path)
        return model
