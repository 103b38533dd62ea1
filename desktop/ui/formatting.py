"""Human-readable sizes and dates for the panes."""

from __future__ import annotations

from datetime import datetime


def format_bytes(size: int) -> str:
    """1536 -> '1.5 KB' (decimal units, as Ollama and file managers show them)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(value) < 1000 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def format_date(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""
