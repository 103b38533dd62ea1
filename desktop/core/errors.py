"""One error tree for everything a provider can fail with.

Each error carries a message a person can act on; raw httpx exceptions never reach
the UI. ``detail`` keeps the server's own words (already free of secrets) for a
"details" disclosure. The class says what kind of problem it is, so a headline is
chosen from the class, never by searching the message for words::

    ProviderError
    ├── ConnectionFailed        nothing answered (refused, unreachable)
    │   ├── InvalidAddress      the endpoint URL cannot be used as it is
    │   ├── HostNotFound        the host name did not resolve
    │   ├── TlsFailed           the TLS handshake or the certificate check failed
    │   └── ProxyFailed         the proxy between us and the server failed
    ├── ProviderTimeout         no answer (or silence) within the time allowed
    ├── AuthFailed              401/403, invalid_api_key: the key was refused
    │   ├── KeyNotChecked       the server could not check the key (LiteLLM, no database)
    │   └── KeyNotConfirmed     (providers.credentials) the key was not sent to this host
    ├── ModelNotFound           404: the model or address is unknown
    ├── RateLimited             429: too many requests
    │   └── QuotaExceeded       the account's quota or credit is used up
    ├── BadRequest              other 4xx: the request was refused
    ├── ServerError             5xx, or an error frame inside a 200 stream
    ├── ProtocolError           the reply is not the protocol (wrong kind of service)
    └── StreamInterrupted       the stream closed before its final message
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
    """The server could not be reached at all (refused, unreachable)."""


class InvalidAddress(ConnectionFailed):
    """The endpoint URL is missing, unfilled or not a usable http(s) URL."""


class HostNotFound(ConnectionFailed):
    """The host name of the endpoint could not be resolved (DNS)."""


class TlsFailed(ConnectionFailed):
    """The secure connection failed: handshake, or a certificate not trusted."""


class ProxyFailed(ConnectionFailed):
    """The proxy the provider goes through refused, or could not be reached or used."""


class ProviderTimeout(ProviderError):
    """The server did not answer (or went silent) within the time allowed."""


class AuthFailed(ProviderError):
    """401/403 or an authentication error type: the key or token was rejected."""


class KeyNotChecked(AuthFailed):
    """The server could not check the key at all (LiteLLM without a database)."""


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


class QuotaExceeded(RateLimited):
    """The account's quota or credit is used up: waiting will not help."""


class BadRequest(ProviderError):
    """4xx other than auth/not-found/rate-limit: the request was refused."""


class ServerError(ProviderError):
    """5xx, or an error reported by the server inside a 200 stream."""


class ProtocolError(ProviderError):
    """The server answered with something that is not the protocol (malformed line)."""


class StreamInterrupted(ProviderError):
    """The server closed the stream before its final (done) message."""
