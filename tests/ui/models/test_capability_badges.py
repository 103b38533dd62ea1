"""Capability badges in the installed list: words, and only as many as fit."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from desktop.ui.models.capability_badges import (
    BADGE_GAP,
    badge_widths,
    capability_label,
    draw_badges,
    embedding_only,
)
from desktop.ui.theme import LIGHT_COLORS

CAPABILITIES = ("completion", "vision", "tools")


def drawn(room: int) -> tuple[int, QImage]:
    """Badges drawn right-aligned at x=390 of a white strip, with ``room`` px to use."""
    image = QImage(400, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    used = draw_badges(painter, 390, 20, CAPABILITIES, QFont(), LIGHT_COLORS, room)
    painter.end()
    return used, image


def painted_columns(image: QImage) -> list[int]:
    white = QColor("white").rgb()
    return [
        x
        for x in range(image.width())
        if any(image.pixel(QPoint(x, y)) != white for y in range(image.height()))
    ]


def test_badges_that_do_not_fit_are_left_out_not_squeezed(qtbot: object) -> None:
    widths = badge_widths(CAPABILITIES, QFont())
    two = widths[0] + BADGE_GAP + widths[1]

    used, image = drawn(room=two + BADGE_GAP + widths[2] - 1)  # one pixel short of three
    assert used == two
    columns = painted_columns(image)
    assert columns and columns[0] >= 390 - two and columns[-1] < 390

    used_all, image_all = drawn(room=1000)
    assert used_all == two + BADGE_GAP + widths[2]
    assert painted_columns(image_all)[0] < columns[0]


def test_no_room_draws_nothing(qtbot: object) -> None:
    used, image = drawn(room=5)
    assert used == 0 and painted_columns(image) == []


def test_capabilities_read_as_words_and_unknown_ones_as_ollama_names_them() -> None:
    assert capability_label("completion") == "chat"
    assert capability_label("insert") == "insert"
    assert embedding_only(("embedding",))
    assert not embedding_only(("embedding", "completion"))
