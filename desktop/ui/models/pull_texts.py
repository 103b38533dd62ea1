"""Words for a download's phase, state, speed and remaining time."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from desktop.core.pull_manager import PullItem, PullState
from desktop.core.pull_tracker import PullFigures, PullPhase
from desktop.ui.formatting import format_bytes

CONTEXT = "Download"


def phase_words(phase: PullPhase) -> str:
    words = {
        PullPhase.WAITING: QCoreApplication.translate("Download", "Connecting…"),
        PullPhase.MANIFEST: QCoreApplication.translate("Download", "Pulling manifest"),
        PullPhase.DOWNLOADING: QCoreApplication.translate("Download", "Downloading"),
        PullPhase.VERIFYING: QCoreApplication.translate("Download", "Verifying sha256 digest"),
        PullPhase.WRITING: QCoreApplication.translate("Download", "Writing manifest"),
        PullPhase.REMOVING: QCoreApplication.translate("Download", "Removing unused layers"),
        PullPhase.SUCCESS: QCoreApplication.translate("Download", "Success"),
    }
    return words[phase]


def status_words(item: PullItem, now: float) -> str:
    """The one line that says where the download is."""
    state = item.state
    if state is PullState.ACTIVE:
        return phase_words(item.tracker.phase)
    if state is PullState.QUEUED:
        return QCoreApplication.translate("Download", "Queued")
    if state is PullState.RETRY_WAIT:
        seconds = max(math.ceil((item.retry_at or now) - now), 0)
        return QCoreApplication.translate(
            "Download", "Trying again in {seconds} s (attempt {attempt})"
        ).format(seconds=seconds, attempt=item.attempts + 1)
    if state is PullState.CANCELLED:
        return QCoreApplication.translate("Download", "Cancelled")
    if state is PullState.FAILED:
        return QCoreApplication.translate("Download", "Failed")
    return QCoreApplication.translate("Download", "Installed")


def speed_words(speed: float) -> str:
    return QCoreApplication.translate("Download", "{size}/s").format(
        size=format_bytes(round(speed))
    )


def duration_words(seconds: float) -> str:
    total = max(round(seconds), 0)
    if total < 60:
        return QCoreApplication.translate("Download", "{s} s").format(s=total)
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return QCoreApplication.translate("Download", "{m} min {s} s").format(m=minutes, s=secs)
    hours, minutes = divmod(minutes, 60)
    return QCoreApplication.translate("Download", "{h} h {m} min").format(h=hours, m=minutes)


def figures_words(figures: PullFigures, active: bool) -> str:
    """'120.5 MB of 2.0 GB · 11.2 MB/s · 2 min 58 s left'."""
    if figures.total_bytes:
        parts = [
            QCoreApplication.translate("Download", "{done} of {total}").format(
                done=format_bytes(figures.done_bytes), total=format_bytes(figures.total_bytes)
            )
        ]
    else:
        parts = [format_bytes(figures.done_bytes)] if figures.done_bytes else []
    if active and figures.speed > 0 and figures.phase is PullPhase.DOWNLOADING:
        parts.append(speed_words(figures.speed))
    if active and figures.eta_seconds is not None:
        parts.append(
            QCoreApplication.translate("Download", "{time} left").format(
                time=duration_words(figures.eta_seconds)
            )
        )
    return " · ".join(parts)
