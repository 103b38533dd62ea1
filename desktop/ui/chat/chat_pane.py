"""The chat: model and thinking pickers, settings, context meter, the conversation,
the composer, Send and Stop; regenerate, edit, delete and flip between versions.

The model picker offers every enabled provider's models. A conversation remembers its
provider and model; choosing another one mid-conversation moves it there, and the next
answer comes from the new provider with the whole history converted for it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import (
    THINK_LEVELS,
    ChatParameters,
    context_window,
    default_think,
    thinks_in_levels,
)
from desktop.core.chat_service import ChatProvider, ChatService
from desktop.core.context_usage import context_usage
from desktop.core.conversation import PathStep, StoredMessage
from desktop.core.errors import ProviderError
from desktop.core.events import Done
from desktop.core.messages import ChatOptions, MessageState, Role
from desktop.core.model_records import ModelDetails
from desktop.ui.chat.attachments import AttachmentDraft, AttachmentStrip, DropTarget, ImageRow
from desktop.ui.chat.attachments_sight import ImageSight
from desktop.ui.chat.chat_settings_panel import ChatSettingsPanel
from desktop.ui.chat.composer import ComposerEdit
from desktop.ui.chat.context_meter import ContextMeter
from desktop.ui.chat.image_viewer import ImageViewer
from desktop.ui.chat.message_list import MessageList
from desktop.ui.chat.model_picker import ModelPicker
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:  # imported with the first message: an empty chat starts without it
    from desktop.ui.chat.message_bubble import MessageBubble

TITLE_LENGTH = 60
WARM_UP_DELAY_MS = 150
"""After the window first shows, long before anyone can have typed a message."""


def _import_bubbles() -> None:
    """Message bubbles (markdown, the code highlighter's grammars: ~30 ms) are not needed
    for the first paint, but the first Send must not wait for them either."""
    import desktop.ui.chat.message_bubble  # noqa: F401


class ChatPane(QWidget):
    conversationsChanged = Signal()
    modelChanged = Signal(str, str)
    """(provider id, model) the chat continues with."""

    def __init__(
        self,
        chat: ChatService,
        providers: ProviderRegistry,
        tasks: TaskOwner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._providers = providers
        self._tasks = tasks
        self._conversation_id: int | None = None
        self._bubble: MessageBubble | None = None
        self._route = ("", "")
        """(provider id, model) the next answer comes from."""
        self._route_notice = False
        """Whether the notice shows that the conversation's provider is unavailable."""
        self._path: list[StoredMessage] = []
        self._siblings: dict[int, tuple[int, ...]] = {}
        self._pending = ChatParameters()
        self._pending_prompt = ""
        self.options = ChatOptions()
        """Request options that override the conversation's settings where set."""
        self.bridge = StreamBridge(tasks, self)
        self._warmed_up = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self._build_top_bar())
        self.settings_panel = ChatSettingsPanel()
        self.settings_panel.parametersChanged.connect(self._parameters_changed)
        self.settings_panel.systemPromptChanged.connect(self._system_prompt_changed)
        self.settings_panel.hide()
        layout.addWidget(self.settings_panel)

        self.messages = MessageList(self._make_bubble)
        layout.addWidget(self.messages, 1)

        self.notice = QFrame()
        self.notice.setObjectName("notice")
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(12, 4, 12, 4)
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setAccessibleName(self.tr("Chat notice"))
        notice_layout.addWidget(self.notice_label, 1)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.draft = AttachmentDraft(tasks, lambda: providers.settings.image_max_edge, self)
        self.attachment_strip = AttachmentStrip(self.draft)
        self.attachment_strip.openRequested.connect(self._open_draft_image)
        self.attachment_strip.modelSuggested.connect(self.choose_model)
        layout.addWidget(self.attachment_strip)
        self.draft.changed.connect(self._judge_sight)
        self.modelChanged.connect(lambda *_: self._judge_sight())
        self._sight = ImageSight(chat, providers, lambda: self.picker.groups)
        self.viewer: ImageViewer | None = None
        self.attach_dialog: QFileDialog | None = None
        self._sight_task: asyncio.Task[None] | None = None
        DropTarget(self.messages.viewport(), self.draft)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 0, 12, 12)
        self.composer = ComposerEdit()
        self.composer.submitted.connect(self.send)
        self.composer.stopRequested.connect(self.stop)
        self.composer.textChanged.connect(self._update_meter)
        self.composer.textChanged.connect(self._composer_changed)
        self.composer.imagesOffered.connect(self.draft.add_mime)
        bottom.addWidget(self.composer, 1)
        buttons = QVBoxLayout()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setDefault(True)
        self.send_button.setAccessibleName(self.tr("Send the message"))
        self.send_button.clicked.connect(self.send)
        buttons.addWidget(self.send_button)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop the answer"))
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        buttons.addWidget(self.stop_button)
        self.attach_button = QPushButton(self.tr("Image…"))
        self.attach_button.setAccessibleName(self.tr("Attach images"))
        self.attach_button.setToolTip(
            self.tr("Attach images (or drop them on the chat, or paste them)")
        )
        self.attach_button.clicked.connect(self.choose_images)
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        bottom.addLayout(buttons)
        layout.addLayout(bottom)

        stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        stop_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop_shortcut.activated.connect(self.stop)

        self.bridge.textFlushed.connect(self._text_arrived)
        self.bridge.thinkingFlushed.connect(self._thinking_arrived)
        self.bridge.finished.connect(self._finished)
        self.bridge.failed.connect(self._failed)
        self.bridge.stopped.connect(self._stopped)
        self.export_dialog: QFileDialog | None = None
        self._update_meter()

    def _build_top_bar(self) -> QHBoxLayout:
        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 0)
        model_label = QLabel(self.tr("Model"))
        top.addWidget(model_label)
        self.picker = ModelPicker(self._providers, self._tasks)
        self.picker.setMinimumWidth(220)
        model_label.setBuddy(self.picker.button)
        self.picker.modelChosen.connect(self.choose_model)
        self.picker.loaded.connect(self._models_loaded)
        self._providers.changed.connect(self._providers_changed)
        top.addWidget(self.picker)
        self.route_label = QLabel()
        self.route_label.setObjectName("routeState")
        self.route_label.setAccessibleName(self.tr("Where the next answer comes from"))
        top.addWidget(self.route_label)
        self.think_combo = QComboBox()
        self.think_combo.setAccessibleName(self.tr("Thinking"))
        self.think_combo.setToolTip(self.tr("Whether, and how hard, the model thinks first"))
        self.think_combo.activated.connect(self._think_chosen)
        self.think_combo.hide()
        top.addWidget(self.think_combo)
        top.addStretch(1)
        self.meter = ContextMeter()
        top.addWidget(self.meter)
        self.settings_button = QToolButton()
        self.settings_button.setText(self.tr("Settings"))
        self.settings_button.setCheckable(True)
        self.settings_button.setAccessibleName(self.tr("Show this conversation's settings"))
        self.settings_button.toggled.connect(lambda shown: self.settings_panel.setVisible(shown))
        top.addWidget(self.settings_button)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export this conversation"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_markdown_action = QAction(self.tr("As Markdown…"), self)
        self.export_markdown_action.triggered.connect(lambda: self.choose_export("md"))
        self.export_json_action = QAction(self.tr("As JSON (can be imported)…"), self)
        self.export_json_action.triggered.connect(lambda: self.choose_export("json"))
        menu.addActions([self.export_markdown_action, self.export_json_action])
        self.export_button.setMenu(menu)
        self.export_button.setEnabled(False)
        top.addWidget(self.export_button)
        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setAccessibleName(self.tr("Start a new conversation"))
        self.new_button.clicked.connect(self.new_conversation)
        top.addWidget(self.new_button)
        return top

    # -- state ---------------------------------------------------------------
    @property
    def conversation_id(self) -> int | None:
        return self._conversation_id

    @property
    def streaming(self) -> bool:
        return self.bridge.running

    def current_model(self) -> str:
        return self._route[1]

    def current_provider(self) -> str:
        """Id of the provider the next answer comes from ("" before any choice)."""
        return self._route[0]

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
        if self._conversation_id is not None:
            self._chat.store.set_model(self._conversation_id, model, provider_id)
            self._warn_if_unavailable()
        self.modelChanged.emit(provider_id, model)

    def use_default_model(self) -> None:
        """Start from the default provider and model of Settings, if one is set."""
        settings = self._providers.settings
        if settings.default_model:
            self.choose_model(settings.default_provider or LOCAL_OLLAMA_ID, settings.default_model)

    def _set_route(self, provider_id: str, model: str) -> None:
        self._route = (provider_id, model)
        self.picker.set_current(provider_id, model)
        self._show_route()
        self._tasks.spawn(self._learn_model(provider_id, model), name="model-details")

    def _provider(self) -> ChatProvider | None:
        slot = self._providers.slot(self._route[0])
        return slot.chat if slot is not None else None

    def _models_loaded(self) -> None:
        """The first lists of models: with nothing chosen yet, take the default or the
        first model offered (local providers come first)."""
        if self._route[1]:
            return
        settings = self._providers.settings
        default = (settings.default_provider or LOCAL_OLLAMA_ID, settings.default_model)
        offered = [(g.provider_id, c.model) for g in self.picker.groups for c in g.models]
        if default in offered:
            self.choose_model(*default)
        elif offered:
            self.choose_model(*offered[0])

    def _providers_changed(self) -> None:
        """Providers were rebuilt: forget what the old ones said; re-check the route."""
        self._chat.forget_details()
        self._show_route()
        if self._route[1]:
            self._tasks.spawn(self._learn_model(*self._route), name="model-details")
        if self._conversation_id is not None:
            self._warn_if_unavailable()

    def _unavailable_reason(self) -> str:
        """Why the chosen provider cannot answer ("" if it can, or if it is too early to
        tell because the providers are still being built)."""
        provider_id = self._route[0]
        if not self._route[1] or not self._providers.built or self._providers.slot(provider_id):
            return ""
        settings = self._providers.settings
        if provider_id == LOCAL_OLLAMA_ID:
            return self.tr("the local Ollama is turned off in Settings")
        entry = next((e for e in settings.providers if e.id == provider_id), None)
        if entry is None:
            return self.tr("its provider is no longer set up in Settings")
        name = entry.name or provider_id
        if not entry.enabled:
            return self.tr("{name} is turned off in Settings").format(name=name)
        return self._providers.problem(provider_id) or self.tr("{name} is not available").format(
            name=name
        )

    def _show_route(self) -> None:
        """The header's note on the choice: local or cloud, switched, or unavailable."""
        provider_id, model = self._route
        reason = self._unavailable_reason()
        slot = self._providers.slot(provider_id)
        earlier = next(
            (m.model for m in reversed(self._path) if m.role is Role.ASSISTANT and m.model), ""
        )
        if not model:
            text, tip = "", ""
        elif reason:
            text, tip = self.tr("⚠ unavailable"), reason
        elif earlier and earlier != model:
            text = self.tr("switched from {model}").format(model=earlier)
            tip = self.tr(
                "Earlier answers came from {earlier}; the next one comes from {model}, "
                "with the history converted for it."
            ).format(earlier=earlier, model=model)
        elif slot is not None:
            text = self.tr("local") if slot.local else self.tr("cloud")
            tip = self.tr("Answers come from {name}").format(name=slot.name)
        else:
            text, tip = "", ""
        self.route_label.setText(text)
        self.route_label.setToolTip(tip)
        self.route_label.setVisible(bool(text))

    def _warn_if_unavailable(self) -> bool:
        """Say so (keeping the history readable) when the provider cannot answer."""
        reason = self._unavailable_reason()
        if reason:
            self._show_notice(
                self.tr(
                    "This conversation continues with {model}, but {reason}. Its history "
                    "stays here; choose another model above to continue."
                ).format(model=self._route[1], reason=reason)
            )
            self._route_notice = True
        elif self._route_notice:
            self._route_notice = False
            self.notice.hide()
        return bool(reason)

    async def _learn_model(self, provider_id: str, model: str) -> None:
        slot = self._providers.slot(provider_id)
        details = await self._chat.model_details(model, slot.chat) if slot else None
        if (provider_id, model) == self._route:
            self._show_thinking_choices(details)
            self._update_meter()

    def _parameters(self) -> ChatParameters:
        if self._conversation_id is None:
            return self._pending
        return self._chat.store.get_conversation(self._conversation_id).parameters

    def _show_thinking_choices(self, details: ModelDetails | None) -> None:
        combo = self.think_combo
        combo.clear()
        if details is None or not details.can_think:
            combo.hide()
            return
        leveled = thinks_in_levels(details.name, details.family)
        if leveled:
            names = {"low": self.tr("Think: low"), "medium": self.tr("Think: medium")}
            names["high"] = self.tr("Think: high")
            for level in THINK_LEVELS:
                combo.addItem(names[level], level)
        else:
            combo.addItem(self.tr("Thinking on"), True)
        combo.addItem(self.tr("Thinking off"), False)
        chosen = self._parameters().think
        index = combo.findData(default_think(leveled) if chosen is None else chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.show()

    def _think_chosen(self, index: int) -> None:
        self.settings_panel.set_think(self.think_combo.itemData(index))

    # -- settings ------------------------------------------------------------
    def _parameters_changed(self, parameters: ChatParameters) -> None:
        if self._conversation_id is None:
            self._pending = parameters
        else:
            self._chat.store.set_parameters(self._conversation_id, parameters)
        self._update_meter()

    def _system_prompt_changed(self, prompt: str) -> None:
        if self._conversation_id is None:
            self._pending_prompt = prompt
        else:
            self._chat.store.set_system_prompt(self._conversation_id, prompt)
        self._update_meter()

    def _update_meter(self) -> None:
        provider = self._provider()
        details = self._chat.cached_details(self.current_model(), provider) if provider else None
        window = context_window(
            self._parameters(), details.context_length if details is not None else None
        )
        prompt = self.settings_panel.system_prompt.toPlainText()
        self.meter.set_usage(
            context_usage(
                self._path, window, system_prompt=prompt, draft=self.composer.toPlainText()
            )
        )

    # -- conversations -------------------------------------------------------
    def _abandon_stream(self) -> None:
        """Stop a running answer (it is saved as stopped) before showing another chat."""
        if self.streaming:
            self.bridge.stop()
        self._bubble = None

    def new_conversation(self) -> None:
        self._abandon_stream()
        self.settings_panel.flush()
        self._conversation_id = None
        self._path = []
        self._siblings = {}
        self._pending = ChatParameters(think=self._parameters_think_default())
        self._pending_prompt = ""
        self.settings_panel.load(self._pending, "")
        self.messages.clear()
        self.notice.hide()
        self._route_notice = False
        self.export_button.setEnabled(False)
        self.use_default_model()
        self._show_route()
        self._update_meter()
        self.composer.setFocus()

    def _parameters_think_default(self) -> bool | str | None:
        return self.think_combo.currentData() if self.think_combo.isVisible() else None

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id != self._conversation_id:
            self._load(conversation_id)

    def conversation_removed(self, conversation_id: int) -> None:
        if conversation_id == self._conversation_id:
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
        self._abandon_stream()
        self.settings_panel.flush()
        store = self._chat.store
        conversation = store.get_conversation(conversation_id)
        self._conversation_id = conversation_id
        self.notice.hide()
        self._route_notice = False
        self.settings_panel.load(conversation.parameters, conversation.system_prompt)
        self._show_steps(store.active_path(conversation_id))
        self.export_button.setEnabled(True)
        if conversation.model:
            self._set_route(conversation.provider or LOCAL_OLLAMA_ID, conversation.model)
            self.modelChanged.emit(*self._route)
        provider = self._provider()
        details = self._chat.cached_details(self.current_model(), provider) if provider else None
        self._show_thinking_choices(details)
        self._warn_if_unavailable()
        QTimer.singleShot(0, self._update_meter)

    def _show_steps(self, steps: list[PathStep]) -> None:
        self._path = [step.message for step in steps]
        self._siblings = {step.message.id: step.sibling_ids for step in steps}
        self.messages.set_steps(steps)
        self._show_route()

    def _reload(self, reveal: int | None = None) -> None:
        if self._conversation_id is None:
            return
        self._show_steps(self._chat.store.active_path(self._conversation_id))
        if reveal is not None:
            self.messages.reveal(reveal)
        self._update_meter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed_up:
            self._warmed_up = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self, _import_bubbles)

    def _make_bubble(self, step: PathStep) -> MessageBubble:
        from desktop.ui.chat.message_bubble import MessageBubble

        message = step.message
        bubble = MessageBubble(message.role, self._title_for(message.role, message.model))
        bubble.set_message_id(message.id)
        bubble.set_content(message.content, message.thinking)
        bubble.set_footer(message.state, message.stats, message.error)
        bubble.set_siblings(step.index, len(step.sibling_ids))
        if message.images:
            row = ImageRow(message.images, self._chat.store.thumbnails(message.images))
            row.openRequested.connect(self._open_stored_image)
            bubble.set_attachments(row)
        self._wire(bubble)
        return bubble

    def _wire(self, bubble: MessageBubble) -> None:
        bubble.regenerateRequested.connect(self.regenerate)
        bubble.retryRequested.connect(self.retry_message)
        bubble.editSubmitted.connect(self.resend_edited)
        bubble.deleteRequested.connect(self.delete_message)
        bubble.siblingRequested.connect(self.flip)

    def _composer_changed(self) -> None:
        if not self.composer.document().isEmpty():  # a message is being written
            self.messages.prepare_answer()

    def _title_for(self, role: Role, model: str) -> str:
        return self.tr("You") if role is Role.USER else (model or self.tr("Assistant"))

    # -- sending -------------------------------------------------------------
    def send(self) -> None:
        text = self.composer.toPlainText().strip()
        if not (text or self.draft.images or self.draft.busy) or self.streaming:
            return
        model = self.current_model()
        if not model:
            self._show_notice(self.tr("Choose a model first: none is selected."))
            return
        if self._warn_if_unavailable() or not self._images_can_go(model):
            return
        store = self._chat.store
        if self._conversation_id is None:
            self.settings_panel.flush()
            title = text.splitlines()[0][:TITLE_LENGTH] if text else self.tr("Image")
            conversation = store.create_conversation(
                title, model, self._route[0], system_prompt=self._pending_prompt
            )
            store.set_parameters(conversation.id, self._pending)
            self._conversation_id = conversation.id
            self.export_button.setEnabled(True)
        message = self._chat.add_user_message(self._conversation_id, text, images=self.draft.take())
        self._append(message)
        self.composer.clear()
        self._start_reply(model)
        # On the next turn: the click's turn stays short, and the answer starts at once.
        QTimer.singleShot(0, self, self.conversationsChanged.emit)

    def _append(self, message: StoredMessage) -> None:
        siblings = (message.id,)
        self._path.append(message)
        self._siblings[message.id] = siblings
        self.messages.append_bubble(self._make_bubble(PathStep(message, siblings)))

    def retry(self) -> None:
        """Answer the last message again (e.g. after a failure)."""
        model = self.current_model()
        if self._conversation_id is not None and model and not self.streaming:
            self._start_reply(model)

    def stop(self) -> None:
        self.bridge.stop()

    def _start_reply(self, model: str, parent_id: int | None = None) -> None:
        assert self._conversation_id is not None
        provider = self._provider()
        if provider is None:
            self._warn_if_unavailable()
            return
        self.notice.hide()
        self._route_notice = False
        bubble = self.messages.add(Role.ASSISTANT, model)
        bubble.set_streaming(True)
        self._wire(bubble)
        self._bubble = bubble
        self.bridge.start(
            self._chat.stream_reply(
                self._conversation_id,
                model,
                self.options,
                provider=provider,
                parent_id=parent_id,
                on_created=lambda message: bubble.set_message_id(message.id),
            )
        )
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    # -- versions ------------------------------------------------------------
    def _truncate_to(self, message_id: int | None) -> None:
        """Show the path only up to ``message_id`` (None: nothing), ready for a new branch."""
        assert self._conversation_id is not None
        store = self._chat.store
        if message_id is not None:
            store.select_message(message_id)
        steps = store.active_path(self._conversation_id)
        ids = [step.message.id for step in steps]
        keep = ids.index(message_id) + 1 if message_id is not None else 0
        self._show_steps(steps[:keep])

    def regenerate(self, message_id: int) -> None:
        """A new answer next to this one; the old one stays reachable with ‹ ›."""
        model = self.current_model()
        if self.streaming or not model or self._conversation_id is None:
            return
        parent = self._chat.store.get_message(message_id).parent_id
        if parent is None or self._warn_if_unavailable():
            return
        self._truncate_to(parent)
        self._start_reply(model, parent_id=parent)

    def retry_message(self, message_id: int) -> None:
        """Ask again after a failure; an empty failed answer is not kept."""
        if self.streaming or self._conversation_id is None or self._warn_if_unavailable():
            return
        failed = self._chat.store.get_message(message_id)
        if not failed.content and not failed.thinking:
            self._chat.store.delete_message(message_id)
        model = self.current_model()
        if failed.parent_id is not None and model:
            self._truncate_to(failed.parent_id)
            self._start_reply(model, parent_id=failed.parent_id)

    def resend_edited(self, message_id: int, text: str) -> None:
        """A new version of the person's message, answered; the old branch stays."""
        model = self.current_model()
        if self.streaming or not model or self._conversation_id is None:
            return
        if self._warn_if_unavailable():
            return
        edited = self._chat.store.get_message(message_id)
        images = [image for d in edited.images if (image := self._chat.store.image(d))]
        if images and self._sight.sees_now(*self._route) is False:
            self._judge_sight(images_kept=True)  # the edit stays open, with its text
            bubble = self.messages.bubble_for(message_id)
            if bubble is not None:
                bubble.start_editing()
                bubble.editor.setPlainText(text)
            return
        parent = edited.parent_id
        self._truncate_to(parent)
        self._chat.add_user_message(self._conversation_id, text, parent_id=parent, images=images)
        self._reload()
        self._start_reply(model)

    def delete_message(self, message_id: int) -> None:
        if self.streaming:
            return
        self._chat.store.delete_message(message_id)
        self._reload()
        self.conversationsChanged.emit()

    def flip(self, message_id: int, step: int) -> None:
        """Show the previous or next version of a message (and what followed it)."""
        siblings = self._siblings.get(message_id, ())
        if self.streaming or message_id not in siblings:
            return
        index = siblings.index(message_id) + step
        if 0 <= index < len(siblings):
            self._chat.store.select_message(siblings[index])
            self._reload(reveal=siblings[index])

    # -- images --------------------------------------------------------------
    def choose_images(self) -> None:
        """The file picker (not modal); chosen files are prepared for the draft."""
        dialog = QFileDialog(self, self.tr("Attach images"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)"),
                self.tr("All files (*)"),
            ]
        )
        dialog.filesSelected.connect(self.draft.add_paths)
        self.attach_dialog = dialog
        dialog.open()

    def _images_can_go(self, model: str) -> bool:
        """Never send a picture to a model that cannot see it, nor half a draft."""
        if self.draft.busy:
            self._show_notice(self.tr("Wait a moment: the images are still being prepared."))
            return False
        if self.draft.images and self._sight.sees_now(self._route[0], model) is False:
            self._judge_sight()
            return False
        return True

    def _judge_sight(self, *, images_kept: bool = False) -> None:
        """Warn in the draft when the chosen model cannot see the attached images."""
        attached = images_kept or bool(self.draft.images or self.draft.busy)
        if self._sight_task is not None:
            self._sight_task.cancel()
        self._sight_task = self._tasks.spawn(
            self._warn_blind(self._route, attached), name="image-sight"
        )

    async def _warn_blind(self, route: tuple[str, str], attached: bool) -> None:
        seeing = await self._sight.sees(*route) if attached and route[1] else True
        if seeing is not False:
            if route == self._route:
                self.attachment_strip.set_warning("")
            return
        choices = await self._sight.seeing_models()
        if route != self._route:
            return
        if choices:
            text = self.tr(
                "{model} cannot see images, so Send waits: remove the images, or switch to "
                "a model that can:"
            ).format(model=route[1])
        else:
            text = self.tr(
                "{model} cannot see images, and none of your models can. Pull one that can "
                "(such as llava or qwen2.5vl) in the Models tab, or remove the images."
            ).format(model=route[1])
        self.attachment_strip.set_warning(text, choices)

    def _open_draft_image(self, digest: str) -> None:
        image = next((i for i in self.draft.images if i.digest == digest), None)
        if image is not None:
            self.show_image(image)

    def _open_stored_image(self, digest: str) -> None:
        image = self._chat.store.image(digest)
        if image is not None:
            self.show_image(image)

    def show_image(self, image: ImageAttachment) -> None:
        if self.viewer is None:
            self.viewer = ImageViewer(self)
        self.viewer.show_image(image)

    def _attached(self, messages: list[StoredMessage]) -> list[ImageAttachment]:
        """The images these messages attach, each once."""
        digests = dict.fromkeys(d for message in messages for d in message.images)
        return [image for d in digests if (image := self._chat.store.image(d)) is not None]

    # -- export --------------------------------------------------------------
    def choose_export(self, kind: str) -> None:
        if self._conversation_id is None:
            return
        conversation = self._chat.store.get_conversation(self._conversation_id)
        dialog = QFileDialog(self, self.tr("Export the conversation"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setNameFilter(
            self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)")
        )
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in conversation.title)
        dialog.selectFile(f"{safe.strip() or 'conversation'}.{kind}")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), kind))
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: Path, kind: str) -> bool:
        """Write the open conversation as Markdown (``md``) or JSON (``json``)."""
        if self._conversation_id is None:
            return False
        from desktop.core.conversation_export import (  # only needed here; slow to import
            exported,
            to_json,
            to_markdown,
            write_image_files,
        )

        store = self._chat.store
        conversation = store.get_conversation(self._conversation_id)
        path_messages = [step.message for step in store.active_path(self._conversation_id)]
        try:
            if kind == "md":
                links = write_image_files(path, self._attached(path_messages))
                text = to_markdown(conversation, path_messages, links)
            else:
                everything = store.messages(self._conversation_id)
                path_ids = [m.id for m in path_messages]
                images = self._attached(everything)
                text = to_json(exported(conversation, everything, path_ids, images))
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            self._show_notice(
                self.tr("Could not export to {path}: {error}").format(path=path, error=error)
            )
            return False
        return True

    # -- stream events -------------------------------------------------------
    def _text_arrived(self, chunk: str) -> None:
        if self._bubble is not None:
            self.messages.append_to(self._bubble, chunk)

    def _thinking_arrived(self, chunk: str) -> None:
        if self._bubble is not None:
            self._bubble.append_thinking(chunk)

    def _finished(self, done: Done) -> None:
        self._end(MessageState.COMPLETE, done=done)

    def _stopped(self) -> None:
        self._end(MessageState.STOPPED)

    def _failed(self, error: ProviderError) -> None:
        self._end(MessageState.FAILED, error=error)

    def _end(
        self, state: MessageState, *, done: Done | None = None, error: ProviderError | None = None
    ) -> None:
        bubble, self._bubble = self._bubble, None
        if bubble is not None:
            self.messages.finish(bubble)
            bubble.set_footer(state, done.stats if done else None, error.message if error else "")
            bubble.set_streaming(False)
        self.send_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        # On the next turn: a posted call, so the list, the meter and the version labels
        # are fresh before anything else that is due runs.
        QTimer.singleShot(0, self, self._after_answer)

    def _after_answer(self) -> None:
        self._refresh_versions()
        self.conversationsChanged.emit()

    def _refresh_versions(self) -> None:
        """After an answer: the path (for the meter) and the ‹ n/m › of every bubble."""
        if self._conversation_id is None:
            return
        steps = self._chat.store.active_path(self._conversation_id)
        self._path = [step.message for step in steps]
        self._siblings = {step.message.id: step.sibling_ids for step in steps}
        for bubble in self.messages.bubbles():
            siblings = self._siblings.get(bubble.message_id or -1)
            if siblings is not None and bubble.message_id is not None:
                bubble.set_siblings(siblings.index(bubble.message_id), len(siblings))
        self._show_route()
        self._update_meter()

    def _show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice.show()
