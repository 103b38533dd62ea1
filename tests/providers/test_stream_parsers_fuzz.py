"""Property-based tests: the NDJSON and SSE parsers on arbitrary bytes split anywhere.

Whatever arrives, they never crash with anything but ProtocolError and never hang, and
every well-formed event is recovered whole, however the bytes were cut into chunks.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ProtocolError
from desktop.providers.ndjson import iter_ndjson_batches
from desktop.providers.sse import SseParser

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=20)
json_objects = st.dictionaries(
    st.text(max_size=8),
    st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6),
    max_size=4,
)


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    edges = [0, *points, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


async def chunks_of(parts: list[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


def read_ndjson(parts: list[bytes]) -> list[dict[str, object]]:
    async def collect() -> list[dict[str, object]]:
        batches = iter_ndjson_batches(chunks_of(parts))
        return [record async for batch in batches for record in batch]

    return asyncio.run(collect())


@FUZZ
@given(st.lists(json_objects, max_size=8), st.lists(st.integers(0, 10_000), max_size=12))
def test_ndjson_recovers_every_object_however_split(objects, cuts):
    wire = b"".join(json.dumps(o, ensure_ascii=False).encode() + b"\n" for o in objects)
    assert read_ndjson(split(wire, cuts)) == objects


@FUZZ
@given(st.binary(max_size=400), st.lists(st.integers(0, 1000), max_size=8))
def test_ndjson_arbitrary_bytes_only_raise_protocol_error(data, cuts):
    try:
        records = read_ndjson(split(data, cuts))
    except ProtocolError as error:
        assert error.message
    else:
        assert all(isinstance(r, dict) for r in records)


def read_sse(parts: list[bytes]) -> list[tuple[str, str]]:
    parser = SseParser()
    events = [e for part in parts for e in parser.feed(part)] + parser.close()
    return [(e.event, e.data) for e in events]


sse_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\0"),
    max_size=30,
)
sse_events = st.lists(
    st.tuples(st.sampled_from(["message", "content_block_delta", "ping", "error"]), sse_text),
    max_size=8,
)


@FUZZ
@given(sse_events, st.sampled_from(["\n", "\r\n", "\r"]), st.lists(st.integers(0, 5000)))
def test_sse_recovers_every_event_however_split(events, newline, cuts):
    wire = "".join(
        f"event: {name}{newline}data: {data}{newline}{newline}" for name, data in events
    ).encode()
    expected = [(name, data) for name, data in events]
    assert read_sse(split(wire, cuts)) == expected


@FUZZ
@given(st.binary(max_size=400), st.lists(st.integers(0, 1000), max_size=8))
def test_sse_arbitrary_bytes_never_crash(data, cuts):
    assert read_sse(split(data, cuts)) == read_sse([data])
