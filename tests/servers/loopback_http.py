"""A threaded HTTP/1.1 server on 127.0.0.1 with NDJSON streaming, faults and a request log.

Each request runs on its own thread. Streams use chunked transfer encoding, so a dropped
connection looks to the client exactly like a server that died mid-answer. A write that
fails because the client went away is logged in ``disconnects``; long waits (silent and
stalled streams) poll the socket so they notice a client leaving or the server stopping.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.servers.faults import DEFAULT_ERROR_MESSAGE, Fault, FaultBook
from tests.servers.go_json import go_json, go_json_error
from tests.servers.response_sink import Combine, NdjsonStream, Sink, UnaryAnswer, keep_last

JSON_TYPE = "application/json; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
POLL_SECONDS = 0.02

Route = Callable[["Exchange"], None]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or None when the body was empty or not JSON
    raw: bytes = field(repr=False)


class BadRequest(Exception):
    """The request body cannot be used; the message is what the server answers with."""


class LoopbackServer:
    """Start/stop, routing, request log, disconnect log and faults; subclasses add routes."""

    default_fault_path = "/"

    def __init__(self) -> None:
        self.routes: dict[str, dict[str, Route]] = {}
        self.requests: list[RecordedRequest] = []
        self.disconnects: list[str] = []
        self.faults = FaultBook()
        self.stopping = threading.Event()
        self._changed = threading.Condition()
        self._httpd: _ThreadedServer | None = None
        self._port = 0
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> LoopbackServer:
        """Listen on a free port of 127.0.0.1; started again after ``stop``, on the same
        port (as a real server comes back where it was)."""
        self.stopping.clear()
        self._httpd = _ThreadedServer(self, self._port)
        self._port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Close the socket and every connection; streams in flight notice and end."""
        if self._httpd is None:
            return
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.close_connections()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout)
        self._httpd.join_handlers(timeout)
        self._httpd = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def inject(
        self,
        path: str | None = None,
        *,
        status: int | None = None,
        body: Any = None,
        token_delay: float = 0.0,
        error_after: int | None = None,
        error_message: str = DEFAULT_ERROR_MESSAGE,
        drop_after: int | None = None,
        malformed_after: int | None = None,
        stall_after_bytes: int | None = None,
        silent_after: int | None = None,
        once: bool = False,
        headers: dict[str, str] | None = None,
    ) -> Fault:
        """Arm a fault on ``path`` (default: ``default_fault_path``); see Fault for the fields."""
        return self.faults.arm(
            Fault(
                path or self.default_fault_path,
                status,
                body,
                token_delay,
                error_after,
                error_message,
                drop_after,
                malformed_after,
                stall_after_bytes,
                silent_after,
                once,
                tuple((headers or {}).items()),
            )
        )

    def clear_faults(self) -> None:
        self.faults.clear()

    def record_request(self, request: RecordedRequest) -> None:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def record_disconnect(self, path: str) -> None:
        with self._changed:
            self.disconnects.append(path)
            self._changed.notify_all()

    def wait_for_disconnect(self, timeout: float = 5.0, *, count: int = 1) -> bool:
        """Wait until at least ``count`` abandoned streams were seen; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self.disconnects) >= count, timeout)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.path == path]

    def route_missing(self, exchange: Exchange) -> None:
        """No route for the path; subclasses may answer in their protocol's shape."""
        exchange.send_text(HTTPStatus.NOT_FOUND, "404 page not found")


class _ThreadedServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, app: LoopbackServer, port: int = 0) -> None:
        self.app = app
        self._live: dict[threading.Thread, socket.socket] = {}
        self._live_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._live_lock:
            self._live[threading.current_thread()] = request
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._live_lock:
                self._live.pop(threading.current_thread(), None)

    def close_connections(self) -> None:
        with self._live_lock:
            sockets = list(self._live.values())
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def join_handlers(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._live_lock:
            threads = list(self._live)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ThreadedServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log on the server object is what tests read."""

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except OSError:
            self.close_connection = True

    def _dispatch(self) -> None:
        app = self.server.app
        path = self.path.split("?", 1)[0]
        raw = self._read_body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {key.lower(): value for key, value in self.headers.items()}
        app.record_request(RecordedRequest(self.command, path, headers, body, raw))
        exchange = Exchange(self, app, path, raw, app.faults.take(path))
        if exchange.fault is not None and exchange.fault.status is not None:
            exchange.send_fault_status(exchange.fault)
            return
        methods = app.routes.get(path)
        if methods is None:
            app.route_missing(exchange)
        elif self.command not in methods:
            exchange.send_text(HTTPStatus.METHOD_NOT_ALLOWED, "405 method not allowed")
        else:
            try:
                methods[self.command](exchange)
            except BadRequest as error:
                exchange.send_error(HTTPStatus.BAD_REQUEST, str(error))

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    do_GET = do_HEAD = do_POST = do_DELETE = do_PUT = do_PATCH = do_OPTIONS = _dispatch


class Exchange:
    """One request and the ways to answer it."""

    def __init__(
        self, handler: _Handler, app: LoopbackServer, path: str, raw: bytes, fault: Fault | None
    ) -> None:
        self.handler = handler
        self.app = app
        self.path = path
        self.raw = raw
        self.fault = fault
        self.started = time.perf_counter()

    @property
    def method(self) -> str:
        return self.handler.command

    def elapsed(self) -> float:
        """Seconds since the request arrived."""
        return time.perf_counter() - self.started

    def json_body(self) -> dict[str, Any]:
        """The body as a JSON object, or BadRequest with Ollama's message."""
        if not self.raw.strip():
            raise BadRequest("missing request body")
        problem = go_json_error(self.raw)
        if problem is not None:
            raise BadRequest(problem)
        body: dict[str, Any] = json.loads(self.raw)
        return body

    def send_bytes(
        self,
        status: int,
        data: bytes,
        content_type: str,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        handler = self.handler
        try:
            handler.send_response(status)
            for name, value in headers:
                handler.send_header(name, value)
            if data:
                handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            if self.method != "HEAD":
                handler.wfile.write(data)
        except OSError:
            self.lost()

    def send_json(self, status: int, value: Any) -> None:
        self.send_bytes(status, go_json(value), JSON_TYPE)

    def send_text(self, status: int, text: str) -> None:
        self.send_bytes(status, text.encode(), TEXT_TYPE)

    def send_empty(self, status: int = HTTPStatus.OK) -> None:
        self.send_bytes(status, b"", TEXT_TYPE)

    def send_error(self, status: int, message: str) -> None:
        self.send_json(status, {"error": message})

    def send_fault_status(self, fault: Fault) -> None:
        status = fault.status or HTTPStatus.INTERNAL_SERVER_ERROR
        if isinstance(fault.body, str):
            self.send_bytes(status, fault.body.encode(), TEXT_TYPE, fault.headers)
        elif fault.body is None:
            body = {"error": HTTPStatus(status).phrase.lower()}
            self.send_bytes(status, go_json(body), JSON_TYPE, fault.headers)
        else:
            self.send_bytes(status, go_json(fault.body), JSON_TYPE, fault.headers)

    def open_sink(self, *, stream: bool, combine: Combine | None = None) -> Sink:
        """Where a handler sends its lines: an NDJSON stream, or one combined JSON answer."""
        return NdjsonStream(self) if stream else UnaryAnswer(self, combine or keep_last)

    def client_gone(self) -> bool:
        """True once the client closed its end (a readable socket with nothing to read)."""
        sock = self.handler.connection
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def pause(self, seconds: float) -> bool:
        """Sleep, but wake when the server stops; False if it did."""
        if seconds > 0:
            return not self.app.stopping.wait(seconds)
        return not self.app.stopping.is_set()

    def hold_silently(self) -> None:
        """Send nothing more, keep the connection open until the client leaves or we stop."""
        while not self.app.stopping.wait(POLL_SECONDS):
            if self.client_gone():
                self.app.record_disconnect(self.path)
                break
        self.handler.close_connection = True

    def drop(self) -> None:
        """Close the connection mid-response: no final chunk, no done line."""
        self.handler.close_connection = True
        with contextlib.suppress(OSError):
            self.handler.connection.shutdown(socket.SHUT_RDWR)

    def lost(self) -> None:
        """A write failed: the client left (unless we are the ones shutting down)."""
        self.handler.close_connection = True
        if not self.app.stopping.is_set():
            self.app.record_disconnect(self.path)
