"""The codec that keeps typed dataclasses as JSON: tuples, pairs, lenient reading."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.storage.json_codec import decode, encode


@dataclass(frozen=True)
class Inner:
    names: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 1.0


@dataclass
class Outer:
    items: list[Inner] = field(default_factory=list)
    chosen: int | None = None


def test_tuples_are_lists_pairs_are_an_object_and_both_come_back() -> None:
    value = Outer([Inner(("a", "b"), (("X-Team", "blue"),), 2)], chosen=3)
    raw = encode(value)
    assert raw == {
        "items": [{"names": ["a", "b"], "headers": {"X-Team": "blue"}, "seconds": 2}],
        "chosen": 3,
    }
    rejected: list[str] = []
    assert decode(Outer, raw, rejected) == value
    assert rejected == []


def test_a_bad_element_is_dropped_alone_and_named() -> None:
    raw = {
        "items": [
            {"names": ["a", 7], "headers": {"X": 1}, "seconds": "slow"},
            "not an object",
            {"names": ["ok"]},
        ],
        "chosen": "three",
    }
    rejected: list[str] = []
    value = decode(Outer, raw, rejected)
    assert value == Outer([Inner(), Inner(("ok",))])
    assert rejected == [
        "items[0].names",
        "items[0].headers",
        "items[0].seconds",
        "items[1]",
        "chosen",
    ]
