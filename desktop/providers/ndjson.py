"""Incremental NDJSON: one JSON object per line, from chunks cut at arbitrary bytes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from desktop.core.errors import ProtocolError
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.text import text as say

MAX_LINE_BYTES = 64 * 1024 * 1024
SNIPPET_CHARS = 120


async def iter_ndjson_batches(
    chunks: AsyncIterator[bytes],
) -> AsyncIterator[list[dict[str, object]]]:
    """Yield the complete lines of each chunk, parsed, as one list (never an empty one).

    A fast local server puts hundreds of lines in one read; handling them together
    saves the per-line cost of every layer above. Lines are split on the ``\\n`` byte
    before decoding, so a multi-byte UTF-8 character cut between two chunks is
    reassembled intact. A line that is not a JSON object raises :class:`ProtocolError`
    quoting (the start of) the line, after the good lines before it were yielded.
    """
    pending = bytearray()
    async for chunk in chunks:
        if pending:
            searched = len(pending)
            pending += chunk
            if pending.find(b"\n", searched) < 0:
                _check_length(pending)
                continue
            data = bytes(pending)
            pending.clear()
        else:
            data = chunk
        *lines, rest = data.split(b"\n")
        batch = _parse_all(lines)
        if batch is None:  # a bad line: deliver the good ones before it, then say so
            batch = []
            try:
                for line in lines:
                    record = _parse(line)
                    if record is not None:
                        batch.append(record)
            except ProtocolError:
                if batch:
                    yield batch
                raise
        if batch:
            yield batch
        if rest:
            pending += rest
            _check_length(pending)
    record = _parse(bytes(pending))
    if record is not None:
        yield [record]


def _check_length(pending: bytearray) -> None:
    if len(pending) > MAX_LINE_BYTES:
        raise ProtocolError(
            say(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The server sent a line longer than {size} MiB without a line break; this "
                    "is not a stream of JSON lines.",
                ),
                size=MAX_LINE_BYTES // (1024 * 1024),
            ),
            detail=_snippet(bytes(pending)),
        )


def _parse_all(lines: list[bytes]) -> list[dict[str, object]] | None:
    """Every non-blank line as a dict, parsed in one call as if the lines were the items
    of a JSON array (a third of the cost of one call per line); None if any line is not
    a JSON object (or two objects share a line), for :func:`_parse` to name it."""
    present = [line for line in lines if line.strip()]
    if not present:
        return []
    try:
        values: object = json.loads(b"[" + b",".join(present) + b"]")
    except ValueError:  # UnicodeDecodeError included
        return None
    if not isinstance(values, list) or len(values) != len(present):
        return None
    if not all(isinstance(value, dict) for value in values):
        return None
    return values


def _parse(line: bytes) -> dict[str, object] | None:
    try:
        value: object = json.loads(line.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError included
        if not line.strip():
            return None
        value = None
    if not isinstance(value, dict):
        snippet = _snippet(line.strip())
        raise ProtocolError(
            say(
                QT_TRANSLATE_NOOP(
                    "core", "The server sent a line that is not a JSON object: {line}"
                ),
                line=Text.plain(snippet),
            ),
            detail=snippet,
        )
    return value


def _snippet(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if len(text) > SNIPPET_CHARS:
        text = text[: SNIPPET_CHARS - 1] + "…"
    return repr(text)
