"""A chunked ``text/event-stream`` body for the cloud-protocol test servers.

Each line a handler sends is an envelope ``{"event": name or None, "data": dict or str}``
and becomes one SSE frame. The exchange's fault applies as for NDJSON streams (error
frame, drop, malformed frame, silence, token delay); the protocol decides what its
error frame and its error body look like.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from tests.servers.response_sink import ChunkedStream

if TYPE_CHECKING:
    from tests.servers.loopback_http import Exchange

SSE_TYPE = "text/event-stream; charset=utf-8"
MALFORMED_FRAME = b'data: {"choices": [{"delta": {"content": \n\n'

ErrorFrame = Callable[[str], dict[str, Any]]
ErrorBody = Callable[[int, str], dict[str, Any]]


def frame(envelope: dict[str, Any]) -> bytes:
    data = envelope["data"]
    text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    head = f"event: {envelope['event']}\n" if envelope.get("event") else ""
    return f"{head}data: {text}\n\n".encode()


class SseStream(ChunkedStream):
    """A 200 ``text/event-stream``; ``error_frame`` builds the envelope of a mid-stream error."""

    content_type = SSE_TYPE
    extra_headers = (("Cache-Control", "no-cache"),)

    def __init__(self, exchange: Exchange, *, error_frame: ErrorFrame, error_body: ErrorBody):
        super().__init__(exchange)
        self._error_frame = error_frame
        self._error_body = error_body

    def _write(self, line: dict[str, Any]) -> bool:
        return self._raw(frame(line))

    def _write_malformed(self) -> None:
        self._raw(MALFORMED_FRAME)

    def send_together(self, lines: list[dict[str, Any]]) -> bool:
        """Every line in one write (faults do not apply)."""
        if not self.open:
            return False
        self.sent += len(lines)
        return self._raw(b"".join(frame(line) for line in lines))

    def fail(self, message: str, status: int = HTTPStatus.INTERNAL_SERVER_ERROR) -> None:
        """Before any byte: an HTTP error in the protocol's shape. After: an error frame."""
        if not self._headers_sent:
            self.open = False
            self.exchange.send_json(status, self._error_body(status, message))
            return
        if self.open and self._raw(frame(self._error_frame(message))):
            self.finish()
        self.open = False

    def finish(self) -> None:
        if self.open and self._raw(b""):
            self.open = False
            try:
                self.exchange.handler.wfile.write(b"0\r\n\r\n")
            except OSError:
                self.exchange.lost()
