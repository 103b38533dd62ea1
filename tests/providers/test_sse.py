"""The server-sent-events parser, fed the way a network delivers bytes: in arbitrary pieces."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import pytest

from desktop.core.errors import ProtocolError
from desktop.providers import sse
from desktop.providers.sse import SseEvent, SseParser, iter_sse_batches


def parse(*chunks: bytes) -> list[SseEvent]:
    parser = SseParser()
    events = [event for chunk in chunks for event in parser.feed(chunk)]
    return events + parser.close()


def bytewise(data: bytes) -> list[bytes]:
    return [data[i : i + 1] for i in range(len(data))]


def test_fields_of_one_event() -> None:
    [event] = parse(b"event: update\nid: 7\nretry: 1500\ndata: hello\n\n")
    assert event == SseEvent(data="hello", event="update", id="7", retry=1500)


def test_multi_line_data_is_joined_with_newlines() -> None:
    [event] = parse(b"data: first\ndata:second\ndata:  third\n\n")
    assert event.data == "first\nsecond\n third"
    assert event.event == "message"


def test_comments_and_unknown_fields_are_ignored() -> None:
    events = parse(b": keep-alive\n\n:another\nfoo: bar\ndata: x\n\n")
    assert [event.data for event in events] == ["x"]


def test_all_three_line_endings() -> None:
    events = parse(b"data: a\r\n\r\ndata: b\r\rdata: c\n\n")
    assert [event.data for event in events] == ["a", "b", "c"]


def test_crlf_split_between_chunks_is_one_line_break() -> None:
    events = parse(b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n")
    assert [event.data for event in events] == ["a\nb"]


def test_utf8_character_split_between_chunks_is_intact() -> None:
    data = "data: 你好，世界 👋\n\n".encode()
    assert [event.data for event in parse(*bytewise(data))] == ["你好，世界 👋"]


def test_last_event_without_blank_line_is_still_delivered() -> None:
    events = parse(b"data: one\n\ndata: two")
    assert [event.data for event in events] == ["one", "two"]


def test_event_without_data_is_not_dispatched_and_its_name_does_not_leak() -> None:
    events = parse(b"event: lonely\n\ndata: next\n\n")
    assert events == [SseEvent(data="next")]


def test_last_id_persists_and_an_id_with_nul_is_ignored() -> None:
    events = parse(b"id: 1\ndata: a\n\ndata: b\n\nid: bad\0id\ndata: c\n\n")
    assert [event.id for event in events] == ["1", "1", "1"]


def test_bom_at_the_start_is_dropped() -> None:
    assert parse(b"\xef\xbb\xbfdata: x\n\n") == [SseEvent(data="x")]


def test_field_without_colon_has_an_empty_value() -> None:
    [event] = parse(b"data\ndata\n\n")
    assert event.data == "\n"


def test_bytewise_feeding_equals_one_chunk() -> None:
    stream = (
        b'event: message_start\ndata: {"type": "message_start"}\n\n'
        b": ping\r\n"
        b'event: content_block_delta\r\ndata: {"text": "caf\xc3\xa9"}\r\n\r\n'
        b"data: [DONE]\n\n"
    )
    assert parse(*bytewise(stream)) == parse(stream)
    assert [event.event for event in parse(stream)] == [
        "message_start",
        "content_block_delta",
        "message",
    ]


def test_an_endless_event_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sse, "MAX_EVENT_BYTES", 1000)
    parser = SseParser()
    with pytest.raises(ProtocolError, match="larger than"):
        for _ in range(20):
            parser.feed(b"data: " + b"x" * 100 + b"\n")


async def byte_stream(parts: Iterable[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_sse_over_an_async_byte_stream() -> None:
    data = b"data: a\n\ndata: b\n\n"
    batches = iter_sse_batches(byte_stream(bytewise(data)))
    events = [event async for batch in batches for event in batch]
    assert [event.data for event in events] == ["a", "b"]


async def test_events_completed_by_one_chunk_come_as_one_batch() -> None:
    data = b"data: one\n\ndata: two\n\nevent: ping\ndata: three\n\ndata: fo"
    batches = [batch async for batch in iter_sse_batches(byte_stream([data, b"ur\n\n"]))]
    assert [[event.data for event in batch] for batch in batches] == [
        ["one", "two", "three"],
        ["four"],
    ]
    assert batches[0][2].event == "ping"
