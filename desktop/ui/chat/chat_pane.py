"""The chat page: a header (settings, export, new chat), the conversation or the empty
state of a new chat, and the composer card.

Its parts own their state: ``ConversationSession`` (core) the open conversation, its
path and versions; ``RouteBar`` the model the next answer comes from; ``ImageGuard``
whether the draft's pictures may go to it; ``ExportButton`` exporting. The page wires
them to the stream bridge and the message list. Texts that moved into the parts keep
their "ChatPane" translation context.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from desktop.core.chat_service import ChatService
from desktop.core.conversation import PathStep
from desktop.core.conversation_session import ConversationSession
from desktop.core.messages import ChatOptions, Role
from desktop.core.model_records import ModelDetails
from desktop.storage.history import HistoryStore
from desktop.ui.chat.chat_header import ChatHeader
from desktop.ui.chat.chat_settings_panel import ChatSettingsPanel
from desktop.ui.chat.composer.attachment_draft import AttachmentDraft
from desktop.ui.chat.composer.attachments import AttachmentStrip, DropTarget
from desktop.ui.chat.composer.composer_card import ComposerCard
from desktop.ui.chat.composer.draft_keeper import DraftKeeper
from desktop.ui.chat.composer.image_guard import ImageGuard
from desktop.ui.chat.composer.route_bar import RouteBar
from desktop.ui.chat.empty_state import EmptyState
from desktop.ui.chat.messages.chat_notice import ChatNotice
from desktop.ui.chat.messages.message_column import warm_painting
from desktop.ui.chat.messages.message_list import MessageList
from desktop.ui.chat.messages.version_actions import VersionActions
from desktop.ui.chat.new_chat_defaults import NewChatDefaults
from desktop.ui.chat.reply_runner import ReplyRunner
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.tasks import TaskOwner

TITLE_LENGTH = 60
WARM_UP_DELAY_MS = 150
"""After the window first shows, long before anyone can have typed a message."""
BUBBLE_AFTER_MS = 16
"""The answer's bubble shows this long after the person's message (about a frame); its
request leaves at once."""


class ChatPane(QWidget):
    conversationsChanged = Signal()
    modelChanged = Signal(str, str)
    """(provider id, model) the chat continues with."""
    conversationShown = Signal(object)
    """The id of the conversation now shown (None: a new chat), for the list to mark."""
    conversationCreated = Signal(int)
    """A new chat was saved as this conversation (its first message was sent)."""

    def __init__(
        self,
        chat: ChatService[HistoryStore],
        providers: ProviderRegistry,
        tasks: TaskOwner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatPage")
        self._chat = chat
        self._providers = providers
        self._tasks = tasks
        self.session = ConversationSession(chat.store, chat.add_user_message)
        self.options = ChatOptions()
        """Request options that override the conversation's settings where set."""
        self._warmed_up = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = ChatHeader(chat.store, lambda: self.conversation_id)
        self.export_button = self.header.export_button
        self.export_json_action = self.export_button.json_action
        self.settings_button = self.header.settings_button
        self.new_button = self.header.new_button
        self.new_button.clicked.connect(self.new_conversation)
        layout.addWidget(self.header)
        self.settings_panel = ChatSettingsPanel()
        self.settings_button.toggled.connect(self.settings_panel.setVisible)
        self.settings_panel.parametersChanged.connect(self.session.set_parameters)
        self.settings_panel.systemPromptChanged.connect(self.session.set_system_prompt)
        for changed in (
            self.settings_panel.parametersChanged,
            self.settings_panel.systemPromptChanged,
        ):
            changed.connect(self._update_meter)
        self.settings_panel.hide()
        layout.addWidget(self.settings_panel)

        self.versions: VersionActions
        self.messages = MessageList(lambda step, column: self.versions.make_bubble(step, column))
        self.messages.firstScreensShown.connect(self._update_meter)  # after _load's paint
        self.runner = ReplyRunner(chat, self.messages, tasks, self)
        self.bridge = self.runner.bridge
        # A failure that says the server is gone or the key refused shows in the provider
        # status at once (not at its next check).
        self.bridge.failed.connect(lambda e: providers.report_failure(self.current_provider(), e))

        self.empty_state = EmptyState()

        self.body = QStackedWidget()
        self.body.addWidget(self.messages)
        self.body.addWidget(self.empty_state)
        layout.addWidget(self.body, 1)

        self.notice = ChatNotice()
        self.notice_label = self.notice.label
        self.export_button.failed.connect(self.notice.say)
        layout.addWidget(self.notice)

        self.draft = AttachmentDraft(tasks, lambda: providers.settings.image_max_edge, self)
        self.attachment_strip = AttachmentStrip(self.draft)
        self.attachment_strip.modelSuggested.connect(self.choose_model)
        self.route_bar = RouteBar(chat, providers, tasks)
        self.route_bar.modelChosen.connect(self.choose_model)
        self.route_bar.thinkChosen.connect(self.settings_panel.set_think)
        self.route_bar.detailsKnown.connect(self._details_known)
        self.picker = self.route_bar.picker
        self.new_chat_defaults = NewChatDefaults(self.session, self.settings_panel, self.route_bar)
        self.route_label = self.route_bar.route_label
        self.think_combo = self.route_bar.think_combo
        providers.changed.connect(self._providers_changed)

        self.card = ComposerCard(self.draft, self.attachment_strip, self.route_bar)
        self.card.sendRequested.connect(self.send)
        self.card.stopRequested.connect(self.stop)
        self.images = self.card.images
        self.empty_state.starterChosen.connect(self.card.fill)
        self.composer = self.card.edit
        self.composer.textChanged.connect(self._update_meter)
        self.composer.textChanged.connect(self._composer_changed)
        self.send_button = self.card.send_button
        self.attach_button = self.card.attach_button
        self.meter = self.card.meter
        card_row = QHBoxLayout()
        card_row.setContentsMargins(16, 8, 16, 16)
        card_row.addStretch(1)
        card_row.addWidget(self.card, 100)
        card_row.addStretch(1)
        self.card.setMaximumWidth(860)
        layout.addLayout(card_row)

        self.guard = ImageGuard(
            chat,
            providers,
            tasks,
            self.draft,
            self.attachment_strip,
            lambda: self.route_bar.route,
            lambda: self.picker.groups,
        )
        self.guard.blockedChanged.connect(self.card.set_blocked)
        self.versions = VersionActions(
            self.session,
            chat.store,
            self.messages,
            self.guard,
            self.images.show,
            self._ready,
            lambda: self.streaming,
            lambda model, parent: self._start_reply(model, parent_id=parent),
            self,
        )
        self.versions.shown.connect(self._path_shown)
        self.versions.conversationChanged.connect(self.conversationsChanged)
        self.runner.bubbleAdded.connect(self.versions.wire)
        self.regenerate = self.versions.regenerate
        self.resend_edited = self.versions.resend_edited
        self.modelChanged.connect(lambda *_: self.guard.judge())
        DropTarget(self.messages.viewport(), self.draft)
        DropTarget(self.empty_state, self.draft)
        self.drafts = DraftKeeper(chat.store, self.composer, self.draft, self)

        stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        stop_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop_shortcut.activated.connect(self.stop)

        self.runner.runningChanged.connect(self.card.set_streaming)
        self.runner.settled.connect(self._after_answer)
        self.drafts.show(None)
        self._show_body()
        self._update_meter()

    # -- state ---------------------------------------------------------------
    @property
    def conversation_id(self) -> int | None:
        return self.session.conversation_id

    @property
    def streaming(self) -> bool:
        return self.runner.running

    def export_to(self, path: Path, kind: str) -> bool:
        """Write the open conversation as Markdown (``md``) or JSON (``json``)."""
        return self.export_button.export_to(path, kind)

    def current_model(self) -> str:
        return self.route_bar.route[1]

    def current_provider(self) -> str:
        """Id of the provider the next answer comes from ("" before any choice)."""
        return self.route_bar.route[0]

    def available_models(self, provider_id: str = LOCAL_OLLAMA_ID) -> list[str]:
        """The models the picker offers for ``provider_id`` (default: the local Ollama)."""
        return self.picker.models_of(provider_id)

    def set_model(self, name: str) -> None:
        """Continue with the local Ollama's model ``name``."""
        self.choose_model(LOCAL_OLLAMA_ID, name)

    def choose_model(self, provider_id: str, model: str) -> None:
        """Continue with ``model`` of ``provider_id``; the open conversation moves there."""
        if not model:
            return
        self._set_route(provider_id, model)
        if self.conversation_id is not None:
            self.session.move_to(provider_id, model)
            self._warn_if_unavailable()
        else:
            self.new_chat_defaults.apply()
        self.modelChanged.emit(provider_id, model)

    def use_default_model(self) -> None:
        """Start from the default provider and model of Settings, if one is set."""
        settings = self._providers.settings
        if settings.default_model:
            self.choose_model(settings.default_provider or LOCAL_OLLAMA_ID, settings.default_model)

    def _set_route(self, provider_id: str, model: str) -> None:
        self.route_bar.set_route(provider_id, model)
        self.route_bar.show_note(self.session.earlier_model())
        self.empty_state.set_model(model, self.route_bar.cached_details())

    def _details_known(self, details: ModelDetails | None) -> None:
        self.route_bar.show_thinking_choices(details, self.session.parameters().think)
        self.empty_state.set_model(self.current_model(), details)
        self._update_meter()

    def _providers_changed(self) -> None:
        """Providers were rebuilt: forget what the old ones said; re-check the route."""
        self.route_bar.relearn()
        self.route_bar.show_note(self.session.earlier_model())
        if self.conversation_id is not None:
            self._warn_if_unavailable()

    def _warn_if_unavailable(self) -> bool:
        """Say so (keeping the history readable) when the provider cannot answer."""
        return self.notice.route(self.current_model(), self.route_bar.unavailable_reason)

    def _update_meter(self) -> None:
        details = self.route_bar.cached_details()
        self.meter.show_for(
            self.session.path,
            self.session.parameters(),
            details.context_length if details is not None else None,
            system_prompt=self.settings_panel.system_prompt.toPlainText(),
            draft=self.composer.toPlainText(),
            sent_with_requests=self.route_bar.sends_window(),
        )

    # -- conversations -------------------------------------------------------
    def new_conversation(self) -> None:
        self.runner.abandon()
        self.settings_panel.flush()
        self.drafts.keep()
        self.session.new(think=self.route_bar.think_default())
        self.settings_panel.load(self.session.pending, "")
        self.new_chat_defaults.new_chat()
        self.messages.clear()
        self.notice.clear()
        self.use_default_model()
        self.new_chat_defaults.apply()
        self._after_switch()
        self.composer.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id != self.conversation_id:
            self._load(conversation_id)

    def conversation_removed(self, conversation_id: int) -> None:
        if conversation_id == self.conversation_id:
            self.new_conversation()

    def show_message(self, conversation_id: int, message_id: int) -> None:
        """Open the conversation on the branch holding the message, scrolled to it."""
        self._chat.store.select_message(message_id)
        self._load(conversation_id)
        bubble = self.messages.reveal(message_id)
        if bubble is not None:
            bubble.setProperty("found", True)
            bubble.style().unpolish(bubble)
            bubble.style().polish(bubble)

    def _load(self, conversation_id: int) -> None:
        self.runner.abandon()
        self.settings_panel.flush()
        self.drafts.keep()
        conversation = self.session.open(conversation_id)
        self.notice.clear()
        self.settings_panel.load(conversation.parameters, conversation.system_prompt)
        self.messages.set_steps(self.versions.steps())
        if conversation.model:
            self._set_route(conversation.provider or LOCAL_OLLAMA_ID, conversation.model)
            self.modelChanged.emit(*self.route_bar.route)
        self.route_bar.show_thinking_choices(
            self.route_bar.cached_details(), conversation.parameters.think
        )
        self._warn_if_unavailable()
        self.meter.counting()
        self._after_switch(meter=False)  # counted once the messages are painted

    def _after_switch(self, *, meter: bool = True) -> None:
        """Another conversation (or a new chat) is shown: its title, draft and note."""
        self.drafts.show(self.conversation_id)
        self.export_button.setEnabled(self.conversation_id is not None)
        self._show_title()
        self.route_bar.show_note(self.session.earlier_model())
        self._show_body()
        if meter:
            self._update_meter()
        self.conversationShown.emit(self.conversation_id)

    def refresh_title(self) -> None:
        """The open conversation may have been renamed (in the sidebar)."""
        self._show_title()

    def _show_title(self) -> None:
        conversation_id = self.conversation_id
        store = self._chat.store
        self.header.set_title(
            store.get_conversation(conversation_id).title if conversation_id is not None else ""
        )

    def _show_body(self) -> None:
        empty = self.conversation_id is None and not self.session.path
        self.body.setCurrentWidget(self.empty_state if empty else self.messages)

    def _path_shown(self) -> None:
        self.route_bar.show_note(self.session.earlier_model())
        self._update_meter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed_up:
            self._warmed_up = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up)

    def _warm_up(self) -> None:
        """Message bubbles (markdown, the code highlighter's grammars: ~30 ms), the
        column's first fill and the Stop icon are not needed for the first paint, but the
        first Send must not wait for them either."""
        import desktop.ui.chat.messages.message_bubble  # noqa: F401

        warm_painting()
        self.card.warm_up()

    def hideEvent(self, event: QHideEvent) -> None:
        self.drafts.keep()  # the window closes, or another page shows
        super().hideEvent(event)

    def _composer_changed(self) -> None:
        self.drafts.changed()
        if not self.composer.document().isEmpty():  # a message is being written
            self.messages.prepare_bubbles()

    # -- sending -------------------------------------------------------------
    def send(self) -> None:
        text = self.composer.toPlainText().strip()
        if not (text or self.draft.images or self.draft.busy) or self.streaming:
            return
        model = self.current_model()
        if not model:
            self.notice.say(lambda: self.tr("Choose a model first: none is selected."))
            return
        if self._warn_if_unavailable() or not self._images_can_go():
            return
        if self.conversation_id is None:
            self.settings_panel.flush()
        new = self.conversation_id is None
        message = self.session.send(
            text,
            self.draft.take(),
            title=text.splitlines()[0][:TITLE_LENGTH] if text else self.tr("Image"),
            model=model,
            provider_id=self.current_provider(),
        )
        if new:
            self._show_body()
        mine = self.versions.make_bubble(
            PathStep(message, (message.id,)), ready=self.messages.take_prepared(Role.USER)
        )
        self.messages.append_bubble(mine)
        mine.show()  # built ahead hidden, or new
        self.composer.clear()
        self.drafts.sent(None if new else self.conversation_id)
        if new:
            self.drafts.show(self.conversation_id)
            self.export_button.setEnabled(True)
            self._show_title()
            self.conversationCreated.emit(self.conversation_id)
            self.conversationShown.emit(self.conversation_id)
        # The request leaves now, and the person's message shows at once; the answer's
        # bubble a frame later. Both bubbles in one turn held the window 45-60 ms on the
        # first message of a new chat, each alone about half that (bench/document_window).
        # A frame, not a zero-delay call: Qt runs those with the posted events, before
        # the message is painted.
        self._start_reply(model, show_after_ms=BUBBLE_AFTER_MS)
        QTimer.singleShot(0, self, self.conversationsChanged.emit)  # the sidebar: a turn later

    def stop(self) -> None:
        self.runner.stop()

    def _start_reply(
        self, model: str, parent_id: int | None = None, *, show_after_ms: int = 0
    ) -> None:
        conversation_id = self.conversation_id
        assert conversation_id is not None
        provider = self.route_bar.provider()
        if provider is None:
            self._warn_if_unavailable()
            return
        self.notice.clear()
        self.runner.start(
            conversation_id, model, self.options, provider, parent_id, show_after_ms=show_after_ms
        )

    def _ready(self) -> str:
        """The model to answer with, or "" when an answer cannot start now."""
        model = self.current_model()
        if self.streaming or not model or self.conversation_id is None:
            return ""
        return "" if self._warn_if_unavailable() else model

    def _images_can_go(self) -> bool:
        """Never send a picture to a model that cannot see it, nor half a draft."""
        if self.draft.busy:
            self.notice.say(lambda: self.tr("Wait a moment: the images are still being prepared."))
            return False
        return self.guard.can_send()

    def _after_answer(self) -> None:
        self.versions.refresh()
        self.conversationsChanged.emit()
