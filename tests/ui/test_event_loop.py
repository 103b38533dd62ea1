"""A stream dropped half-read is closed on the loop, so the server sees the disconnect."""

from __future__ import annotations

import asyncio
import gc
import threading
import time

from desktop.core.events import TextDelta
from desktop.core.messages import ChatMessage, Role
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider


async def test_abandoned_stream_is_closed_on_the_loop(ollama_server):
    ollama_server.install("tiny-loop:latest")
    async with make_http_client() as client:
        provider = OllamaProvider(client, ollama_server.url)
        stream = provider.chat("tiny-loop:latest", [ChatMessage(Role.USER, "go")])
        received = 0
        async for event in stream:
            received += isinstance(event, TextDelta)
            if received == 3:
                break
        del stream, event
        gc.collect()
        assert await asyncio.to_thread(ollama_server.wait_for_disconnect, 5)


async def test_ready_callbacks_run_in_the_order_they_were_scheduled():
    loop = asyncio.get_running_loop()
    ran: list[int] = []
    for number in range(5):
        loop.call_soon(ran.append, number)
    loop.call_later(0, ran.append, 5)
    await asyncio.sleep(0.01)
    assert ran == [0, 1, 2, 3, 4, 5]


async def test_delayed_callbacks_run_by_their_time_not_before_it():
    loop = asyncio.get_running_loop()
    ran: list[tuple[str, float]] = []
    start = loop.time()
    loop.call_later(0.06, lambda: ran.append(("late", loop.time() - start)))
    loop.call_later(0.02, lambda: ran.append(("early", loop.time() - start)))
    await asyncio.sleep(0.12)
    assert [name for name, _ in ran] == ["early", "late"]
    assert ran[0][1] >= 0.02 - 0.002 and ran[1][1] >= 0.06 - 0.002


async def test_a_cancelled_timeout_neither_runs_nor_stays_behind():
    """An HTTP stream moves its read timeout at every read: a long answer must not leave
    a dead timer per token behind (qasync kept each one until it came due)."""
    loop = asyncio.get_running_loop()
    ran: list[int] = []
    before = loop.waiting_timers
    handle = loop.call_later(300, ran.append, -1)
    for number in range(5_000):
        handle.cancel()
        handle = loop.call_later(300, ran.append, number)
    handle.cancel()
    await asyncio.sleep(0.01)
    assert ran == []
    assert loop.waiting_timers - before < 200


def test_callbacks_scheduled_while_the_loop_is_stopped_wait_for_its_next_run(qapp):
    """asyncio's rule, which the test suite relies on between fixtures: Qt events
    processed while no loop runs must not step a task."""
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.event_loop import make_event_loop

    loop = make_event_loop(qapp)
    try:
        ran: list[str] = []
        loop.call_soon(ran.append, "soon")
        loop.call_later(0.001, ran.append, "later")
        deadline = time.monotonic() + 0.05
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
        assert ran == []
        loop.run_until_complete(asyncio.sleep(0.02))
        assert ran == ["soon", "later"]
    finally:
        loop.close()


def test_a_thread_finishing_after_the_loop_closed_is_dropped_quietly(qapp):
    """A worker thread's result handed over (call_soon_threadsafe) after the loop closed
    must not raise inside Qt's event delivery (a failed teardown, or a crash report)."""
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.event_loop import make_event_loop

    loop = make_event_loop(qapp)
    ran: list[str] = []
    worker = threading.Thread(target=loop.call_soon_threadsafe, args=(ran.append, "late"))
    worker.start()
    worker.join()
    loop.close()
    QCoreApplication.processEvents()  # the thread's hand-over arrives now
    assert ran == []


async def test_a_burst_is_read_in_bites_with_the_window_s_turns_between():
    """A local server at full speed: 300 KiB waiting in the socket are read at most
    READ_BYTES at a time, whole and in order, and Qt's own timers run between the reads
    (one read of it all was 13 ms of parsing with no paint)."""
    from PySide6.QtCore import QTimer

    from desktop.ui.event_loop import READ_BYTES

    sent = bytes(range(256)) * 1200  # 300 KiB

    async def send_all(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(sent)
        await writer.drain()
        writer.close()

    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    window_turns = QTimer()
    window_turns.setInterval(0)
    window_turns.timeout.connect(tick)

    class Reads(asyncio.Protocol):
        def __init__(self) -> None:
            self.parts: list[tuple[bytes, int]] = []
            self.done = asyncio.get_running_loop().create_future()

        def data_received(self, data: bytes) -> None:
            self.parts.append((data, ticks))

        def connection_lost(self, exc: Exception | None) -> None:
            self.done.set_result(None)

    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(send_all, "127.0.0.1", 0)
    try:
        port = server.sockets[0].getsockname()[1]
        window_turns.start()
        transport, reads = await loop.create_connection(Reads, "127.0.0.1", port)
        await asyncio.wait_for(reads.done, 10)
        transport.close()
    finally:
        window_turns.stop()
        server.close()
        await server.wait_closed()
    assert b"".join(data for data, _ in reads.parts) == sent
    assert max(len(data) for data, _ in reads.parts) <= READ_BYTES
    assert len(reads.parts) >= len(sent) // READ_BYTES
    assert reads.parts[-1][1] > reads.parts[0][1]  # the window had turns meanwhile
