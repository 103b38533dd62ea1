"""The chat: model picker, the conversation, the composer, Send and Stop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat_service import ChatService
from desktop.core.conversation import StoredMessage
from desktop.core.errors import ProviderError
from desktop.core.events import Done
from desktop.core.messages import ChatOptions, MessageState, Role
from desktop.ui.composer import ComposerEdit
from desktop.ui.message_bubble import MessageBubble
from desktop.ui.message_list import MessageList
from desktop.ui.model_list_model import ModelListModel
from desktop.ui.stream_bridge import StreamBridge
from desktop.ui.tasks import TaskOwner

TITLE_LENGTH = 60


class ChatPane(QWidget):
    conversationsChanged = Signal()
    modelChanged = Signal(str)

    def __init__(
        self,
        chat: ChatService,
        models: ModelListModel,
        tasks: TaskOwner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._models = models
        self._conversation_id: int | None = None
        self._bubble: MessageBubble | None = None
        self._wanted_model = ""
        self.options = ChatOptions()
        self.bridge = StreamBridge(tasks, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 0)
        model_label = QLabel(self.tr("Model"))
        top.addWidget(model_label)
        self.model_combo = QComboBox()
        self.model_combo.setModel(models)
        self.model_combo.setModelColumn(ModelListModel.NAME)
        self.model_combo.setMinimumWidth(220)
        self.model_combo.setAccessibleName(self.tr("Model to chat with"))
        self.model_combo.setPlaceholderText(self.tr("No model installed"))
        model_label.setBuddy(self.model_combo)
        self.model_combo.currentTextChanged.connect(self._combo_changed)
        models.modelReset.connect(self._models_reset)
        top.addWidget(self.model_combo)
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setAccessibleName(self.tr("Start a new conversation"))
        self.new_button.clicked.connect(self.new_conversation)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.messages = MessageList()
        layout.addWidget(self.messages, 1)

        self.notice = QFrame()
        self.notice.setObjectName("notice")
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(12, 4, 12, 4)
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setAccessibleName(self.tr("Chat notice"))
        notice_layout.addWidget(self.notice_label, 1)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setAccessibleName(self.tr("Ask the model again"))
        self.retry_button.clicked.connect(self.retry)
        notice_layout.addWidget(self.retry_button)
        self.notice.hide()
        layout.addWidget(self.notice)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 0, 12, 12)
        self.composer = ComposerEdit()
        self.composer.submitted.connect(self.send)
        self.composer.stopRequested.connect(self.stop)
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

    # -- state ---------------------------------------------------------------
    @property
    def conversation_id(self) -> int | None:
        return self._conversation_id

    @property
    def streaming(self) -> bool:
        return self.bridge.running

    def current_model(self) -> str:
        return self.model_combo.currentText()

    def set_model(self, name: str) -> None:
        self._wanted_model = name
        index = self.model_combo.findText(name)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)

    def _combo_changed(self, name: str) -> None:
        if name:
            self._wanted_model = name
            self.modelChanged.emit(name)

    def _models_reset(self) -> None:
        index = self.model_combo.findText(self._wanted_model)
        self.model_combo.setCurrentIndex(
            index if index >= 0 else (0 if self._models.rowCount() else -1)
        )

    # -- conversations -------------------------------------------------------
    def _abandon_stream(self) -> None:
        """Stop a running answer (it is saved as stopped) before showing another chat."""
        if self.streaming:
            self.bridge.stop()
        self._bubble = None

    def new_conversation(self) -> None:
        self._abandon_stream()
        self._conversation_id = None
        self.messages.clear()
        self.notice.hide()
        self.composer.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id == self._conversation_id:
            return
        self._abandon_stream()
        store = self._chat.store
        conversation = store.get_conversation(conversation_id)
        self._conversation_id = conversation_id
        self.messages.clear()
        self.notice.hide()
        for message in store.messages(conversation_id):
            self._show_stored(message)
        if conversation.model:
            self.set_model(conversation.model)

    def _show_stored(self, message: StoredMessage) -> None:
        bubble = self.messages.add(message.role, self._title_for(message.role, message.model))
        bubble.set_content(message.content, message.thinking)
        bubble.set_footer(message.state, message.stats, message.error)

    def _title_for(self, role: Role, model: str) -> str:
        return self.tr("You") if role is Role.USER else (model or self.tr("Assistant"))

    # -- sending -------------------------------------------------------------
    def send(self) -> None:
        text = self.composer.toPlainText().strip()
        if not text or self.streaming:
            return
        model = self.current_model()
        if not model:
            self._show_notice(self.tr("Choose a model first: none is selected."), retry=False)
            return
        store = self._chat.store
        if self._conversation_id is None:
            title = text.splitlines()[0][:TITLE_LENGTH]
            self._conversation_id = store.create_conversation(title, model).id
        message = self._chat.add_user_message(self._conversation_id, text)
        self._show_stored(message)
        self.composer.clear()
        self._start_reply(model)
        self.conversationsChanged.emit()

    def retry(self) -> None:
        model = self.current_model()
        if self._conversation_id is not None and model and not self.streaming:
            self._start_reply(model)

    def stop(self) -> None:
        self.bridge.stop()

    def _start_reply(self, model: str) -> None:
        assert self._conversation_id is not None
        self.notice.hide()
        self._bubble = self.messages.add(Role.ASSISTANT, model)
        self.bridge.start(self._chat.stream_reply(self._conversation_id, model, self.options))
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    # -- stream events -------------------------------------------------------
    def _text_arrived(self, chunk: str) -> None:
        if self._bubble is not None:
            self._bubble.append_text(chunk)

    def _thinking_arrived(self, chunk: str) -> None:
        if self._bubble is not None:
            self._bubble.append_thinking(chunk)

    def _finished(self, done: Done) -> None:
        self._end(MessageState.COMPLETE, done=done)

    def _stopped(self) -> None:
        self._end(MessageState.STOPPED)

    def _failed(self, error: ProviderError) -> None:
        self._end(MessageState.FAILED, error=error)
        self._show_notice(error.message, retry=True)

    def _end(
        self, state: MessageState, *, done: Done | None = None, error: ProviderError | None = None
    ) -> None:
        bubble, self._bubble = self._bubble, None
        if bubble is not None:
            bubble.render_final()
            bubble.set_footer(state, done.stats if done else None, error.message if error else "")
        self.send_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.conversationsChanged.emit()

    def _show_notice(self, text: str, *, retry: bool) -> None:
        self.notice_label.setText(text)
        self.retry_button.setVisible(retry)
        self.notice.show()
