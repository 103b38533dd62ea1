"""A calm, consistent look in light or dark: the system's scheme unless the person picks one.

The palette is set explicitly (Fusion + our colours), so light and dark look the same on
every platform, and one stylesheet built from the design tokens (desktop.ui.design) styles
every page. :class:`Theme` re-applies it live when the choice or the system scheme changes.
Buttons take one of four kinds with :func:`set_kind`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

from desktop.resources import resource_path
from desktop.ui.design import DARK_COLORS, LIGHT_COLORS, Colors, colors_for, tokens
from desktop.ui.theme_rules import CONTROLS, LEGACY

__all__ = ["DARK_COLORS", "LIGHT_COLORS", "Colors", "Theme", "colors_for", "set_kind"]

SYSTEM, LIGHT, DARK = "", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)
PRIMARY, SECONDARY, DESTRUCTIVE, QUIET = "primary", "secondary", "destructive", "quiet"
KINDS = (PRIMARY, SECONDARY, DESTRUCTIVE, QUIET)


def set_kind(button: QAbstractButton, kind: str) -> None:
    """Give ``button`` one of the four looks: primary, secondary, destructive or quiet.

    One primary action per view; quiet for the many small actions beside content;
    destructive for what cannot be taken back. Secondary is also what a button without a
    kind looks like.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown button kind {kind!r}")
    if button.property("kind") == kind:
        return
    button.setProperty("kind", kind)
    style = button.style()
    style.unpolish(button)
    style.polish(button)


def make_palette(colors: Colors) -> QPalette:
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    for name, value in (
        (role.Window, colors.window),
        (role.Base, colors.base),
        (role.AlternateBase, colors.alternate),
        (role.Button, colors.base),
        (role.ToolTipBase, colors.base),
        (role.WindowText, colors.text),
        (role.Text, colors.text),
        (role.ButtonText, colors.text),
        (role.ToolTipText, colors.text),
        (role.BrightText, colors.warning),
        (role.PlaceholderText, colors.muted),
        (role.Highlight, colors.accent),
        (role.HighlightedText, colors.accent_text),
        (role.Link, colors.link),
        (role.LinkVisited, colors.link),
        (role.Mid, colors.border),
        (role.Midlight, colors.alternate),
        (role.Dark, colors.border),
        (role.Light, colors.base),
        (role.Shadow, colors.border),
    ):
        palette.setColor(name, QColor(value))
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, name, QColor(colors.muted))
    return palette


def style_sheet(colors: Colors) -> str:
    """The app's one style sheet: the shared rules here, then each page's own (its look.py)."""
    from desktop.ui.chat import look as chat_look
    from desktop.ui.documents import look as documents_look
    from desktop.ui.models import look as models_look
    from desktop.ui.render import look as render_look
    from desktop.ui.settings import look as settings_look
    from desktop.ui.shell import look as shell_look
    from desktop.ui.tools import look as tools_look

    parts = (shell_look, chat_look, render_look, models_look, settings_look, tools_look,
             documents_look)  # fmt: skip
    rules = [CONTROLS, LEGACY] + [part.STYLE for part in parts]
    values = tokens(colors)
    values["qss_icons"] = resource_path("icons", "ui", "qss").as_posix()
    values["scheme"] = "dark" if colors == DARK_COLORS else "light"
    return "".join(rule.format(**values) for rule in rules)


SchemeSource = Callable[[], Qt.ColorScheme]
"""Where the system's light/dark scheme is read (the platform, unless a test says)."""


def system_scheme() -> Qt.ColorScheme:
    return QGuiApplication.styleHints().colorScheme()


def apply_theme(
    app: QApplication, choice: str = SYSTEM, scheme: SchemeSource = system_scheme
) -> bool:
    """Apply ``choice`` ("", "light" or "dark") to the whole app; returns whether it is dark."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = scheme() == Qt.ColorScheme.Dark if choice not in (LIGHT, DARK) else choice == DARK
    colors = colors_for(dark)
    app.setPalette(make_palette(colors))
    app.setStyleSheet(style_sheet(colors))
    app.setProperty("parleyDark", dark)
    return dark


def is_dark(app: QApplication) -> bool:
    return bool(app.property("parleyDark"))


class Theme(QObject):
    """The person's light/dark choice, applied now and whenever the system scheme changes."""

    changed = Signal(bool)
    """Whether the look is dark, after every (re-)application."""

    def __init__(
        self, app: QApplication, choice: str = SYSTEM, scheme: SchemeSource = system_scheme
    ) -> None:
        super().__init__()
        self._app = app
        self._scheme = scheme
        self.choice = choice if choice in CHOICES else SYSTEM
        self.dark = apply_theme(app, self.choice, scheme)
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def set_choice(self, choice: str) -> None:
        self.choice = choice if choice in CHOICES else SYSTEM
        self.reapply()

    def reapply(self) -> None:
        self.dark = apply_theme(self._app, self.choice, self._scheme)
        self.changed.emit(self.dark)

    @contextmanager
    def styled_at_once(self) -> Iterator[None]:
        """Widgets built inside are styled in one pass at the end, not as they are built.

        Under an application style sheet Qt re-polishes a widget's whole subtree each time
        it is put into a parent, so a window assembled from parts is styled several times
        over; styling the finished window once takes half as long. For building before
        anything is shown: meanwhile every widget is unstyled.
        """
        self._app.setStyleSheet("")
        try:
            yield
        finally:
            self._app.setStyleSheet(style_sheet(colors_for(self.dark)))

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self.reapply()
