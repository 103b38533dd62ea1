"""Context meter figures, parameter defaults and the date headings of the list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from desktop.core.chat_parameters import ChatParameters, chat_options, context_window
from desktop.core.context_usage import context_usage
from desktop.core.conversation import StoredMessage
from desktop.core.conversation_groups import DateGroup, Period, date_group
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.core.token_estimate import estimate_tokens

NOW = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)


def message(role: Role, text: str, stats: ChatStats | None = None) -> StoredMessage:
    return StoredMessage(1, 1, role, text, MessageState.COMPLETE, "m", NOW, stats=stats)


def test_window_defaults_to_the_model_capped_and_is_always_sent():
    assert context_window(ChatParameters(), 131072) == 8192
    assert context_window(ChatParameters(), 4096) == 4096
    assert context_window(ChatParameters(), None) == 8192
    assert context_window(ChatParameters(num_ctx=32768), 4096) == 32768
    options = chat_options(ChatParameters(think=True), model_window=None, can_think=False)
    assert options.num_ctx == 8192 and options.think is None
    thinking = chat_options(ChatParameters(), model_window=None, can_think=True, leveled=True)
    assert thinking.think == "medium"


def test_usage_uses_ollama_counts_then_estimates_what_is_new():
    path = [
        message(Role.USER, "hello"),
        message(Role.ASSISTANT, "hi", ChatStats(prompt_tokens=900, completion_tokens=100)),
    ]
    exact = context_usage(path, 1000)
    assert (exact.used, exact.exact, exact.near_limit, exact.over_limit) == (
        1000,
        True,
        True,
        False,
    )
    drafting = context_usage(path, 1000, draft="x" * 40)
    assert drafting.used == 1000 + 10 + 4 and not drafting.exact and drafting.over_limit
    estimated = context_usage([message(Role.USER, "a" * 400)], 8192, system_prompt="sys")
    assert estimated.used == 100 + 4 + 1 + 4 and not estimated.near_limit


def test_chinese_counts_about_one_token_per_character():
    assert estimate_tokens("你好，世界") == 5
    assert estimate_tokens("abcdefgh") == 2


def test_date_headings():
    today = date(2026, 5, 20)
    local = datetime(2026, 5, 20, 12, 0).astimezone()
    assert date_group(local, today) == DateGroup(Period.TODAY)
    assert date_group(local - timedelta(days=1), today) == DateGroup(Period.YESTERDAY)
    assert date_group(local - timedelta(days=6), today) == DateGroup(Period.WEEK)
    assert date_group(local - timedelta(days=40), today) == DateGroup(
        Period.MONTH, date(2026, 4, 1)
    )
    assert date_group(local - timedelta(days=400), today, pinned=True) == DateGroup(Period.PINNED)
