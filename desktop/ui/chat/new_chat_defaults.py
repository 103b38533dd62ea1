"""A chat with no message yet starts with the picked model's defaults for new chats
(set on the Models page); a conversation that exists keeps its own settings."""

from __future__ import annotations

from desktop.core.conversation_session import ConversationSession
from desktop.core.model_defaults import ModelDefaultsSource, new_chat_start
from desktop.ui.chat.chat_settings_panel import ChatSettingsPanel
from desktop.ui.chat.composer.route_bar import RouteBar


class NewChatDefaults:
    def __init__(
        self, session: ConversationSession, panel: ChatSettingsPanel, route_bar: RouteBar
    ) -> None:
        self._session = session
        self._panel = panel
        self._route_bar = route_bar
        self.source: ModelDefaultsSource | None = None
        """Where the defaults are kept (set by the app; None: plain settings)."""
        self._applied = False
        """Whether the new chat's settings came from a model's defaults."""

    def use(self, source: ModelDefaultsSource) -> None:
        """Start new chats with each model's defaults (the open new chat too)."""
        self.source = source
        self.apply()

    def new_chat(self) -> None:
        """A new chat begins with the plain settings until a model's are applied."""
        self._applied = False

    def changed(self, provider_id: str, model: str) -> None:
        """A model's defaults changed: a new chat open with that model takes them."""
        if self._route_bar.route == (provider_id, model):
            self._applied = True  # cleared defaults: back to the plain settings
            self.apply()

    def apply(self) -> None:
        """The chosen model's defaults, if the open chat has no message yet."""
        provider_id, model = self._route_bar.route
        if self.source is None or not model or self._session.conversation_id is not None:
            return
        defaults = self.source.defaults_for(provider_id, model)
        start = new_chat_start(defaults, self._session.pending, started_from_defaults=self._applied)
        if start is None:
            return
        self._applied = defaults is not None
        parameters, prompt = start
        self._session.set_parameters(parameters)
        self._session.set_system_prompt(prompt)
        self._panel.load(parameters, prompt)
        self._route_bar.show_thinking_choices(self._route_bar.cached_details(), parameters.think)
