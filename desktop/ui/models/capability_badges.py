"""Capabilities in words, and drawn as small rounded badges in the installed list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from desktop.ui.theme import Colors

BADGE_GAP = 4
BADGE_PADDING = 7


def capability_label(capability: str) -> str:
    labels = {
        "completion": QCoreApplication.translate("Capability", "chat"),
        "vision": QCoreApplication.translate("Capability", "vision"),
        "tools": QCoreApplication.translate("Capability", "tools"),
        "thinking": QCoreApplication.translate("Capability", "thinking"),
        "embedding": QCoreApplication.translate("Capability", "embedding"),
    }
    return labels.get(capability, capability)


def embedding_only(capabilities: Sequence[str]) -> bool:
    """A model that turns text into vectors and cannot chat."""
    return "embedding" in capabilities and "completion" not in capabilities


def badge_widths(capabilities: Sequence[str], font: QFont) -> list[int]:
    metrics = QFontMetrics(font)
    return [
        metrics.horizontalAdvance(capability_label(c)) + 2 * BADGE_PADDING for c in capabilities
    ]


def draw_badges(
    painter: QPainter,
    right: int,
    middle: int,
    capabilities: Sequence[str],
    font: QFont,
    colors: Colors,
    room: int,
) -> int:
    """Draw as many badges as fit in ``room`` px, right-aligned at ``right``, centred on
    ``middle``; returns the width used. Badges that do not fit are left out (the row's
    tooltip and accessible description list them all)."""
    widths = badge_widths(capabilities, font)
    shown: list[tuple[str, int]] = []
    used = 0
    for capability, width in zip(capabilities, widths, strict=True):
        extra = width + (BADGE_GAP if shown else 0)
        if used + extra > room:
            break
        shown.append((capability, width))
        used += extra
    if not shown:
        return 0
    height = QFontMetrics(font).height() + 2
    top = middle - height // 2
    x = right - used
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    for capability, width in shown:
        badge = QRect(x, top, width, height)
        warn = capability == "embedding"
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.warning_bg if warn else colors.alternate))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor(colors.caution if warn else colors.muted))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, capability_label(capability))
        x += width + BADGE_GAP
    painter.restore()
    return used
