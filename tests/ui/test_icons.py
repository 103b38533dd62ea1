"""Interface icons: every one shipped, drawn in the look's colours, following light/dark."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication

from desktop.ui.design import DARK_COLORS, LIGHT_COLORS
from desktop.ui.icons import NAMES, icon


def ink(picture: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal, on: bool = False) -> str:
    """The most used opaque colour of the icon drawn at 48 px."""
    state = QIcon.State.On if on else QIcon.State.Off
    image = picture.pixmap(QSize(48, 48), mode, state).toImage()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    counts = Counter(
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
    )
    assert counts, "the icon drew nothing"
    return counts.most_common(1)[0][0]


@pytest.fixture
def look(qtbot: object) -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.property("parleyDark")
    yield app
    app.setProperty("parleyDark", before)


def test_every_shipped_icon_draws(look: QApplication) -> None:
    look.setProperty("parleyDark", False)
    for name in sorted(NAMES):
        assert ink(icon(name)) == QColor(LIGHT_COLORS.text).name(), name


def test_an_icon_takes_the_new_colours_when_the_look_turns_dark(look: QApplication) -> None:
    look.setProperty("parleyDark", False)
    search = icon("search", role="muted")
    assert ink(search) == QColor(LIGHT_COLORS.muted).name()
    look.setProperty("parleyDark", True)
    assert ink(search) == QColor(DARK_COLORS.muted).name(), "no rebuild needed"


def test_disabled_icons_are_muted_and_checked_ones_take_the_selected_colour(
    look: QApplication,
) -> None:
    look.setProperty("parleyDark", False)
    entry = icon("settings", role="muted", checked_role="selected_text")
    assert ink(entry, on=True) == QColor(LIGHT_COLORS.selected_text).name()
    assert ink(icon("trash-2"), QIcon.Mode.Disabled) == QColor(LIGHT_COLORS.muted).name()


def test_a_misspelt_icon_or_colour_fails_at_once(qtbot: object) -> None:
    with pytest.raises(KeyError):
        icon("trash")
    with pytest.raises(KeyError):
        icon("trash-2", role="grey")
