"""One message in the chat, the person's and the model's clearly apart.

The person's words sit in a tinted card on the right, as wide as they need up to 80 % of
the column; an answer has no card: the model's name, an optional thinking block (a quiet
disclosure), the answer across the column, then a muted line of statistics. An answer
streams into a MarkdownView that redraws only its last block; the person's messages stay
plain text. Under each message, Copy, Regenerate (answers) or Edit (the person's), and
Delete appear while the pointer is over it or keyboard focus is in it (message_actions);
‹ n/m › flips between alternatives and edited versions. A failed answer shows its error
and a Retry button right where it happened.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QEnterEvent, QGuiApplication, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.core.plain_text import plain_text
from desktop.core.text import Text
from desktop.ui.chat.messages.message_actions import MessageActions, MessageFooter
from desktop.ui.chat.messages.message_editor import MessageEditor
from desktop.ui.chat.messages.problem_notice import ProblemNotice
from desktop.ui.chat.messages.tool_steps_view import ToolStepsView
from desktop.ui.icons import icon
from desktop.ui.render.auto_height_browser import AutoHeightBrowser
from desktop.ui.render.grow_in_place import paint_growth_only, repaint_moved_edge
from desktop.ui.render.markdown_view import MarkdownView
from desktop.ui.render.message_body import PlainTextBody
from desktop.ui.strings import translated

EDGE_PX = 12
"""How deep a border and rounded corners (a search hit's) reach into a message."""
USER_SHARE = 0.8
"""The person's card is at most this share of the column wide."""


def describe_stats(stats: ChatStats) -> str:
    parts: list[str] = []
    about = "~" if stats.estimated else ""  # counted here: the server sent no usage
    if stats.completion_tokens is not None:
        count = stats.completion_tokens
        tokens = (
            QCoreApplication.translate("MessageBubble", "1 token")
            if count == 1
            else QCoreApplication.translate("MessageBubble", "{n} tokens").format(n=count)
        )
        parts.append(about + tokens)
    if stats.tokens_per_second is not None:
        parts.append(
            about
            + QCoreApplication.translate("MessageBubble", "{rate:.1f} tok/s").format(
                rate=stats.tokens_per_second
            )
        )
    if stats.first_token_seconds is not None:
        ms = stats.first_token_seconds * 1000
        parts.append(
            QCoreApplication.translate("MessageBubble", "first token {ms:.0f} ms").format(ms=ms)
        )
    if stats.load_seconds:
        parts.append(
            QCoreApplication.translate("MessageBubble", "load {s:.2f} s").format(
                s=stats.load_seconds
            )
        )
    return " · ".join(parts)


class MessageBubble(QFrame):
    """Shows one message; a streaming answer's body is fed by the answer renderer."""

    regenerateRequested = Signal(int)
    editSubmitted = Signal(int, str)
    deleteRequested = Signal(int)
    siblingRequested = Signal(int, int)  # message id, step (-1 previous, +1 next)
    retryRequested = Signal(int)

    def __init__(self, role: Role, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.message_id: int | None = None
        self._thinking: list[str] = []
        self._footer_shown: tuple[MessageState, ChatStats | None, str | Text] | None = None
        self._streaming = False
        self._hovered = False
        self._focus_within = False
        self.setObjectName("userBubble" if role is Role.USER else "assistantBubble")
        self.setAccessibleName(title)
        paint_growth_only(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        self._layout = layout
        self._header = QLabel(title)
        self._header.setObjectName("bubbleHeader")
        self._header.setIndent(0)  # in line with the answer's text
        self._header.setVisible(role is not Role.USER)  # the card on the right says who
        layout.addWidget(self._header)

        self._toggle: QToolButton | None = None  # built with the first thought
        self._thinking_view: AutoHeightBrowser | None = None  # built with the first thought
        self._tool_steps: ToolStepsView | None = None  # built with the first tool call

        self.body: MarkdownView | PlainTextBody  # both are a MessageBody
        self.card: QFrame | None = None  # the person's words, on the right
        if role is Role.USER:
            self.body = PlainTextBody()
            self.body.setAccessibleName(self.tr("Message text"))
            self.card = QFrame(self)
            self.card.setObjectName("userCard")
            card_layout = QVBoxLayout(self.card)
            card_layout.setContentsMargins(12, 8, 12, 8)
            card_layout.addWidget(self.body)
            layout.addWidget(self.card, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self.body = MarkdownView(self)  # straight in the message: one level less
            layout.addWidget(self.body)
        self.editor_box: MessageEditor | None = None  # built the first time it is edited
        self.attachments: QWidget | None = None
        self._notice: ProblemNotice | None = None  # built when an answer fails
        self.footer = MessageFooter(role, self, self.body, self._flip, self._wire_actions)
        self._footer = self.footer.label
        layout.addLayout(self.footer)

    def retranslate(self) -> None:
        """Every text in the language now in use (the footer from what it shows)."""
        if self._toggle is not None:
            self._toggle.setText(self.tr("Thinking"))
            self._toggle.setAccessibleName(self.tr("Show or hide the model's thinking"))
        if self.role is Role.USER:
            you = QCoreApplication.translate("ChatPane", "You")  # as version_actions names it
            self.setAccessibleName(you)
            self._header.setText(you)
            self.body.setAccessibleName(self.tr("Message text"))
        if self._footer_shown is not None:
            self.set_footer(*self._footer_shown)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _wire_actions(self, actions: MessageActions) -> None:
        """The actions were built (MessageFooter): what their clicks do."""
        actions.copy_button.clicked.connect(self.copy)
        actions.copy_markdown.triggered.connect(self.copy)
        actions.copy_plain.triggered.connect(self.copy_plain_text)
        actions.delete_button.clicked.connect(lambda: self._emit_id(self.deleteRequested))
        if self.role is Role.USER:
            actions.own_button.clicked.connect(self.start_editing)
        else:
            actions.own_button.clicked.connect(lambda: self._emit_id(self.regenerateRequested))

    # The footer's parts, built on first use (MessageFooter).
    message_actions = property(lambda self: self.footer.actions)
    copy_button = property(lambda self: self.footer.actions.copy_button)
    delete_button = property(lambda self: self.footer.actions.delete_button)
    edit_button = property(lambda self: self.footer.actions.own_button)  # the person's
    regenerate_button = property(lambda self: self.footer.actions.own_button)  # answers
    versions = property(lambda self: self.footer.versions)
    previous_button = property(lambda self: self.footer.versions.previous_button)
    next_button = property(lambda self: self.footer.versions.next_button)
    sibling_label = property(lambda self: self.footer.versions.label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.card is not None and event.size().width() != event.oldSize().width():
            self.card.setMaximumWidth(int(event.size().width() * USER_SHARE))
        repaint_moved_edge(self, event, EDGE_PX)

    def set_title(self, title: str) -> None:
        self._header.setText(title)
        self.setAccessibleName(title)

    # -- actions on hover and focus -------------------------------------------
    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self._hovered = True
        self._update_actions()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._hovered = False
        self._update_actions()

    def set_focus_within(self, within: bool) -> None:
        """Keyboard focus entered or left this message (the message list tells)."""
        self._focus_within = within
        self._update_actions()

    def actions_shown(self) -> bool:
        return self.footer.actions_built and self.footer.actions.isVisible()

    def _build_editor(self) -> MessageEditor:
        editor_box = MessageEditor()
        self.editor = editor_box.editor
        self.cancel_edit_button = editor_box.cancel_button
        self.send_edit_button = editor_box.send_button
        editor_box.cancelled.connect(self.stop_editing)
        editor_box.submitted.connect(self._submit_edit)
        shown = self.card if self.card is not None else self.body
        self._layout.insertWidget(self._layout.indexOf(shown) + 1, editor_box)
        return editor_box

    # -- identity and versions -------------------------------------------------
    def set_message_id(self, message_id: int) -> None:
        self.message_id = message_id
        self._update_actions()

    def set_siblings(self, index: int, count: int) -> None:
        """This message is version ``index`` (0-based) of ``count``."""
        self.footer.set_position(index, count)

    def sibling_text(self) -> str:
        return self.footer.versions_text()

    def set_streaming(self, streaming: bool) -> None:
        self._streaming = streaming
        self._update_actions()

    def _update_actions(self) -> None:
        """Usable once saved and complete; shown while pointed at or focused."""
        ready = self.message_id is not None and not self._streaming
        editing = self.editor_box is not None and not self.editor_box.isHidden()
        wanted = ready and not editing and (self._hovered or self._focus_within)
        if not wanted and not self.footer.actions_built:
            return  # built when first shown (or asked for)
        actions = self.footer.actions
        actions.set_enabled(ready)
        if wanted != actions.isVisible():
            actions.setVisible(wanted)

    def _emit_id(self, signal: SignalInstance) -> None:
        if self.message_id is not None:
            signal.emit(self.message_id)

    def _flip(self, step: int) -> None:
        if self.message_id is not None:
            self.siblingRequested.emit(self.message_id, step)

    # -- content -------------------------------------------------------------
    def text(self) -> str:
        """Exactly the text received so far (not the rendered document)."""
        return self.body.text()

    def thinking(self) -> str:
        return "".join(self._thinking)

    def rendered_text(self) -> str:
        return self.body.plain_text()

    @property
    def _thinking_toggle(self) -> QToolButton:
        """Folds the thinking away and back, above it (built with the first thought: most
        messages have none, and a long conversation opens faster without it)."""
        if self._toggle is None:
            toggle = QToolButton()
            toggle.setObjectName("thinkingToggle")
            toggle.setCheckable(True)
            toggle.setChecked(True)
            toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            toggle.setIcon(icon("chevron-down", "muted", "muted"))
            toggle.toggled.connect(self._show_thinking)
            toggle.setText(self.tr("Thinking"))
            toggle.setAccessibleName(self.tr("Show or hide the model's thinking"))
            toggle.hide()
            self._toggle = toggle
            index = self._layout.indexOf(self._header) + 1
            self._layout.insertWidget(index, toggle, 0, Qt.AlignmentFlag.AlignLeft)
        return self._toggle

    @property
    def thinking_view(self) -> AutoHeightBrowser:
        """The model's thinking, below its toggle (built the first time it is needed)."""
        if self._thinking_view is None:
            view = AutoHeightBrowser()
            view.setObjectName("thinkingView")
            view.setAccessibleName(self.tr("Model thinking"))
            view.hide()
            self._layout.insertWidget(self._layout.indexOf(self._thinking_toggle) + 1, view)
            self._thinking_view = view
        return self._thinking_view

    @property
    def tool_steps(self) -> ToolStepsView:
        """The answer's tool calls: each round inside the text where the model made it,
        the servers reached below it (built with the first call)."""
        if self._tool_steps is None:
            body = self.body
            assert isinstance(body, MarkdownView)  # an answer's
            self._tool_steps = ToolStepsView(body.insert_break, self)
            self._layout.insertWidget(self._layout.indexOf(self.body) + 1, self._tool_steps)
        return self._tool_steps

    def has_tool_steps(self) -> bool:
        return self._tool_steps is not None

    def add_below_answer(self, widget: QWidget) -> None:
        """Show ``widget`` (e.g. the answer's sources) under the text and tool steps."""
        above = self._tool_steps if self._tool_steps is not None else self.body
        self._layout.insertWidget(self._layout.indexOf(above) + 1, widget)

    def set_content(
        self, text: str, thinking: str = "", breaks: Sequence[tuple[int, QWidget]] = ()
    ) -> None:
        """Show a saved message (``breaks``: its tool rounds' boxes, from
        ToolStepsView.show_rounds, at their offsets in ``text``)."""
        self._thinking = [thinking] if thinking else []
        if thinking:
            self.thinking_view.setPlainText(thinking)
            self._thinking_toggle.show()
            self._thinking_toggle.setChecked(False)
        if breaks:
            assert isinstance(self.body, MarkdownView)  # only answers call tools
            self.body.set_text(text, breaks)
        else:
            self.body.set_text(text)

    def set_attachments(self, widget: QWidget) -> None:
        """Show ``widget`` (the attached images) above the message text (on the right,
        with the person's words)."""
        shown = self.card if self.card is not None else self.body
        align = Qt.AlignmentFlag.AlignRight if self.card is not None else Qt.AlignmentFlag(0)
        self._layout.insertWidget(self._layout.indexOf(shown), widget, 0, align)
        self.attachments = widget

    def fold_thinking(self) -> None:
        """The answer started: its thinking folds away (ThinkingTarget)."""
        if self._thinking:
            self._thinking_toggle.setChecked(False)

    def append_thinking(self, chunk: str) -> None:
        if not self._thinking:
            self._thinking_toggle.show()
            self._thinking_toggle.setChecked(True)
            self.thinking_view.show()
        self._thinking.append(chunk)
        cursor = QTextCursor(self.thinking_view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(chunk)

    def thinking_shown(self) -> bool:
        return self._thinking_view is not None and self._thinking_view.isVisible()

    def _show_thinking(self, shown: bool) -> None:
        self.thinking_view.setVisible(shown)
        chevron = "chevron-down" if shown else "chevron-right"
        self._thinking_toggle.setIcon(icon(chevron, "muted", "muted"))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def copy_plain_text(self) -> None:
        """The answer without its markdown marks (core.plain_text)."""
        QGuiApplication.clipboard().setText(plain_text(self.text()))

    # -- editing -------------------------------------------------------------
    def start_editing(self) -> None:
        if self.editor_box is None:
            self.editor_box = self._build_editor()
        self.editor.setPlainText(self.text())
        (self.card or self.body).hide()
        self.editor_box.show()
        self.editor.setFocus()
        self._update_actions()

    def stop_editing(self) -> None:
        if self.editor_box is not None:
            self.editor_box.hide()
        (self.card or self.body).show()
        self._update_actions()

    def _submit_edit(self, text: str) -> None:
        if self.message_id is not None:
            self.stop_editing()
            self.editSubmitted.emit(self.message_id, text)

    # -- status --------------------------------------------------------------
    def set_footer(
        self, state: MessageState, stats: ChatStats | None = None, error: str | Text = ""
    ) -> None:
        """Statistics (and "Stopped") on the muted footer line; a failure or an
        interruption in a notice above it, Retry beside a failure."""
        self._footer_shown = (state, stats, error)
        problem = ""
        if state is MessageState.INTERRUPTED:
            problem = self.tr("Interrupted: Parley closed before this answer finished")
        elif state is MessageState.FAILED:
            problem = (
                self.tr("Failed: {error}").format(error=translated(error))
                if error
                else self.tr("Failed")
            )
        elif error:  # an answer that ended early on purpose (the tool loop's guard)
            problem = translated(error)
        if problem or self._notice is not None:
            self.notice.show_problem(problem, retry=state is MessageState.FAILED)
        notes = [self.tr("Stopped")] if state is MessageState.STOPPED else []
        described = describe_stats(stats) if stats is not None else ""
        if described:
            notes.append(described)
        self._footer.setText(" · ".join(notes))
        self._footer.setVisible(bool(notes))

    @property
    def notice(self) -> ProblemNotice:
        """What went wrong, above the footer (built the first time something did)."""
        if self._notice is None:
            self._notice = ProblemNotice()
            self._notice.retry_button.clicked.connect(lambda: self._emit_id(self.retryRequested))
            self._layout.insertWidget(self._layout.count() - 1, self._notice)
        return self._notice

    @property
    def retry_button(self) -> QPushButton:
        return self.notice.retry_button

    def footer_text(self) -> str:
        notice = self._notice.text() if self._notice is not None else ""
        return " · ".join(text for text in (notice, self._footer.text()) if text)
