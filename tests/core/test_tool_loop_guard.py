"""A tool loop ends: a cap on rounds, and no endless repetition of one call."""

from __future__ import annotations

from desktop.core.tool_loop_guard import LoopGuard, LoopStop, call_key
from desktop.core.tools import tool_call

WEATHER = tool_call("get_current_weather", '{"location": "上海", "unit": "c"}', "call_1")


def test_the_round_cap_stops_the_eleventh_round() -> None:
    guard = LoopGuard(max_repeats=100)
    for number in range(10):
        assert guard.admit([tool_call("step", {"n": number})]) is None
    assert guard.admit([tool_call("step", {"n": 10})]) is LoopStop.ROUND_CAP
    assert guard.rounds == 10


def test_the_same_call_again_and_again_is_stopped_even_with_new_ids() -> None:
    guard = LoopGuard(max_repeats=2)
    same = tool_call("get_current_weather", '{"unit": "c", "location": "上海"}', "call_2")
    assert call_key(WEATHER) == call_key(same)  # ids and key order do not matter
    assert guard.admit([WEATHER]) is None
    assert guard.admit([same]) is None
    assert guard.admit([tool_call("get_current_weather", {"location": "北京"})]) is None
    assert guard.admit([same]) is LoopStop.REPEATED_CALL
    assert guard.repeated() == ["get_current_weather"]


def test_a_refused_round_is_not_counted() -> None:
    guard = LoopGuard(max_rounds=1, max_repeats=1)
    assert guard.admit([WEATHER, WEATHER]) is LoopStop.REPEATED_CALL  # twice in one round
    assert guard.rounds == 0
    assert guard.admit([WEATHER]) is None
    assert guard.admit([]) is LoopStop.ROUND_CAP
