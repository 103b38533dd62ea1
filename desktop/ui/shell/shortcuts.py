"""The window's keyboard shortcuts and the sheet that lists them (F1 or Ctrl+/).

Ctrl+K also means "delete to the end of the line" in Qt's text fields on Linux; the
window's shortcuts win over that, so Ctrl+K works from the message box too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]
    """Portable key sequences ("Ctrl+K"); shown in the platform's own notation."""
    what: str
    """English source text of the description; translated when shown."""


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(("Return",), str(QT_TRANSLATE_NOOP("Shortcuts", "Send the message"))),
    Shortcut(("Shift+Return",), str(QT_TRANSLATE_NOOP("Shortcuts", "New line in the message"))),
    Shortcut(("Esc",), str(QT_TRANSLATE_NOOP("Shortcuts", "Stop the answer"))),
    Shortcut(("Ctrl+N",), str(QT_TRANSLATE_NOOP("Shortcuts", "New conversation"))),
    Shortcut(("Ctrl+K",), str(QT_TRANSLATE_NOOP("Shortcuts", "Jump to a conversation or model"))),
    Shortcut(("Ctrl+F",), str(QT_TRANSLATE_NOOP("Shortcuts", "Search all conversations"))),
    Shortcut(("Ctrl+B",), str(QT_TRANSLATE_NOOP("Shortcuts", "Show or hide the conversations"))),
    Shortcut(("Ctrl+1",), str(QT_TRANSLATE_NOOP("Shortcuts", "Go to Chats"))),
    Shortcut(("Ctrl+2",), str(QT_TRANSLATE_NOOP("Shortcuts", "Go to Models"))),
    Shortcut(("Ctrl+3",), str(QT_TRANSLATE_NOOP("Shortcuts", "Go to Tools"))),
    Shortcut(("Ctrl+4", "Ctrl+,"), str(QT_TRANSLATE_NOOP("Shortcuts", "Settings"))),
    Shortcut(("F2",), str(QT_TRANSLATE_NOOP("Shortcuts", "Rename the selected conversation"))),
    Shortcut(("Del",), str(QT_TRANSLATE_NOOP("Shortcuts", "Delete the selected conversation"))),
    Shortcut(("F1", "Ctrl+/"), str(QT_TRANSLATE_NOOP("Shortcuts", "Show these shortcuts"))),
    Shortcut(("Ctrl+Q",), str(QT_TRANSLATE_NOOP("Shortcuts", "Quit Parley"))),
)


def shown_keys(keys: tuple[str, ...]) -> str:
    return "  ·  ".join(
        QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys
    )


class ShortcutSheet(QWidget):
    """A small non-modal window listing every shortcut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row in range(len(SHORTCUTS)):
            keys = QLabel()
            keys.setObjectName("shortcutKeys")
            what = QLabel()
            keys.setBuddy(what)
            grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(what, row, 1)
            self.rows.append((keys, what))
        close = self.close_button = QPushButton()
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.addLayout(grid)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.triggered.connect(self.close)
        self.addAction(escape)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        for (keys, what), shortcut in zip(self.rows, SHORTCUTS, strict=True):
            keys.setText(shown_keys(shortcut.keys))
            what.setText(QCoreApplication.translate("Shortcuts", shortcut.what))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the shortcuts sheet"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class WindowShortcuts(QObject):
    """The window-wide actions: each one a menu entry too, so it can be found without keys."""

    def __init__(
        self,
        window: QWidget,
        *,
        new_chat: Callable[[], object],
        quick_switch: Callable[[], object],
        search: Callable[[], object],
        show_sheet: Callable[[], object],
        quit: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self.new_chat = self._action(("Ctrl+N",), new_chat)
        self.quick_switch = self._action(("Ctrl+K",), quick_switch)
        self.search = self._action(("Ctrl+F",), search)
        self.sheet = self._action(("F1", "Ctrl+/"), show_sheet)
        # Quit closes the window as its close button does: the app then ends its streams
        # and connections (desktop.app.run_app) and remembers the window.
        self.quit = self._action(("Ctrl+Q",), quit)
        self.retranslate()
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self._ours = {
            QKeySequence(key)
            for action in (self.new_chat, self.quick_switch, self.search, self.sheet, self.quit)
            for key in action.shortcuts()
        }
        self.watch(window)

    def retranslate(self) -> None:
        """The actions' names in the language in use (the window calls this on a switch)."""
        self.new_chat.setText(self.tr("&New conversation"))
        self.quick_switch.setText(self.tr("&Jump to a conversation or model…"))
        self.search.setText(self.tr("&Search conversations"))
        self.sheet.setText(self.tr("&Keyboard shortcuts"))
        self.quit.setText(self.tr("&Quit"))

    def _action(self, keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
        action = QAction(self._window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def add_menus(
        self,
        bar: QMenuBar,
        titles: tuple[str, str, str],
        *,
        settings: QAction,
        pages: list[QAction],
    ) -> tuple[QMenu, QMenu, QMenu]:
        """The app menu (these actions and Settings), Go (the pages) and Help."""
        app_title, go_title, help_title = titles
        menu = bar.addMenu(app_title)
        menu.addActions([self.new_chat, self.quick_switch, self.search])
        menu.addSeparator()
        menu.addAction(settings)
        menu.addSeparator()
        menu.addAction(self.quit)
        go = bar.addMenu(go_title)
        go.addActions(pages)
        help_menu = bar.addMenu(help_title)
        help_menu.addAction(self.sheet)
        return menu, go, help_menu

    def watch(self, widget: QWidget) -> None:
        """Let the window's shortcuts win in the text fields inside ``widget``."""
        for kind in (QLineEdit, QPlainTextEdit, QTextEdit):
            for field in widget.findChildren(kind):
                field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if pressed in self._ours:
                event.ignore()  # a text field must not take it: the window's action runs
                return True
        return super().eventFilter(watched, event)
