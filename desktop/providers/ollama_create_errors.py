"""What a person reads when Ollama refuses or breaks off a /api/create or a blob upload."""

from __future__ import annotations

from desktop.core.errors import BadRequest, StreamInterrupted
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text


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
