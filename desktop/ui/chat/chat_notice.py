"""A line above the composer for what the person must know now: the conversation's
provider cannot answer, an export failed, no model is chosen."""

from __future__ import annotations

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
        self.hide()

    def retranslate(self) -> None:
        """The texts set in __init__, again in the language now in use."""
        self.label.setAccessibleName(QCoreApplication.translate("ChatPane", "Chat notice"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def say(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        self._about_route = False
        self.hide()

    def route(self, model: str, reason: str) -> bool:
        """Say why ``model`` cannot answer (``reason``), or take back an earlier such
        notice once it can; returns whether it cannot."""
        if reason:
            self.say(
                QCoreApplication.translate(
                    "ChatPane",
                    "This conversation continues with {model}, but {reason}. Its history "
                    "stays here; choose another model above to continue.",
                ).format(model=model, reason=reason)
            )
            self._about_route = True
        elif self._about_route:
            self.clear()
        return bool(reason)
