"""NDJSON splitting: every cut point of a byte stream yields the same records."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import pytest

from desktop.core.errors import ProtocolError
from desktop.providers.ndjson import iter_ndjson_batches

STREAM = (
    '{"message":{"content":"Grüße, 世界 🌍"},"done":false}\r\n'
    "\n"
    '{"message":{"content":"line two"},"done":false}\n'
    "   \r\n"
    '{"done":true,"eval_count":3}'
).encode()
RECORDS = [
    {"message": {"content": "Grüße, 世界 🌍"}, "done": False},
    {"message": {"content": "line two"}, "done": False},
    {"done": True, "eval_count": 3},
]


async def chunked(pieces: Iterable[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def collect(pieces: Iterable[bytes]) -> list[dict[str, object]]:
    return [record async for batch in iter_ndjson_batches(chunked(pieces)) for record in batch]


async def test_every_single_cut_point_gives_the_same_records() -> None:
    for cut in range(len(STREAM) + 1):
        assert await collect([STREAM[:cut], STREAM[cut:]]) == RECORDS, cut


async def test_every_pair_of_cut_points_gives_the_same_records() -> None:
    for first in range(0, len(STREAM) + 1, 3):
        for second in range(first, len(STREAM) + 1, 5):
            pieces = [STREAM[:first], STREAM[first:second], STREAM[second:]]
            assert await collect(pieces) == RECORDS, (first, second)


async def test_one_byte_at_a_time_reassembles_multibyte_characters() -> None:
    pieces = [STREAM[i : i + 1] for i in range(len(STREAM))]
    assert await collect(pieces) == RECORDS


async def test_final_line_with_trailing_newline_and_empty_stream() -> None:
    assert await collect([b'{"a":1}\n']) == [{"a": 1}]
    assert await collect([]) == []
    assert await collect([b"", b"\n\r\n", b""]) == []


@pytest.mark.parametrize(
    ("line", "quoted"),
    [
        (b"404 page not found", "404 page not found"),
        (b"[1, 2, 3]", "[1, 2, 3]"),
        (b'"just a string"', "just a string"),
        (b'{"unterminated": ', "unterminated"),
        (b"\xff\xfe not utf-8", "not utf-8"),
    ],
)
async def test_a_line_that_is_not_a_json_object_is_named_in_the_error(
    line: bytes, quoted: str
) -> None:
    stream = b'{"ok":true}\n' + line + b'\n{"never":"reached"}\n'
    seen: list[dict[str, object]] = []
    with pytest.raises(ProtocolError) as caught:
        async for batch in iter_ndjson_batches(chunked([stream])):
            seen += batch
    assert seen == [{"ok": True}]
    assert quoted in caught.value.message
    assert quoted in caught.value.detail


async def test_a_huge_malformed_line_is_quoted_truncated() -> None:
    line = b"x" * 10_000
    with pytest.raises(ProtocolError) as caught:
        await collect([line, b"\n"])
    assert "xxxx" in caught.value.message
    assert len(caught.value.message) < 300


async def test_lines_that_arrive_together_come_as_one_batch() -> None:
    first_line = STREAM.index(b"\n") + 1
    pieces = [STREAM[:first_line], STREAM[first_line:] + b"\n"]
    batches = [batch async for batch in iter_ndjson_batches(chunked(pieces))]
    assert [record for batch in batches for record in batch] == RECORDS
    assert [len(batch) for batch in batches] == [1, 2]


async def test_good_lines_before_a_malformed_one_are_delivered_first() -> None:
    stream = b'{"message":{"content":"kept"}}\nnot json\n{"done":true}\n'
    received: list[dict[str, object]] = []
    with pytest.raises(ProtocolError, match="not json"):
        async for batch in iter_ndjson_batches(chunked([stream])):
            received += batch
    assert received == [{"message": {"content": "kept"}}]
