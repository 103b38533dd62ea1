"""A line above the composer for what the person must know now: the conversation's
provider cannot answer, an export failed, no model is chosen.

A notice given as a function of no arguments is asked again after a language switch, so
it reads in the new language; plain words stay as they are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class ChatNotice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(QCoreApplication.translate("ChatPane", "Chat notice"))
        layout.addWidget(self.label, 1)
        self._about_route = False
        self._words: Callable[[], str] | None = None
        self.hide()

    def retranslate(self) -> None:
        """Every text in the language now in use (a notice made by a function, made again)."""
        self.label.setAccessibleName(QCoreApplication.translate("ChatPane", "Chat notice"))
        if self._words is not None:
            self.label.setText(self._words())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def say(self, words: str | Callable[[], str]) -> None:
        self._words = words if callable(words) else None
        self.label.setText(words() if callable(words) else words)
        self.show()

    def clear(self) -> None:
        self._about_route = False
        self._words = None
        self.hide()

    def route(self, model: str, reason: Callable[[], str]) -> bool:
        """Say why ``model`` cannot answer (``reason()``, asked again after a language
        switch), or take back an earlier such notice once it can; returns whether it cannot."""
        if reason():
            self.say(
                lambda: QCoreApplication.translate(
                    "ChatPane",
                    "This conversation continues with {model}, but {reason}. Its history "
                    "stays here; choose another model above to continue.",
                ).format(model=model, reason=reason())
            )
            self._about_route = True
            return True
        if self._about_route:
            self.clear()
        return False
