"""Sizes and dates as the panes show them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.ui.formatting import format_bytes, format_date


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1536, "1.5 KB"),
        (4_661_224_676, "4.7 GB"),  # llama3.1:8b, as `ollama list` shows it
        (2_000_000_000_000_000, "2000.0 TB"),
    ],
)
def test_sizes_use_decimal_units_like_ollama(size: int, shown: str) -> None:
    assert format_bytes(size) == shown


def test_dates_are_local_minutes_and_missing_ones_blank() -> None:
    moment = datetime(2026, 3, 1, 23, 59, 30, tzinfo=UTC)
    assert format_date(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert len(format_date(moment)) == len("2026-03-01 23:59")
    assert format_date(None) == ""
