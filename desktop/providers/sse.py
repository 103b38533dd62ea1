"""Incremental Server-Sent Events, parsed as the WHATWG HTML standard describes.

Lines end in ``\\r\\n``, ``\\n`` or ``\\r`` (a ``\\r`` at the end of one chunk and a
``\\n`` at the start of the next are one line break). Lines are split as bytes before
decoding, so a UTF-8 character cut between two chunks is reassembled intact. Unlike a
browser, a final event that the server did not close with a blank line is still
delivered: some servers end the body right after the last ``data:`` line.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

from desktop.core.errors import ProtocolError
from desktop.core.text import QT_TRANSLATE_NOOP
from desktop.core.text import text as say

MAX_EVENT_BYTES = 64 * 1024 * 1024
DEFAULT_EVENT = "message"
BOM = "\ufeff"
LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class SseEvent:
    """One dispatched event. ``id`` is the last event id seen so far (it persists)."""

    data: str
    event: str = DEFAULT_EVENT
    id: str = ""
    retry: int | None = None


class SseParser:
    """Feed bytes in, get complete events out; :meth:`close` flushes the last one."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._pending_cr = False
        self._first_line = True
        self._data: list[str] = []
        self._event = ""
        self._last_id = ""
        self._retry: int | None = None
        self._event_bytes = 0

    def feed(self, chunk: bytes) -> list[SseEvent]:
        events: list[SseEvent] = []
        if not chunk:
            return events
        if self._pending_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._pending_cr = False
        buffer = self._buffer
        buffer += chunk
        start = 0
        for match in LINE_BREAK.finditer(buffer):
            event = self._line(bytes(buffer[start : match.start()]))
            start = match.end()
            if event is not None:
                events.append(event)
        self._pending_cr = start > 0 and start == len(buffer) and buffer[start - 1] == 0x0D
        del buffer[:start]
        if len(buffer) + self._event_bytes > MAX_EVENT_BYTES:
            raise ProtocolError(
                say(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The server sent an event larger than {size} MiB; this is not a stream "
                        "of server-sent events.",
                    ),
                    size=MAX_EVENT_BYTES // (1024 * 1024),
                ),
                detail=bytes(buffer[:120]).decode("utf-8", "replace"),
            )
        return events

    def close(self) -> list[SseEvent]:
        """The end of the body: an unterminated last line and event are delivered."""
        events: list[SseEvent] = []
        if self._buffer:
            event = self._line(bytes(self._buffer))
            self._buffer.clear()
            if event is not None:
                events.append(event)
        event = self._dispatch()
        if event is not None:
            events.append(event)
        return events

    def _line(self, raw: bytes) -> SseEvent | None:
        text = raw.decode("utf-8", "replace")
        if self._first_line:
            self._first_line = False
            text = text.removeprefix(BOM)
        if not text:
            return self._dispatch()
        if text.startswith(":"):
            return None
        name, colon, value = text.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
            self._event_bytes += len(raw)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> SseEvent | None:
        data, event = self._data, self._event
        self._data, self._event, self._event_bytes = [], "", 0
        if not data:
            return None
        return SseEvent(
            data="\n".join(data),
            event=event or DEFAULT_EVENT,
            id=self._last_id,
            retry=self._retry,
        )


async def iter_sse_batches(
    chunks: AsyncIterator[bytes],
) -> AsyncGenerator[list[SseEvent], None]:
    """The events completed by each chunk, as one list (never an empty one): a fast local
    server puts hundreds in one read, and the layers above handle them together.

    Closing this generator closes ``chunks`` too (when it can be closed), so no
    half-read generator is left for the garbage collector to finalise off the loop.
    """
    parser = SseParser()
    try:
        async for chunk in chunks:
            if events := parser.feed(chunk):
                yield events
        if events := parser.close():
            yield events
    finally:
        close = getattr(chunks, "aclose", None)
        if close is not None:
            await close()
