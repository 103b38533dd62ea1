"""Events that arrive together become few chat events, and a failure among them still
leaves what came before it on screen."""

from __future__ import annotations

from desktop.core.errors import ServerError
from desktop.core.events import ChatEvent, TextDelta, ToolCall
from desktop.providers.batches import read_batch


def pieces(item: str) -> list[ChatEvent]:
    if item == "fail":
        raise ServerError("The server reported an error mid-answer.")
    if item == "call":
        return [ToolCall("lookup", {})]
    return [TextDelta(item)] if item else []


def test_runs_of_text_become_one_event_and_ticks_count_items_with_events() -> None:
    ticks: list[None] = []
    events, failure = read_batch(
        ["你", "好", "", "call", " 🌍", "!"], pieces, tick=lambda: ticks.append(None)
    )
    assert events == [TextDelta("你好"), ToolCall("lookup", {}), TextDelta(" 🌍!")]
    assert failure is None
    assert len(ticks) == 5


def test_a_failure_keeps_the_text_before_it() -> None:
    events, failure = read_batch(["kept ", "text", "fail", "lost"], pieces, tick=lambda: None)
    assert events == [TextDelta("kept text")]
    assert isinstance(failure, ServerError)


def test_reading_stops_where_the_answer_ends() -> None:
    seen: list[str] = []

    def read(item: str) -> list[ChatEvent]:
        seen.append(item)
        return pieces(item)

    events, _ = read_batch(["a", "b", "c"], read, tick=lambda: None, until=lambda: "b" in seen)
    assert events == [TextDelta("ab")]
    assert seen == ["a", "b"]
