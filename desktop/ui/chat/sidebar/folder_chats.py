"""New chats in a folder: started from the folder's "New chat here" (or New chat, Ctrl+N,
while a folder is selected in the sidebar), they open with the folder's model, system prompt and
tools, and the conversation goes into the folder when its first message is sent.

The folder's system prompt replaces the model's default prompt; the model's other
defaults (temperature, context, ...) still apply, as they do for any new chat.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from PySide6.QtCore import QObject

from desktop.storage.history import HistoryStore
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID
from desktop.ui.strings import provider_name


class FolderChats(QObject):
    def __init__(self, store: HistoryStore, sidebar: ConversationSidebar, pane: ChatPane) -> None:
        super().__init__(sidebar)
        self._store = store
        self._sidebar = sidebar
        self._pane = pane
        self.pending: tuple[int, datetime] | None = None
        """The folder the new chat goes into, and when it was started."""
        sidebar.folders.newChatRequested.connect(self.start)
        sidebar.folders.model_choices = self.model_choices
        pane.conversationShown.connect(self._shown)

    def model_choices(self) -> list[tuple[str, str, str]]:
        return [
            (group.provider_id, provider_name(group.provider_name), choice.model)
            for group in self._pane.picker.groups
            for choice in group.models
            if choice.chat
        ]

    def start(self, folder_id: int) -> None:
        """A new chat in the folder (its "New chat here")."""
        self._sidebar.list.select_folder(folder_id)
        self._pane.new_conversation()  # shown as None: the folder's settings follow
        self._pane.composer.setFocus()

    def _apply(self, folder_id: int) -> None:
        folder = self._store.folders.get(folder_id)
        if folder is None:
            return
        parent = None if folder.parent_id is None else self._store.folders.get(folder.parent_id)
        if parent is not None:  # a sub-folder takes what it leaves unset from its folder
            folder = dataclasses.replace(
                folder,
                model=folder.model or parent.model,
                provider=folder.provider if folder.model else parent.provider,
                system_prompt=folder.system_prompt or parent.system_prompt,
            )
        pane = self._pane
        self.pending = (folder_id, datetime.now(UTC))
        if folder.model:
            pane.choose_model(folder.provider or LOCAL_OLLAMA_ID, folder.model)
        parameters = pane.session.pending.with_changes(
            tool_servers=folder.tools.servers, tools_off=folder.tools.off or None
        )
        prompt = folder.system_prompt or pane.session.pending_prompt
        pane.session.set_parameters(parameters)
        pane.session.set_system_prompt(prompt)
        pane.settings_panel.load(parameters, prompt)

    def _shown(self, conversation_id: int | None) -> None:
        """A new chat while a folder is selected (Ctrl+N, New chat, "New chat here") takes
        the folder's settings, and goes into the folder once it is made; opening any other
        conversation forgets the folder."""
        if conversation_id is None:
            folder_id = self._sidebar.list.current_folder
            self.pending = None
            if folder_id is not None:
                self._apply(folder_id)
            return
        if self.pending is None:
            return
        folder_id, started = self.pending
        self.pending = None
        try:
            conversation = self._store.get_conversation(conversation_id)
        except KeyError:
            return
        if conversation.created_at >= started:
            self._store.folders.move_conversation(conversation_id, folder_id)
            self._sidebar.list.expanded.add(folder_id)
