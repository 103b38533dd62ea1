"""Light and dark follow the system unless chosen, apply live, and the window remembers itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.settings import SettingsStore, default_settings_path
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.theme import DARK, DARK_COLORS, LIGHT, LIGHT_COLORS, SYSTEM, Theme
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def window_color(widget: QWidget | None = None) -> str:
    palette = widget.palette() if widget is not None else app().palette()
    return palette.color(QPalette.ColorRole.Window).name()


def pixel_of(widget: QWidget) -> str:
    """The colour a person sees in the middle-left of a widget (its own background)."""
    image = widget.grab().toImage()
    return image.pixelColor(6, image.height() // 2).name()


@pytest.fixture
def light_afterwards() -> Iterator[None]:
    yield
    Theme(app(), LIGHT)


async def test_dark_chosen_in_settings_turns_the_open_window_dark(
    open_window: Callable[[], MainWindow], scripted: object, light_afterwards: None
) -> None:
    pane = await ready_pane(open_window)
    await ask(pane, "hello")
    window = pane.window()
    assert isinstance(window, MainWindow)
    assert window_color(window) == LIGHT_COLORS.window
    column = window.chats_page.column  # the chat's own surface
    assert pixel_of(column) == LIGHT_COLORS.base
    settings_window = window.open_settings()
    assert settings_window is not None and settings_window.appearance is not None
    combo = settings_window.appearance.theme
    combo.setCurrentIndex(combo.findData(DARK))
    assert window_color(window) == DARK_COLORS.window
    assert window.palette().color(QPalette.ColorRole.Text).lightness() > 180
    assert pixel_of(column) == DARK_COLORS.base
    assert SettingsStore(default_settings_path()).load().theme == DARK
    combo.setCurrentIndex(combo.findData(LIGHT))
    assert window_color(window) == LIGHT_COLORS.window
    assert pixel_of(column) == LIGHT_COLORS.base


def test_system_scheme_is_followed_live_until_a_choice_is_made(light_afterwards: None) -> None:
    system = [Qt.ColorScheme.Light]
    theme = Theme(app(), SYSTEM, scheme=lambda: system[0])
    assert not theme.dark and window_color() == LIGHT_COLORS.window
    system[0] = Qt.ColorScheme.Dark
    app().styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.dark and window_color() == DARK_COLORS.window
    theme.set_choice(LIGHT)
    assert window_color() == LIGHT_COLORS.window
    app().styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_color() == LIGHT_COLORS.window, "a chosen look must not follow the system"


async def test_window_size_splitter_and_conversation_are_remembered(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    pane = await ready_pane(open_window)
    await ask(pane, "remember me")
    window = pane.window()
    assert isinstance(window, MainWindow)
    conversation = pane.conversation_id
    screen = window.screen().availableGeometry()  # a restored window fits on the screen
    size = (min(1000, screen.width() - 120), min(700, screen.height() - 120))
    window.resize(*size)
    size = (window.width(), window.height())  # no smaller than the panes allow
    window.splitter.setSizes([260, size[0] - 280])
    sizes = window.splitter.sizes()
    window.close()
    again = open_window()
    # The offscreen screen (800 px) is narrower than the panes' minimum width, so only the
    # height and the conversation list's width can come back exactly here.
    assert again.height() == size[1]
    # Settled: widths change once the model picker (filled in the background) has its text.
    await wait_until(lambda: again.splitter.sizes()[0] == sizes[0])
    assert again.chat_pane.conversation_id == conversation
    assert not again.chats_page.showing_setup_card()


async def test_the_window_is_styled_throughout_when_it_opens(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    """The style sheet is applied once the window is built (faster); nothing may miss it."""
    store = HistoryStore.open(default_history_path())
    store.create_conversation("Earlier today", "scripted:latest")
    store.close()
    window = open_window()
    title = window.findChild(QLabel, "paneTitle")
    assert title is not None and title.font().pointSizeF() == 11 and title.font().bold()
    conversations = window.conversations
    assert conversations.font().pointSizeF() == 10
    rail_entry = window.rail.buttons["chats"]
    assert rail_entry.font().pointSizeF() == pytest.approx(8.5)
    assert pixel_of(window.chats_page.column) == LIGHT_COLORS.base


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=["light", "dark"])
def test_text_in_every_role_is_readable(colors: object) -> None:
    """WCAG AA (4.5:1) for text, muted text and links on the surfaces they sit on."""
    pairs = {
        "text on window": (colors.text, colors.window),  # type: ignore[attr-defined]
        "text on base": (colors.text, colors.base),  # type: ignore[attr-defined]
        "muted on window": (colors.muted, colors.window),  # type: ignore[attr-defined]
        "muted on base": (colors.muted, colors.base),  # type: ignore[attr-defined]
        "muted on hover": (colors.muted, colors.hover),  # type: ignore[attr-defined]
        "label on accent": (colors.accent_text, colors.accent),  # type: ignore[attr-defined]
        "link on base": (colors.link, colors.base),  # type: ignore[attr-defined]
        "selected text": (colors.selected_text, colors.selected),  # type: ignore[attr-defined]
        "warning on base": (colors.warning, colors.base),  # type: ignore[attr-defined]
        "warning on its tint": (colors.warning, colors.warning_bg),  # type: ignore[attr-defined]
        "text on user message": (colors.text, colors.user_bg),  # type: ignore[attr-defined]
    }
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 4.5}
    assert not low, low


def test_buttons_take_one_of_four_kinds(qtbot: object, light_afterwards: None) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    from desktop.ui.theme import KINDS, set_kind

    Theme(app(), LIGHT)
    row = QWidget()
    qtbot.addWidget(row)  # type: ignore[attr-defined]
    layout = QHBoxLayout(row)
    buttons = {}
    for kind in KINDS:
        button = QPushButton(kind.title())
        set_kind(button, kind)
        layout.addWidget(button)
        buttons[kind] = button
    row.show()
    image = row.grab().toImage()
    backgrounds = {
        kind: image.pixelColor(button.x() + 6, button.y() + button.height() // 2).name()
        for kind, button in buttons.items()
    }
    assert backgrounds == {
        "primary": LIGHT_COLORS.accent,
        "secondary": LIGHT_COLORS.base,
        "destructive": LIGHT_COLORS.warning_bg,
        "quiet": LIGHT_COLORS.window,  # no fill of its own
    }
    with pytest.raises(ValueError):
        set_kind(buttons["quiet"], "shiny")


def test_icons_take_the_colour_of_the_look_in_force(qtbot: object, light_afterwards: None) -> None:
    from PySide6.QtCore import QSize

    from desktop.ui.icons import NAMES, icon

    def darkest(name: str) -> str:
        image = icon(name).pixmap(QSize(48, 48)).toImage()
        drawn = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        ]
        assert drawn, f"{name} drew nothing"
        return drawn[0].name()

    theme = Theme(app(), LIGHT)
    assert darkest("settings") == LIGHT_COLORS.text
    theme.set_choice(DARK)
    assert darkest("settings") == DARK_COLORS.text
    for name in NAMES:
        assert not icon(name).isNull() and darkest(name)
    with pytest.raises(KeyError):
        icon("no-such-icon")


def test_the_glyphs_drawn_by_the_style_sheet_match_the_palettes() -> None:
    """The style sheet cannot recolour an SVG, so its chevrons and tick are coloured copies."""
    from desktop.resources import resource_path

    folder = resource_path("icons", "ui", "qss")
    for scheme, colors in (("light", LIGHT_COLORS), ("dark", DARK_COLORS)):
        for shape in ("chevron-down", "chevron-up"):
            text = (folder / f"{shape}-{scheme}.svg").read_text()
            assert f'stroke="{colors.muted}"' in text, f"{shape}-{scheme}.svg"
        tick = (folder / "check-on-accent.svg").read_text()
        assert f'stroke="{colors.accent_text}"' in tick
