"""What Ollama's failures say: a status, a refused pull, create or upload, an answer
that failed midway, a reply that is not Ollama's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ModelNotFound,
    ProtocolError,
    ProviderError,
    ServerError,
    StreamInterrupted,
)
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.endpoint import Endpoint, display_url, error_text, truncate
from desktop.providers.status_errors import status_error

if TYPE_CHECKING:
    import httpx


def ollama_endpoint(host: str) -> Endpoint:
    """The Ollama server at ``host`` (no trailing slash), with what to say when it is down."""
    return Endpoint(
        service="Ollama",
        url=host,
        unreachable=text(
            QT_TRANSLATE_NOOP(
                "core",
                "Ollama is not running at {url}. Start it with `ollama serve`, or set the "
                "Ollama host in Settings.",
            ),
            url=display_url(host),
        ),
    )


def ollama_status_error(
    response: httpx.Response, body: bytes, model: str, endpoint: Endpoint
) -> ProviderError:
    """A failed request's error; a 404 says whether the model or the route is missing."""
    error = status_error(response.status_code, body, response.headers, endpoint)
    if response.status_code != 404:
        return error
    if model and _is_json_error(body):
        return ModelNotFound(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The model {model} is not installed in Ollama. Pull it in the model "
                    "manager, or choose another model.",
                ),
                model=model,
            ),
            detail=error.detail,
            status=404,
        )
    return ModelNotFound(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} does not offer {path} (it answered “{detail}”). Check that the "
                "Ollama host in Settings points at Ollama, and update Ollama if it is old.",
            ),
            where=endpoint.where,
            path=response.request.url.path,
            detail=Text.plain(error.detail),
        ),
        detail=error.detail,
        status=404,
    )


def not_ollama(endpoint: Endpoint, detail: str) -> ProtocolError:
    """A reply that is not Ollama's."""
    return ProtocolError(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} sent a reply this app cannot read ({shown}). Check that the "
                "Ollama host in Settings points at Ollama, and update Ollama if it is old.",
            ),
            where=endpoint.where,
            shown=Text.plain(truncate(detail, 120)),
        ),
        detail=detail,
    )


def ollama_object(endpoint: Endpoint, response: httpx.Response) -> dict[str, object]:
    """The JSON object an Ollama reply holds, or :func:`not_ollama` when it holds none."""
    try:
        parsed: object = response.json()
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise not_ollama(endpoint, error_text(response.content))
    return parsed


def _is_json_error(body: bytes) -> bool:
    """Whether a 404 came from Ollama itself (``{"error": ...}``), not from a missing route."""
    try:
        parsed: object = json.loads(body)
    except ValueError:
        return False
    return isinstance(parsed, dict) and "error" in parsed


def answer_error(message: str) -> ServerError:
    return ServerError(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "Ollama reported an error while answering: {said}. Try again; if it repeats, "
                "look at the Ollama server log.",
            ),
            said=Text.plain(message)
            if message
            else Text(QT_TRANSLATE_NOOP("core", "no reason given")),
        ),
        detail=message,
    )


def pull_error(name: str, message: str) -> ProviderError:
    if name.startswith(("hf.co/", "huggingface.co/")) and ": 401:" in message:
        # The Hub refuses a gated repo's manifest until the licence is accepted; another
        # attempt cannot help, so it is not retried.
        return AuthFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Hugging Face refused {name}: the repository is gated. Accept its licence "
                    "on huggingface.co and add Ollama's public key to your Hugging Face "
                    "account, then press Retry.",
                ),
                name=name,
            ),
            detail=message,
        )
    if "file does not exist" in message:
        return ModelNotFound(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "No model named {name} in the registry; check the spelling (for example "
                    "llama3.2 or qwen3:8b) on ollama.com/library.",
                ),
                name=name,
            ),
            detail=message,
        )
    return ServerError(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "Ollama could not download {name}: {said}. Check the internet connection and "
                "try again.",
            ),
            name=name,
            said=Text.plain(message)
            if message
            else Text(QT_TRANSLATE_NOOP("core", "no reason given")),
        ),
        detail=message,
    )


def pull_interrupted(name: str, detail: str) -> StreamInterrupted:
    return StreamInterrupted(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "The download of {name} stopped before it finished. Pull it again; Ollama "
                "resumes where it left off.",
            ),
            name=name,
        ),
        detail=detail,
    )


def create_refused(name: str, message: str, status: int | None = None) -> BadRequest:
    """Ollama's own words stay in the message: they say what to change (``invalid model
    name``, a missing blob, a bad parameter)."""
    return BadRequest(
        text(
            QT_TRANSLATE_NOOP("core", "Ollama did not create {name}: {said}"),
            name=name,
            said=Text.plain(message)
            if message
            else Text(QT_TRANSLATE_NOOP("core", "no reason given")),
        ),
        detail=message,
        status=status,
    )


def create_interrupted(name: str, detail: str) -> StreamInterrupted:
    return StreamInterrupted(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "Creating {name} stopped before Ollama finished. Check the Ollama server "
                "log and try again.",
            ),
            name=name,
        ),
        detail=detail,
    )


def upload_refused(file: str, message: str, status: int) -> BadRequest:
    return BadRequest(
        text(
            QT_TRANSLATE_NOOP("core", "Ollama did not accept {file}: {said}"),
            file=file,
            said=Text.plain(message)
            if message
            else Text(QT_TRANSLATE_NOOP("core", "no reason given")),
        ),
        detail=message,
        status=status,
    )
