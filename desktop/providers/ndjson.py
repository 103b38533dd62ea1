"""Incremental NDJSON: one JSON object per line, from chunks cut at arbitrary bytes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from desktop.core.errors import ProtocolError

MAX_LINE_BYTES = 64 * 1024 * 1024
SNIPPET_CHARS = 120


async def iter_ndjson(chunks: AsyncIterator[bytes]) -> AsyncIterator[dict[str, object]]:
    """Yield each line of ``chunks`` as a dict; blank lines are skipped.

    Lines are split on the ``\\n`` byte before decoding, so a multi-byte UTF-8
    character cut between two chunks is reassembled intact. A line that is not a
    JSON object raises :class:`ProtocolError` quoting (the start of) the line.
    """
    buffer = bytearray()
    async for chunk in chunks:
        searched = len(buffer)
        buffer += chunk
        start = 0
        while (end := buffer.find(b"\n", searched)) >= 0:
            record = _parse(buffer[start:end])
            start = searched = end + 1
            if record is not None:
                yield record
        del buffer[:start]
        if len(buffer) > MAX_LINE_BYTES:
            raise ProtocolError(
                f"The server sent a line longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB "
                "without a line break; this is not a stream of JSON lines.",
                detail=_snippet(bytes(buffer)),
            )
    record = _parse(buffer)
    if record is not None:
        yield record


def _parse(line: bytes | bytearray) -> dict[str, object] | None:
    raw = bytes(line).strip()
    if not raw:
        return None
    try:
        value: object = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        value = None
    if not isinstance(value, dict):
        snippet = _snippet(raw)
        raise ProtocolError(
            f"The server sent a line that is not a JSON object: {snippet}",
            detail=snippet,
        )
    return value


def _snippet(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if len(text) > SNIPPET_CHARS:
        text = text[: SNIPPET_CHARS - 1] + "…"
    return repr(text)
