"""The slim navigation rail on the window's left: one entry per page, icon over a short label.

Entries come from the pages' descriptors (desktop.ui.shell.pages.PageSpec), content pages
at the top and Settings at the bottom, with a slot between them for the providers'
status. Keyboard: Tab reaches each entry, the arrow keys move between
entries, Enter or Space opens one; Ctrl+1, Ctrl+2, … open the pages in rail order.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.ui.design import Space
from desktop.ui.icons import app_icon, icon
from desktop.ui.shell.pages import PageSpec

RAIL_WIDTH = 72
ICON_SIZE = 20


class RailButton(QToolButton):
    """One rail entry: checkable, icon above the label, named for screen readers."""

    def __init__(self, spec: PageSpec, shortcut: QKeySequence, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = spec.key
        self.setObjectName("railButton")
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIcon(icon(spec.icon, role="muted", checked_role="selected_text"))
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setFixedWidth(RAIL_WIDTH - 2 * Space.XS)
        self.setMinimumHeight(52)
        self.show_texts(spec, shortcut)

    def show_texts(self, spec: PageSpec, shortcut: QKeySequence) -> None:
        keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
        self.setText(spec.label)
        self.setToolTip(f"{spec.tooltip} ({keys})" if keys else spec.tooltip)
        self.setAccessibleName(spec.label)
        self.setAccessibleDescription(spec.tooltip)


class NavigationRail(QFrame):
    pageRequested = Signal(str)
    """An entry was chosen (click, Enter/Space, or its Ctrl+number)."""

    def __init__(self, specs: list[PageSpec], window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("navRail")
        self.setFixedWidth(RAIL_WIDTH)
        self.setAccessibleName(self.tr("Pages"))
        self.buttons: dict[str, RailButton] = {}
        self.actions_by_key: dict[str, QAction] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XS, Space.M, Space.XS, Space.M)
        layout.setSpacing(Space.XS)
        top = [spec for spec in specs if not spec.bottom]
        bottom = [spec for spec in specs if spec.bottom]
        for number, spec in enumerate(top + bottom, start=1):
            keys = QKeySequence(f"Ctrl+{number}") if number <= 9 else QKeySequence()
            button = RailButton(spec, keys, self)
            button.clicked.connect(lambda _checked=False, key=spec.key: self._chosen(key))
            button.installEventFilter(self)
            self.buttons[spec.key] = button
            action = QAction(spec.label, window)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(
                lambda _checked=False, key=spec.key: self.pageRequested.emit(key)
            )
            window.addAction(action)
            self.actions_by_key[spec.key] = action
        mark = QLabel()
        mark.setObjectName("railMark")
        mark.setPixmap(app_icon().pixmap(QSize(28, 28)))
        mark.setToolTip(APP_NAME)
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(Space.S)
        for spec in top:
            layout.addWidget(self.buttons[spec.key], 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.status_slot = QVBoxLayout()
        self.status_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.status_slot)
        for spec in bottom:
            layout.addWidget(self.buttons[spec.key], 0, Qt.AlignmentFlag.AlignHCenter)
        self._order = [spec.key for spec in top + bottom]

    def set_status_widget(self, widget: QWidget) -> None:
        """Place the providers' status indicator above the bottom entries."""
        self.status_slot.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_current(self, key: str) -> None:
        """Check the entry of the page shown, and only it. (Not a QButtonGroup: an exclusive
        group takes Tab focus from every entry but the one focused last.)"""
        for entry, button in self.buttons.items():
            button.setChecked(entry == key)

    def _chosen(self, key: str) -> None:
        self.set_current(key)  # a click on the current entry must not uncheck it
        self.pageRequested.emit(key)

    def retranslate(self, specs: list[PageSpec]) -> None:
        self.setAccessibleName(self.tr("Pages"))
        for spec in specs:
            button = self.buttons[spec.key]
            button.show_texts(spec, self.actions_by_key[spec.key].shortcut())
            self.actions_by_key[spec.key].setText(spec.label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, RailButton)
        ):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}
            key = Qt.Key(event.key())
            if key in step:
                index = (self._order.index(watched.key) + step[key]) % len(self._order)
                self.buttons[self._order[index]].setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                watched.click()
                return True
        return super().eventFilter(watched, event)
