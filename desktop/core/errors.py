"""One error tree for everything Parley can fail with in a way a person must be told.

Every error carries a :class:`~desktop.core.text.Text` (``text``: a key and parameters, put
into the person's language by desktop/ui/strings.py) and, apart, ``detail``: what the
server or the system said in its own words (free of secrets), for a "details"
disclosure and the log. ``message`` is the English, for logs and tests. The class says
what kind of problem it is, so a headline is chosen from the class, never by searching
the words::

    ParleyError
    ├── ProviderError           talking to a model provider failed
    │   ├── ConnectionFailed        nothing answered (refused, unreachable)
    │   │   ├── InvalidAddress      the endpoint URL cannot be used as it is
    │   │   ├── HostNotFound        the host name did not resolve
    │   │   ├── TlsFailed           the TLS handshake or the certificate check failed
    │   │   └── ProxyFailed         the proxy between us and the server failed
    │   ├── ProviderTimeout         no answer (or silence) within the time allowed
    │   ├── AuthFailed              401/403, invalid_api_key: the key was refused
    │   │   ├── KeyNotChecked       the server could not check the key (LiteLLM, no database)
    │   │   └── KeyNotConfirmed     (providers.credentials) the key was not sent to this host
    │   ├── ModelNotFound           404: the model or address is unknown
    │   ├── RateLimited             429: too many requests
    │   │   └── QuotaExceeded       the account's quota or credit is used up
    │   ├── BadRequest              other 4xx: the request was refused
    │   │   ├── ToolsNotSupported       the model takes no tools (ask again without them)
    │   │   └── NotAnEmbeddingModel     (providers.embed_errors) a chat model picked for embeddings
    │   ├── ServerError             5xx, or an error frame inside a 200 stream
    │   ├── ProtocolError           the reply is not the protocol (wrong kind of service)
    │   ├── StreamInterrupted       the stream closed before its final message
    │   ├── PullStalled             (core.pull_manager) a download got no bytes for too long
    │   └── DiskFull                (core.pull_manager) Ollama's disk is full
    ├── ImageProblem            (core.image_preparation) a picture cannot be attached
    ├── ImportProblem           (core.conversation_export) a file cannot be imported
    ├── HostProblem             (providers.ollama_host) an Ollama address cannot be used
    └── StorageError            a file or database Parley keeps cannot be used
        ├── HistoryTooNew           (storage.schema: SchemaTooNew) a newer Parley wrote it
        └── FileShapeProblem        settings or the download queue is not the shape it should be

Notices that are not failures (a settings file reset, a keyring missing) are Texts too:
``SettingsStore.load_problem``, ``PullQueueStore.load_problem``, ``SecretStore.details``,
a ``NameCheck``'s ``problem``. Model explanations (core.model_tags) are Texts with keys.

Saved in history, an error is its ``text.to_json()``: a key and parameters, shown in the
language of the day it is read.
"""

from __future__ import annotations

from desktop.core.text import Text, as_text


class ParleyError(Exception):
    """Base of every failure a person is told about: ``text`` says what and what to do."""

    def __init__(self, message: str | Text, *, detail: str = "") -> None:
        self.text = as_text(message)
        self.message = str(self.text)
        """The English words (logs, tests); the UI shows ``text`` in the person's language."""
        super().__init__(self.message)
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class ProviderError(ParleyError):
    """Base of every failure talking to a model provider."""

    def __init__(self, message: str | Text, *, detail: str = "", status: int | None = None) -> None:
        super().__init__(message, detail=detail)
        self.status = status


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
        message: str | Text,
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


class ToolsNotSupported(BadRequest):
    """The model refused the request because it was offered tools it cannot take.

    The same question can be asked again without tools if the person agrees;
    ``model`` names the model that refused.
    """

    def __init__(
        self, message: str | Text, *, detail: str = "", status: int | None = 400, model: str = ""
    ) -> None:
        super().__init__(message, detail=detail, status=status)
        self.model = model


class ServerError(ProviderError):
    """5xx, or an error reported by the server inside a 200 stream."""


class ProtocolError(ProviderError):
    """The server answered with something that is not the protocol (malformed line)."""


class StreamInterrupted(ProviderError):
    """The server closed the stream before its final (done) message."""


class StorageError(ParleyError):
    """A file or database Parley keeps cannot be read, written or understood."""


class FileShapeProblem(StorageError, ValueError):
    """A file Parley keeps holds JSON, but not the shape it should (a ValueError too)."""


def words_of(error: BaseException) -> Text:
    """What ``error`` says: its Text when it has one, else the system's own words as they are."""
    return error.text if isinstance(error, ParleyError) else Text.plain(str(error))


class HistoryTooNew(StorageError):
    """The history was written by a newer Parley; it is left untouched."""
