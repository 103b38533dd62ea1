"""Where the setup help goes while nothing is set up to chat with (defect 26).

In an empty chat the setup card takes the chat's place; above an open conversation a
dismissible notice says what is missing. The conversation list is never covered, so a
history stays readable before any model is set up. Keyboard focus follows: the card's
first step while it shows, the message box otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject
from PySide6.QtWidgets import QWidget

from desktop.storage.settings import Settings
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.shell.chats_page import ChatsPage
from desktop.ui.shell.first_run import SetupState


class SetupGuide(QObject):
    def __init__(
        self,
        window: QWidget,
        *,
        monitor: OllamaMonitor,
        settings: Settings,
        models: QAbstractItemModel,
        chat_pane: ChatPane,
        chats_page: ChatsPage,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._monitor = monitor
        self._settings = settings
        self._models = models
        self._chat_pane = chat_pane
        self._page = chats_page
        self.dismissed = False
        """Not now (the card) or Dismiss (the notice): no more help this session."""
        chats_page.first_run.dismissed.connect(self.dismiss)
        chats_page.notice.dismissed.connect(self.dismiss)

    def state(self) -> SetupState:
        status = self._monitor.status
        cloud = sum(1 for entry in self._settings.providers if entry.enabled)
        return SetupState(status.reachable, status.host, self._models.rowCount(), cloud)

    def update(self, *_args: object) -> None:
        state = self.state()
        self._page.first_run.show_state(state)
        wanted = state.nothing_set_up and not self.dismissed
        empty_chat = self._chat_pane.conversation_id is None
        card = wanted and empty_chat
        swapped = card != self._page.showing_setup_card()
        self._page.show_setup(card=card, notice=wanted and not empty_chat)
        focused = self._window.focusWidget()
        if swapped and (focused is None or self._page.column.isAncestorOf(focused)):
            self.focus_start()  # what had focus went away with the chat or the card

    def dismiss(self) -> None:
        self.dismissed = True
        self.update()
        self._chat_pane.composer.setFocus()

    def focus_start(self) -> None:
        """Where a person starts: typing (defect 12), or the setup card's first step."""
        if self._page.showing_setup_card():
            self._page.first_run.focus_first_step()
        else:
            self._chat_pane.composer.setFocus()
