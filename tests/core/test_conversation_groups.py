"""Headings for thousands of conversations: the fast grouper agrees with the plain rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from desktop.core.conversation_groups import (
    ConversationSummary,
    DateGroup,
    DateGrouper,
    Period,
    date_group,
    grouped,
)


def test_the_grouper_agrees_with_date_group_hour_by_hour_over_two_years() -> None:
    today = date(2026, 3, 30)  # just after a spring DST change in many zones
    grouper = DateGrouper(today)
    start = datetime(2026, 3, 31, 12, tzinfo=UTC)
    for hours in range(0, 2 * 365 * 24, 5):
        moment = start - timedelta(hours=hours)
        assert grouper.group(moment) == date_group(moment, today), moment


def test_pinned_first_then_dates_each_heading_once() -> None:
    now = datetime.now(UTC)
    rows = [
        ConversationSummary(1, "new", "m", now),
        ConversationSummary(2, "pinned old", "m", now - timedelta(days=400), pinned=True),
        ConversationSummary(3, "yesterday", "m", now - timedelta(days=1)),
        ConversationSummary(4, "old", "m", now - timedelta(days=100)),
    ]
    groups = [
        (group.period, [c.id for c in members]) for group, members in grouped(rows, date.today())
    ]
    assert groups[0] == (Period.PINNED, [2])
    assert [period for period, _ in groups].count(Period.PINNED) == 1
    assert [c for _, ids in groups for c in ids] == [2, 1, 3, 4]
    assert DateGroup(Period.TODAY) == DateGroup(Period.TODAY, None)
