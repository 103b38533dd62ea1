"""Requests to this machine go through aiohttp, and still behave exactly as httpx's own.

Each test server here is a raw socket on 127.0.0.1 writing exact bytes, so what the
client makes of broken or unusual replies is seen without any server library between.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import ssl
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest

from desktop.providers.http_client import make_http_client

Reply = Callable[[socket.socket], None]


class RawServer:
    """Accepts one connection at a time, reads the request head, then runs ``reply``."""

    def __init__(self, reply: Reply) -> None:
        self._reply = reply
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.hung_up = threading.Event()
        """Set when the client closed the connection while the reply was still open."""
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                self._reply(connection)

    def wait_for_hang_up(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        try:
            if connection.recv(1) == b"":
                self.hung_up.set()
        except OSError:
            self.hung_up.set()

    def stop(self) -> None:
        self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way
        self._listener.close()
        self._thread.join(timeout=5)


@pytest.fixture
def serve() -> Iterator[Callable[[Reply], RawServer]]:
    servers: list[RawServer] = []

    def start(reply: Reply) -> RawServer:
        servers.append(RawServer(reply))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def chunked(pieces: list[bytes]) -> bytes:
    body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
    return b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body + b"0\r\n\r\n"


async def test_a_fast_local_stream_arrives_whole_in_few_reads(
    serve: Callable[[Reply], RawServer],
) -> None:
    lines = [b'{"n": %d, "text": "\xe4\xbd\xa0\xe5\xa5\xbd"}\n' % i for i in range(3000)]
    server = serve(lambda connection: connection.sendall(chunked(lines)))
    async with make_http_client() as client, client.stream("GET", server.url) as response:
        reads = [piece async for piece in response.aiter_raw()]
    assert b"".join(reads) == b"".join(lines)
    assert len(reads) < len(lines) / 10  # one read takes every chunk that has arrived


async def test_compressed_replies_are_decoded_once(serve: Callable[[Reply], RawServer]) -> None:
    body = gzip.compress(b'{"status": "ok"}')
    head = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(body)
    server = serve(lambda connection: connection.sendall(head + body))
    async with make_http_client() as client:
        response = await client.get(server.url)
    assert response.json() == {"status": "ok"}


async def test_stopping_a_stream_hangs_up_on_the_server(
    serve: Callable[[Reply], RawServer],
) -> None:
    def reply(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
        server.wait_for_hang_up(connection)

    server = serve(reply)
    async with make_http_client() as client, client.stream("GET", server.url) as response:
        async for piece in response.aiter_raw():
            assert piece == b"hello"
            break
    assert await _eventually(server.hung_up)


async def test_silence_mid_stream_is_a_read_timeout_and_hangs_up(
    serve: Callable[[Reply], RawServer],
) -> None:
    def reply(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
        server.wait_for_hang_up(connection)

    server = serve(reply)
    async with make_http_client(read_timeout=0.3) as client:
        with pytest.raises(httpx.ReadTimeout) as caught:
            async with client.stream("GET", server.url) as response:
                async for _ in response.aiter_raw():
                    pass
    assert caught.value.request.url == server.url
    assert await _eventually(server.hung_up)


async def test_a_reply_cut_mid_body_is_a_protocol_error(
    serve: Callable[[Reply], RawServer],
) -> None:
    cut = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"
    server = serve(lambda connection: connection.sendall(cut))
    async with make_http_client() as client:
        with pytest.raises(httpx.RemoteProtocolError):
            async with client.stream("GET", server.url) as response:
                await response.aread()


async def test_garbage_instead_of_http_is_a_protocol_error(
    serve: Callable[[Reply], RawServer],
) -> None:
    server = serve(lambda connection: connection.sendall(b"SSH-2.0-OpenSSH_9.2\r\n"))
    async with make_http_client() as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(server.url)


async def test_a_refused_connection_keeps_the_os_error_as_cause() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with make_http_client() as client:
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get(f"http://127.0.0.1:{port}/")
    assert isinstance(caught.value.__cause__, ConnectionRefusedError)


async def test_https_to_a_plain_server_is_a_tls_error(serve: Callable[[Reply], RawServer]) -> None:
    server = serve(lambda connection: connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n"))
    async with make_http_client() as client:
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get(server.url.replace("http://", "https://"))
    assert isinstance(caught.value.__cause__, ssl.SSLError)


async def _eventually(event: threading.Event) -> bool:
    for _ in range(200):
        if event.is_set():
            return True
        await asyncio.sleep(0.01)
    return event.is_set()
