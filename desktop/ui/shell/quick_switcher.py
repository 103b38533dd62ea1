"""Ctrl+K: type a few letters to jump to a conversation or start chatting with a model.

An overlay inside the window (not a separate popup window): a search field over one list
of conversations and models. Enter opens the selected entry, Esc closes, Up/Down move.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
CONVERSATION, MODEL = "conversation", "model"
MAX_ROWS = 200


@dataclass(frozen=True)
class SwitchTarget:
    """One entry: a conversation (key = its id) or a model (key = (provider id, model))."""

    kind: str
    label: str
    detail: str
    key: int | tuple[str, str]


def matches(query: str, target: SwitchTarget) -> bool:
    """Every word typed appears in the label or detail (case-insensitive)."""
    haystack = f"{target.label} {target.detail}".casefold()
    return all(word in haystack for word in query.casefold().split())


class QuickSwitcher(QFrame):
    conversationChosen = Signal(int)
    modelChosen = Signal(str, str)

    def __init__(
        self, targets: Callable[[], Sequence[SwitchTarget]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickSwitcher")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._targets = targets
        self._all: Sequence[SwitchTarget] = ()
        self._return_focus: QWidget | None = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.search.setPlaceholderText(self.tr("Jump to a conversation or model…"))
        self.search.setAccessibleName(self.tr("Conversation or model to jump to"))
        self.list.setAccessibleName(self.tr("Matching conversations and models"))
        self.hint.setText(self.tr("Enter opens · Esc closes"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def open(self) -> None:
        """Show over the parent window, freshly filled, with the search field focused."""
        self._all = tuple(self._targets())
        focused = QApplication.focusWidget()
        self._return_focus = (
            focused if focused is not None and not self.isAncestorOf(focused) else None
        )
        parent = self.parentWidget()
        if parent is not None:
            width = min(560, max(320, parent.width() - 80))
            height = min(420, max(200, parent.height() - 120))
            self.setGeometry((parent.width() - width) // 2, 60, width, height)
        self.search.clear()
        self._filter("")
        self.show()
        self.raise_()
        self.search.setFocus()

    def visible_targets(self) -> list[SwitchTarget]:
        return [self.list.item(row).data(KEY_ROLE) for row in range(self.list.count())]

    def _filter(self, query: str) -> None:
        self.list.clear()
        for target in [t for t in self._all if matches(query, t)][:MAX_ROWS]:
            if target.kind == CONVERSATION:
                text = self.tr("Conversation: {title}").format(title=target.label)
            else:
                text = self.tr("Model: {model} · {provider}").format(
                    model=target.label, provider=target.detail
                )
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, target)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _activate(self, item: QListWidgetItem) -> None:
        target: SwitchTarget = item.data(KEY_ROLE)
        self.hide()
        if isinstance(target.key, int):
            self.conversationChosen.emit(target.key)
        else:
            self.modelChosen.emit(*target.key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_back()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._activate(item)
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def close_back(self) -> None:
        """Hide and give the focus back to where it was before Ctrl+K."""
        self.hide()
        if self._return_focus is not None and self._return_focus.isVisible():
            self._return_focus.setFocus()
