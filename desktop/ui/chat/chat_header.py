"""The chat page's header: the conversation's title, its settings, Export, New chat."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from desktop.storage.history import HistoryStore
from desktop.ui.chat.chat_export import ExportButton
from desktop.ui.icons import icon


class ChatHeader(QWidget):
    def __init__(
        self,
        store: HistoryStore,
        conversation_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        top = QHBoxLayout(self)
        top.setContentsMargins(16, 8, 12, 8)
        top.setSpacing(6)
        self.title_label = QLabel()
        self.title_label.setObjectName("chatTitle")
        self.title_label.setMinimumWidth(80)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.title_label, 1)
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("chatSettingsButton")
        self.settings_button.setProperty("kind", "quiet")
        self.settings_button.setIcon(icon("settings", "muted", "text"))
        self.settings_button.setCheckable(True)
        top.addWidget(self.settings_button)
        self.export_button = ExportButton(store, conversation_id)
        top.addWidget(self.export_button)
        self.new_button = QPushButton()
        self.new_button.setProperty("kind", "secondary")
        self.new_button.setIcon(icon("square-pen"))
        top.addWidget(self.new_button)
        self._top = top
        self.retranslate()
        self.set_title("")

    def add_button(self, button: QWidget) -> None:
        """A part's own button (e.g. the chat's documents), before Settings."""
        self._top.insertWidget(self._top.indexOf(self.settings_button), button)

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.settings_button.setText(QCoreApplication.translate("ChatPane", "Settings"))
        self.settings_button.setAccessibleName(
            QCoreApplication.translate("ChatPane", "Show this conversation's settings")
        )
        self.new_button.setText(QCoreApplication.translate("ChatPane", "New chat"))
        self.new_button.setAccessibleName(
            QCoreApplication.translate("ChatPane", "Start a new conversation")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_title(self, title: str) -> None:
        """The open conversation's title ("": a new chat); elided, whole in the tooltip."""
        title = title or QCoreApplication.translate("ChatPane", "New chat")
        self._title = title
        self.title_label.setToolTip(title)
        self.title_label.setAccessibleName(title)
        self.title_label.setAccessibleDescription(title)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.title_label.fontMetrics()
        width = max(self.title_label.width(), 80)
        self.title_label.setText(
            metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, width)
        )
