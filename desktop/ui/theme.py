"""A calm, consistent look in light or dark: the system's scheme unless the person picks one.

The palette is set explicitly (Fusion + our colours), so light and dark look the same on
every platform, and one stylesheet built from that palette styles every pane, the chat
included. :class:`Theme` re-applies it live when the choice or the system scheme changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM, LIGHT, DARK = "", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)


@dataclass(frozen=True)
class Colors:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    user_bg: str
    warning: str
    warning_bg: str
    caution: str
    success: str
    hit_bg: str
    link: str


LIGHT_COLORS = Colors(
    window="#f5f6f8",
    base="#ffffff",
    alternate="#f0f2f5",
    text="#1f2328",
    muted="#5f6368",
    border="#d7dbe0",
    accent="#1a66d6",
    accent_text="#ffffff",
    user_bg="#e6eefc",
    warning="#b3261e",
    warning_bg="#fdecea",
    caution="#9a5b00",
    success="#1e7b34",
    hit_bg="#fde293",
    link="#1a66d6",
)
DARK_COLORS = Colors(
    window="#1c1d20",
    base="#25272b",
    alternate="#2b2d32",
    text="#e4e6ea",
    muted="#a0a5ad",
    border="#3b3e44",
    accent="#6b9cf0",
    accent_text="#0f1115",
    user_bg="#283547",
    warning="#f28b82",
    warning_bg="#3c2a2a",
    caution="#f0b35a",
    success="#7fd39a",
    hit_bg="#6b5a1e",
    link="#8ab4f8",
)

_STYLE = """
QWidget {{ font-size: 10pt; }}
QToolTip {{ color: {text}; background: {base}; border: 1px solid {border}; padding: 4px; }}
QLabel#paneTitle {{ font-weight: 600; font-size: 11pt; padding: 4px 2px; }}
QLabel#hint {{ color: {muted}; padding: 6px 2px; }}
QLabel#hint[warning="true"] {{ color: {warning}; }}
QLabel#bubbleHeader {{ font-weight: 600; color: {muted}; }}
QLabel#bubbleFooter {{ color: {muted}; font-size: 9pt; }}
QLabel#bubbleFooter[warning="true"] {{ color: {warning}; }}
QFrame#userBubble {{ background: {user_bg}; border: none; border-radius: 10px; }}
QFrame#assistantBubble {{ background: {base}; border: 1px solid {border}; border-radius: 10px; }}
QFrame#userBubble QTextBrowser, QFrame#assistantBubble QTextBrowser {{ background: transparent; }}
QWidget#messageColumn {{ background: {window}; }}
QFrame#statusBanner {{ border: 1px solid {border}; border-radius: 8px; background: {base}; }}
QFrame#statusBanner[problem="true"] {{ border-color: {warning}; background: {warning_bg}; }}
QFrame#notice {{ border-top: 1px solid {warning}; background: {warning_bg}; }}
QFrame#firstRun {{ background: {base}; border: 1px solid {border}; border-radius: 12px; }}
QLabel#firstRunTitle {{ font-size: 15pt; font-weight: 600; }}
QFrame#quickSwitcher {{ background: {base}; border: 1px solid {border}; border-radius: 10px; }}
QPlainTextEdit {{ border: 1px solid {border}; border-radius: 8px; padding: 6px;
  background: {base}; }}
QPlainTextEdit:focus, QLineEdit:focus {{ border-color: {accent}; }}
QPushButton {{ padding: 5px 14px; border: 1px solid {border}; border-radius: 6px;
  background: {base}; }}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:default {{ background: {accent}; color: {accent_text}; border-color: {accent}; }}
QPushButton:disabled {{ color: {muted}; background: {window}; border-color: {border}; }}
QPushButton:focus {{ border: 2px solid {accent}; }}
QTableView, QListWidget, QTreeView, QListView {{ border: 1px solid {border}; border-radius: 6px;
  background: {base}; }}
QLineEdit {{ padding: 4px 6px; border: 1px solid {border}; border-radius: 6px;
  background: {base}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 6px 16px; border: none; border-bottom: 2px solid transparent;
  color: {muted}; background: transparent; }}
QTabBar::tab:selected {{ color: {text}; border-bottom-color: {accent}; font-weight: 600; }}
QTabBar::tab:hover {{ color: {text}; }}
QTabBar::tab:focus {{ border-bottom-color: {accent}; }}
QTextBrowser#thinkingView {{ color: {muted}; border-left: 3px solid {border}; padding-left: 6px; }}
QToolButton#thinkingToggle {{ border: none; color: {muted}; font-weight: 600; }}
QFrame#codeBlock {{ background: {alternate}; border: 1px solid {border}; border-radius: 6px; }}
QFrame#codeBlock QTextBrowser {{ background: transparent; }}
QLabel#codeLanguage {{ color: {muted}; font-size: 8.5pt; }}
QToolButton#codeCopy, QToolButton#bubbleAction {{ border: none; padding: 1px 6px;
  color: {muted}; font-size: 8.5pt; }}
QToolButton#codeCopy:hover, QToolButton#bubbleAction:hover {{ color: {accent}; }}
QToolButton#codeCopy:focus, QToolButton#bubbleAction:focus {{ color: {accent};
  text-decoration: underline; }}
QToolButton#bubbleAction:disabled {{ color: transparent; }}
QToolButton#versionButton {{ border: none; padding: 0 4px; font-weight: 600; }}
QLabel#siblingLabel {{ color: {muted}; font-size: 8.5pt; }}
QFrame[found="true"] {{ border: 2px solid {accent}; }}
QLabel#contextLabel {{ color: {muted}; font-size: 8.5pt; }}
QLabel#contextLabel[level="near"] {{ color: {caution}; }}
QLabel#contextLabel[level="over"] {{ color: {warning}; font-weight: 600; }}
QFrame#chatSettings {{ border-bottom: 1px solid {border}; }}
QLabel#downloadError {{ color: {warning}; }}
QLabel#shortcutKeys {{ font-family: monospace; color: {accent}; }}
"""


def colors_for(dark: bool) -> Colors:
    return DARK_COLORS if dark else LIGHT_COLORS


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
    from desktop.ui.models import look as models_look
    from desktop.ui.render import look as render_look
    from desktop.ui.settings import look as settings_look
    from desktop.ui.shell import look as shell_look

    rules = [_STYLE] + [
        part.STYLE for part in (shell_look, chat_look, render_look, models_look, settings_look)
    ]
    values = {name: getattr(colors, name) for name in Colors.__dataclass_fields__}
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
