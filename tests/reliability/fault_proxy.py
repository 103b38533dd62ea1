"""Byte-level faults on loopback, for every protocol at once.

``FaultProxy`` forwards TCP between the app and a loopback test server and can break a
chunked (streamed) response at the first chunk holding a marker (a word of the
scripted answer), in three ways no server fault covers:

- ``END``: end the body properly (the zero-length chunk) instead: no done line,
  ``[DONE]`` or ``message_stop`` ever comes;
- ``DROP``: send half of that chunk, then close the connection (dies mid-token);
- ``STALL``: send half of that chunk, then nothing, keeping the connection open until
  the client gives up (a read timeout in the middle of a token).

``Blackhole`` is a port whose accept queue is full, so a connection attempt is never
answered: a connect timeout without any packet leaving the machine.
"""

from __future__ import annotations

import contextlib
import enum
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

POLL_SECONDS = 0.05


class Cut(enum.Enum):
    END = "end"
    DROP = "drop"
    STALL = "stall"


@dataclass(frozen=True)
class ArmedCut:
    marker: bytes
    how: Cut


class _Closed(Exception):
    """The upstream or the client went away."""


class _Reader:
    """Buffered reads from a socket: lines and exact byte counts."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise _Closed
        self.buffer += data

    def line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            self._fill()
        out = bytes(self.buffer[: end + 2])
        del self.buffer[: end + 2]
        return out

    def exactly(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self._fill()
        out = bytes(self.buffer[:count])
        del self.buffer[:count]
        return out


class FaultProxy:
    """``url`` reaches the loopback server on ``upstream_port`` through this proxy.

    ``disconnects`` counts clients that left a stalled response (gave up waiting).
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.disconnects = 0
        self._armed: ArmedCut | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(POLL_SECONDS)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> FaultProxy:
        self._spawn(self._accept_loop)
        return self

    def arm(self, marker: str, how: Cut) -> None:
        """Break the next streamed response at the first chunk holding ``marker``."""
        with self._lock:
            self._armed = ArmedCut(marker.encode(), how)

    def disarm(self) -> None:
        with self._lock:
            self._armed = None

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
        return sock

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            self._track(client)
            self._track(upstream)
            client_gone = threading.Event()
            self._spawn(self._pipe, client, upstream, client_gone)
            self._spawn(self._responses, upstream, client, client_gone)

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket, gone: threading.Event) -> None:
        """Requests, unchanged; ``gone`` once the client closed its end."""
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        gone.set()
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    def _responses(
        self, upstream: socket.socket, client: socket.socket, client_gone: threading.Event
    ) -> None:
        reader = _Reader(upstream)
        try:
            while self._response(reader, client, client_gone):
                pass
        except (_Closed, OSError):
            pass
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _response(
        self, reader: _Reader, client: socket.socket, client_gone: threading.Event
    ) -> bool:
        """Forward one response; False once the connection must end."""
        head = [reader.line()]
        while head[-1] != b"\r\n":
            head.append(reader.line())
        client.sendall(b"".join(head))
        fields = {
            name.strip().lower(): value.strip().lower()
            for line in head[1:-1]
            for name, _, value in [line.decode("latin-1").partition(":")]
        }
        if fields.get("transfer-encoding") != "chunked":
            client.sendall(reader.exactly(int(fields.get("content-length") or 0)))
            return True
        while True:
            size_line = reader.line()
            size = int(size_line.split(b";")[0].strip(), 16)
            data = reader.exactly(size + 2)  # the chunk and its CRLF
            cut = self._take(data) if size else None
            if cut is None:
                client.sendall(size_line + data)
                if size == 0:
                    return True
                continue
            if cut is Cut.END:
                client.sendall(b"0\r\n\r\n")
                return False
            client.sendall(size_line + data[: max(size // 2, 1)])
            if cut is Cut.STALL:
                self._hold(client_gone)
            return False

    def _take(self, data: bytes) -> Cut | None:
        with self._lock:
            armed = self._armed
            if armed is None or armed.marker not in data:
                return None
            self._armed = None
            return armed.how

    def _hold(self, client_gone: threading.Event) -> None:
        """Send nothing more until the client closes its end (or the proxy stops)."""
        while not self._stopping.is_set():
            if client_gone.wait(POLL_SECONDS):
                self.disconnects += 1
                return


class Blackhole:
    """A listening port that never completes a handshake: its accept queue is full."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(0)
        port = self._listener.getsockname()[1]
        # One connection completes and waits in the queue forever; later SYNs are dropped.
        self._filler = socket.create_connection(("127.0.0.1", port), timeout=5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def close(self) -> None:
        for sock in (self._filler, self._listener):
            sock.close()


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
