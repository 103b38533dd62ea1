"""The words Discover uses for a failed Hugging Face search or repo read."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import (
    ConnectionFailed,
    ModelNotFound,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
)


def hub_error_text(error: ProviderError, endpoint: str) -> str:
    """What a failed search or repo read says, in the person's language."""
    host = endpoint.split("://", 1)[-1]
    if isinstance(error, ConnectionFailed | ProviderTimeout):
        return QCoreApplication.translate(
            "DiscoverPage",
            "Hugging Face cannot be reached at {host}: check the network connection. "
            "Ollama's library below is the list shipped with Parley.",
        ).format(host=host)
    if isinstance(error, RateLimited):
        if error.retry_after:
            return QCoreApplication.translate(
                "DiscoverPage",
                "Hugging Face is limiting searches from this address: try again in {n} s.",
            ).format(n=round(error.retry_after))
        return QCoreApplication.translate(
            "DiscoverPage", "Hugging Face is limiting searches from this address: try again soon."
        )
    if isinstance(error, ServerError):
        return QCoreApplication.translate(
            "DiscoverPage", "Hugging Face answered with an error ({status}): try again later."
        ).format(status=error.status)
    if isinstance(error, ModelNotFound):
        return QCoreApplication.translate(
            "DiscoverPage", "This repository does not exist any more, or it is private."
        )
    return QCoreApplication.translate(
        "DiscoverPage", "Hugging Face answered in a way Parley does not understand: {detail}"
    ).format(detail=error.detail[:200])
