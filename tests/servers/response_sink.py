"""Where a handler's lines go: a chunked NDJSON stream or one combined JSON answer.

Both apply the request's fault (error line, drop, malformed line, silence, token delay),
so handlers never need to know which fault is armed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from tests.servers.go_json import go_json

if TYPE_CHECKING:
    from tests.servers.loopback_http import Exchange

NDJSON_TYPE = "application/x-ndjson"
Combine = Callable[[dict[str, Any] | None, dict[str, Any]], dict[str, Any]]


def keep_last(_previous: dict[str, Any] | None, line: dict[str, Any]) -> dict[str, Any]:
    return line


class Sink(ABC):
    """Lines out of a handler, with the exchange's fault applied. ``send`` False: stop."""

    def __init__(self, exchange: Exchange) -> None:
        self.exchange = exchange
        self.fault = exchange.fault
        self.sent = 0
        self.open = True

    def send(self, line: dict[str, Any]) -> bool:
        if not self.open:
            return False
        fault = self.fault
        if fault is not None:
            if fault.drop_after == self.sent:
                return self._close(self.exchange.drop)
            if fault.error_after == self.sent:
                self.fail(fault.error_message)
                return False
            if fault.silent_after == self.sent:
                return self._close(self.exchange.hold_silently)
            if fault.malformed_after == self.sent:
                self._write_malformed()
            if not self.exchange.pause(fault.token_delay):
                return self._close(self.exchange.drop)
        if self.exchange.app.stopping.is_set():
            return self._close(self.exchange.drop)
        self.sent += 1
        return self._write(line)

    def go_silent(self) -> None:
        self._close(self.exchange.hold_silently)

    def _close(self, how: Callable[[], None]) -> bool:
        self.open = False
        how()
        return False

    @abstractmethod
    def _write(self, line: dict[str, Any]) -> bool: ...

    @abstractmethod
    def _write_malformed(self) -> None: ...

    @abstractmethod
    def fail(self, message: str, status: int = HTTPStatus.INTERNAL_SERVER_ERROR) -> None: ...

    @abstractmethod
    def finish(self) -> None: ...


class ChunkedStream(Sink):
    """A 200 body sent with chunked transfer encoding; headers go out with the first bytes."""

    content_type = ""
    extra_headers: tuple[tuple[str, str], ...] = ()

    def __init__(self, exchange: Exchange) -> None:
        super().__init__(exchange)
        self._headers_sent = False

    def _raw(self, data: bytes) -> bool:
        handler = self.exchange.handler
        try:
            if not self._headers_sent:
                handler.send_response(HTTPStatus.OK)
                handler.send_header("Content-Type", self.content_type)
                for name, value in self.extra_headers:
                    handler.send_header(name, value)
                handler.send_header("Transfer-Encoding", "chunked")
                handler.end_headers()
                self._headers_sent = True
            if data:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            return True
        except OSError:
            self.open = False
            self.exchange.lost()
            return False


class NdjsonStream(ChunkedStream):
    """A 200 chunked ``application/x-ndjson`` body, one JSON object per line."""

    content_type = NDJSON_TYPE

    def _write(self, line: dict[str, Any]) -> bool:
        return self._raw(go_json(line) + b"\n")

    def _write_malformed(self) -> None:
        self._raw(b'{"model": "truncated", "message": {"content": \n')

    def fail(self, message: str, status: int = HTTPStatus.INTERNAL_SERVER_ERROR) -> None:
        """Before any byte: an HTTP error. After: a final ``{"error":...}`` line (status 200)."""
        if not self._headers_sent:
            self.open = False
            self.exchange.send_error(status, message)
            return
        if self.open and self._write({"error": message}):
            self.finish()
        self.open = False

    def finish(self) -> None:
        """End the body properly (the zero-length chunk), sending headers if none went yet."""
        if self.open and self._raw(b""):
            self.open = False
            try:
                self.exchange.handler.wfile.write(b"0\r\n\r\n")
            except OSError:
                self.exchange.lost()


class UnaryAnswer(Sink):
    """``"stream": false``: the lines are combined and sent as one JSON object at the end."""

    def __init__(self, exchange: Exchange, combine: Combine) -> None:
        super().__init__(exchange)
        self._combine = combine
        self._value: dict[str, Any] | None = None

    def _write(self, line: dict[str, Any]) -> bool:
        self._value = self._combine(self._value, line)
        return True

    def _write_malformed(self) -> None:
        """A unary answer has no lines to garble; the fault applies to streams only."""

    def fail(self, message: str, status: int = HTTPStatus.INTERNAL_SERVER_ERROR) -> None:
        if self.open:
            self.open = False
            self.exchange.send_error(status, message)

    def finish(self) -> None:
        if self.open:
            self.open = False
            self.exchange.send_json(HTTPStatus.OK, self._value or {})
