"""One error tree for everything a provider can fail with.

Each error carries a message a person can act on; raw httpx exceptions never reach
the UI. ``detail`` keeps the server's own words (already free of secrets) for a
"details" disclosure.
"""

from __future__ import annotations


class ProviderError(Exception):
    """Base of every failure talking to a model provider."""

    def __init__(self, message: str, *, detail: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.status = status

    def __str__(self) -> str:
        return self.message


class ConnectionFailed(ProviderError):
    """The server could not be reached at all (refused, DNS, unreachable)."""


class ProviderTimeout(ProviderError):
    """The server did not answer (or went silent) within the time allowed."""


class AuthFailed(ProviderError):
    """401/403: the key or token was rejected."""


class ModelNotFound(ProviderError):
    """The model named is not installed or not offered by the provider."""


class RateLimited(ProviderError):
    """429: too many requests; ``retry_after`` seconds if the server said."""

    def __init__(
        self,
        message: str,
        *,
        detail: str = "",
        status: int | None = 429,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, detail=detail, status=status)
        self.retry_after = retry_after


class BadRequest(ProviderError):
    """4xx other than auth/not-found/rate-limit: the request was refused."""


class ServerError(ProviderError):
    """5xx, or an error reported by the server inside a 200 stream."""


class ProtocolError(ProviderError):
    """The server answered with something that is not the protocol (malformed line)."""


class StreamInterrupted(ProviderError):
    """The server closed the stream before its final (done) message."""
