"""Which heading a conversation goes under in the list: Pinned, Today, Yesterday, ..."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


class Period(StrEnum):
    PINNED = "pinned"
    TODAY = "today"
    YESTERDAY = "yesterday"
    WEEK = "week"  # the previous seven days
    MONTH = "month"  # older: one group per calendar month


@dataclass(frozen=True, slots=True, order=True)
class DateGroup:
    period: Period
    month: date | None = None  # the first day of the month, for Period.MONTH


def date_group(updated_at: datetime, today: date, *, pinned: bool = False) -> DateGroup:
    """The group of a conversation last updated at ``updated_at`` (compared in local time)."""
    if pinned:
        return DateGroup(Period.PINNED)
    day = updated_at.astimezone().date()
    if day >= today:
        return DateGroup(Period.TODAY)
    if day == today - timedelta(days=1):
        return DateGroup(Period.YESTERDAY)
    if day >= today - timedelta(days=7):
        return DateGroup(Period.WEEK)
    return DateGroup(Period.MONTH, day.replace(day=1))
