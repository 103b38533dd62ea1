"""What an embedding request's failures mean: a chat model picked, an answer that is not
vectors."""

from __future__ import annotations

from desktop.core.errors import BadRequest, ProtocolError, ProviderError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

NOT_EMBEDDING_WORDS = ("does not support embeddings", "does not support embedding")


class NotAnEmbeddingModel(BadRequest):
    """The model chosen for documents cannot make embeddings (it is a chat model)."""


def not_an_embedding_model(model: str, detail: str = "") -> NotAnEmbeddingModel:
    return NotAnEmbeddingModel(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{model} is a chat model: it cannot turn documents into embeddings. Choose "
                "an embedding model for documents, for example nomic-embed-text, "
                "all-minilm or bge-m3.",
            ),
            model=Text.plain(model),
        ),
        detail=detail,
    )


def as_embedding_error(error: ProviderError, model: str) -> ProviderError:
    """``error`` as NotAnEmbeddingModel when the server said the model cannot embed."""
    if any(words in error.detail.lower() for words in NOT_EMBEDDING_WORDS):
        return not_an_embedding_model(model, error.detail)
    return error


def not_vectors(where: Text, model: str, detail: str) -> ProtocolError:
    return ProtocolError(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} did not send embeddings for {model} ({shown}). Check that the "
                "model is an embedding model and that the address points at the right "
                "service.",
            ),
            where=where,
            model=Text.plain(model),
            shown=Text.plain(detail[:120]),
        ),
        detail=detail,
    )
