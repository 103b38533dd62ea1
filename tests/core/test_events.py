"""Deltas that arrive together are passed on together, in order, with nothing lost."""

from __future__ import annotations

from desktop.core.events import (
    ChatEvent,
    Done,
    TextDelta,
    ThinkingDelta,
    ToolCall,
    ToolCallDelta,
    merge_deltas,
)


def test_runs_of_text_and_thinking_are_joined_in_order() -> None:
    call = ToolCall("lookup", {}, raw_arguments="{}")
    events: list[ChatEvent] = [
        ThinkingDelta("Let me "),
        ThinkingDelta("see."),
        TextDelta("你"),
        TextDelta("好 🌍"),
        call,
        TextDelta("after"),
        Done(),
    ]
    assert merge_deltas(events) == [
        ThinkingDelta("Let me see."),
        TextDelta("你好 🌍"),
        call,
        TextDelta("after"),
        Done(),
    ]


def test_nothing_to_merge_is_left_as_it_was() -> None:
    assert merge_deltas([]) == []
    assert merge_deltas([TextDelta("a"), ThinkingDelta("b")]) == [
        TextDelta("a"),
        ThinkingDelta("b"),
    ]


def test_pieces_of_one_call_are_joined_and_calls_kept_apart() -> None:
    events: list[ChatEvent] = [
        ToolCallDelta(0, "get_current_weather", "call_a", ""),
        ToolCallDelta(0, "get_current_weather", "call_a", '{"loca'),
        ToolCallDelta(1, "get_current_time", "call_b", "{"),
        ToolCallDelta(0, "get_current_weather", "call_a", 'tion": "上海"}'),
    ]
    assert merge_deltas(events) == [
        ToolCallDelta(0, "get_current_weather", "call_a", '{"loca'),
        ToolCallDelta(1, "get_current_time", "call_b", "{"),
        ToolCallDelta(0, "get_current_weather", "call_a", 'tion": "上海"}'),
    ]
