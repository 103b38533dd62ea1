"""One message in the chat: header with actions, optional thinking block, body, footer.

An answer streams into a MarkdownView that redraws only its last block; the person's
messages stay plain text. The header offers Copy, Regenerate (answers) or Edit (the
person's messages), Delete, and ‹ n/m › to flip between alternatives and edited versions.
A failed answer shows its error and a Retry button right where it happened.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.ui.i18n_core import core_text
from desktop.ui.render.auto_height_browser import AutoHeightBrowser
from desktop.ui.render.grow_in_place import paint_growth_only, repaint_moved_edge
from desktop.ui.render.markdown_view import MarkdownView

EDGE_PX = 12
"""How deep the bubble's border and rounded corners reach into it."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("MessageBubble", text)


def describe_stats(stats: ChatStats) -> str:
    parts: list[str] = []
    if stats.completion_tokens is not None:
        count = stats.completion_tokens
        parts.append(_tr("1 token") if count == 1 else _tr("{n} tokens").format(n=count))
    if stats.tokens_per_second is not None:
        parts.append(_tr("{rate:.1f} tok/s").format(rate=stats.tokens_per_second))
    if stats.first_token_seconds is not None:
        ms = stats.first_token_seconds * 1000
        parts.append(_tr("first token {ms:.0f} ms").format(ms=ms))
    if stats.load_seconds:
        parts.append(_tr("load {s:.2f} s").format(s=stats.load_seconds))
    return " · ".join(parts)


def _tool(text: str, tip: str, name: str = "bubbleAction") -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    return button


class MessageBubble(QFrame):
    """Shows one message; the streaming answer grows through ``append_text``."""

    regenerateRequested = Signal(int)
    editSubmitted = Signal(int, str)
    deleteRequested = Signal(int)
    siblingRequested = Signal(int, int)  # message id, step (-1 previous, +1 next)
    retryRequested = Signal(int)

    def __init__(self, role: Role, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.message_id: int | None = None
        self._text: list[str] = []
        self._thinking: list[str] = []
        self._streaming = False
        self.setObjectName("userBubble" if role is Role.USER else "assistantBubble")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        paint_growth_only(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(self._build_header(title))

        self._thinking_toggle = QToolButton()
        self._thinking_toggle.setObjectName("thinkingToggle")
        self._thinking_toggle.setText(self.tr("Thinking"))
        self._thinking_toggle.setCheckable(True)
        self._thinking_toggle.setChecked(True)
        self._thinking_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._thinking_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self._thinking_toggle.setAccessibleName(self.tr("Show or hide the model's thinking"))
        self._thinking_toggle.toggled.connect(self._show_thinking)
        self._thinking_toggle.hide()
        layout.addWidget(self._thinking_toggle)
        self._thinking_view: AutoHeightBrowser | None = None  # built with the first thought

        self.body: MarkdownView | AutoHeightBrowser
        if role is Role.USER:
            self.body = AutoHeightBrowser()
            self.body.setAccessibleName(self.tr("Message text"))
        else:
            self.body = MarkdownView()
        layout.addWidget(self.body)
        self._layout = layout
        self.editor_box: QWidget | None = None  # built the first time the message is edited
        self.attachments: QWidget | None = None

        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        self._footer = QLabel()
        self._footer.setObjectName("bubbleFooter")
        self._footer.setWordWrap(True)
        self._footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._footer.hide()
        footer.addWidget(self._footer, 1)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setAccessibleName(self.tr("Ask the model again"))
        self.retry_button.clicked.connect(lambda: self._emit_id(self.retryRequested))
        self.retry_button.hide()
        footer.addWidget(self.retry_button)
        layout.addLayout(footer)
        self._update_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        repaint_moved_edge(self, event, EDGE_PX)

    def set_title(self, title: str) -> None:
        self._header.setText(title)

    def _build_header(self, title: str) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(2)
        self._header = QLabel(title)
        self._header.setObjectName("bubbleHeader")
        header.addWidget(self._header)
        header.addStretch(1)
        self.previous_button = _tool("‹", self.tr("Previous version"), "versionButton")
        self.previous_button.clicked.connect(lambda: self._flip(-1))
        self.sibling_label = QLabel()
        self.sibling_label.setObjectName("siblingLabel")
        self.next_button = _tool("›", self.tr("Next version"), "versionButton")
        self.next_button.clicked.connect(lambda: self._flip(1))
        for widget in (self.previous_button, self.sibling_label, self.next_button):
            widget.hide()
            header.addWidget(widget)
        self.copy_button = _tool(self.tr("Copy"), self.tr("Copy this message"))
        self.copy_button.clicked.connect(self.copy)
        header.addWidget(self.copy_button)
        if self.role is Role.USER:
            self.edit_button = _tool(self.tr("Edit"), self.tr("Edit and send again"))
            self.edit_button.clicked.connect(self.start_editing)
            header.addWidget(self.edit_button)
        else:
            self.regenerate_button = _tool(self.tr("Regenerate"), self.tr("Answer again"))
            self.regenerate_button.clicked.connect(lambda: self._emit_id(self.regenerateRequested))
            header.addWidget(self.regenerate_button)
        self.delete_button = _tool(self.tr("Delete"), self.tr("Delete this message"))
        self.delete_button.clicked.connect(lambda: self._emit_id(self.deleteRequested))
        header.addWidget(self.delete_button)
        return header

    def _build_editor(self) -> QWidget:
        editor_box = QWidget()
        box = QVBoxLayout(editor_box)
        box.setContentsMargins(0, 4, 0, 0)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Edited message"))
        self.editor.setMaximumHeight(160)
        box.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_edit_button = QPushButton(self.tr("Cancel"))
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        buttons.addWidget(self.cancel_edit_button)
        self.send_edit_button = QPushButton(self.tr("Send"))
        self.send_edit_button.setAccessibleName(self.tr("Send the edited message"))
        self.send_edit_button.clicked.connect(self._submit_edit)
        buttons.addWidget(self.send_edit_button)
        box.addLayout(buttons)
        self._layout.insertWidget(self._layout.indexOf(self.body) + 1, editor_box)
        return editor_box

    # -- identity and versions -------------------------------------------------
    def set_message_id(self, message_id: int) -> None:
        self.message_id = message_id
        self._update_actions()

    def set_siblings(self, index: int, count: int) -> None:
        """This message is version ``index`` (0-based) of ``count``."""
        shown = count > 1
        for widget in (self.previous_button, self.sibling_label, self.next_button):
            widget.setVisible(shown)
        self.sibling_label.setText(f"{index + 1}/{count}")
        self.sibling_label.setAccessibleName(
            self.tr("Version {n} of {count}").format(n=index + 1, count=count)
        )
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def sibling_text(self) -> str:
        return "" if self.sibling_label.isHidden() else self.sibling_label.text()

    def set_streaming(self, streaming: bool) -> None:
        self._streaming = streaming
        if streaming and isinstance(self.body, MarkdownView):
            self.body.prepare_tail()  # now, not in the first slice of a fast answer
        self._update_actions()

    def _update_actions(self) -> None:
        ready = self.message_id is not None and not self._streaming
        for button in self._action_buttons():
            button.setEnabled(ready)

    def _action_buttons(self) -> list[QToolButton]:
        own = self.edit_button if self.role is Role.USER else self.regenerate_button
        return [self.copy_button, own, self.delete_button]

    def _emit_id(self, signal: SignalInstance) -> None:
        if self.message_id is not None:
            signal.emit(self.message_id)

    def _flip(self, step: int) -> None:
        if self.message_id is not None:
            self.siblingRequested.emit(self.message_id, step)

    # -- content -------------------------------------------------------------
    def text(self) -> str:
        """Exactly the text received so far (not the rendered document)."""
        return "".join(self._text)

    def thinking(self) -> str:
        return "".join(self._thinking)

    def rendered_text(self) -> str:
        if isinstance(self.body, MarkdownView):
            return self.body.plain_text()
        return self.body.toPlainText()

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

    def set_content(self, text: str, thinking: str = "") -> None:
        self._text = [text]
        self._thinking = [thinking] if thinking else []
        if thinking:
            self.thinking_view.setPlainText(thinking)
            self._thinking_toggle.show()
            self._thinking_toggle.setChecked(False)
        self.render_final()

    def set_attachments(self, widget: QWidget) -> None:
        """Show ``widget`` (the attached images) above the message text."""
        self._layout.insertWidget(self._layout.indexOf(self.body), widget)
        self.attachments = widget

    def append_text(self, chunk: str, *, redraw_tail: bool = True) -> None:
        """More of the answer; without ``redraw_tail`` (the end of the bubble is out of
        sight) the block still growing waits for :meth:`prepare_frame`."""
        if not self._text and self._thinking:
            self._thinking_toggle.setChecked(False)  # the answer started: fold the thinking
        self._text.append(chunk)
        if isinstance(self.body, MarkdownView):
            self.body.append(chunk, redraw_tail=redraw_tail)
        else:
            cursor = QTextCursor(self.body.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(chunk)

    def prepare_frame(self, in_view_px: int) -> bool:
        """Start a frame of the end (True: it waits to be shown; see
        MarkdownView.prepare_frame)."""
        return isinstance(self.body, MarkdownView) and self.body.prepare_frame(in_view_px)

    def draw_frame(self) -> bool:
        return isinstance(self.body, MarkdownView) and self.body.draw_frame()

    def show_frame(self) -> None:
        if isinstance(self.body, MarkdownView):
            self.body.show_frame()

    def append_thinking(self, chunk: str) -> None:
        if not self._thinking:
            self._thinking_toggle.show()
            self._thinking_toggle.setChecked(True)
            self.thinking_view.show()
        self._thinking.append(chunk)
        cursor = QTextCursor(self.thinking_view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(chunk)

    def render_final(self, *, in_frame: bool = False) -> None:
        """Show the exact received text once more as a whole (the last block included;
        ``in_frame``: with the next frame, see MarkdownView.finish)."""
        text = self.text()
        if isinstance(self.body, MarkdownView):
            if self.body.source() == text:
                self.body.finish(in_frame=in_frame)
            else:
                self.body.set_text(text)
        else:
            self.body.setPlainText(text)

    def thinking_shown(self) -> bool:
        return self._thinking_view is not None and self._thinking_view.isVisible()

    def _show_thinking(self, shown: bool) -> None:
        self.thinking_view.setVisible(shown)
        self._thinking_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    # -- editing -------------------------------------------------------------
    def start_editing(self) -> None:
        if self.editor_box is None:
            self.editor_box = self._build_editor()
        self.editor.setPlainText(self.text())
        self.body.hide()
        self.editor_box.show()
        self.editor.setFocus()

    def stop_editing(self) -> None:
        if self.editor_box is not None:
            self.editor_box.hide()
        self.body.show()

    def _submit_edit(self) -> None:
        text = self.editor.toPlainText().strip()
        if text and self.message_id is not None:
            self.stop_editing()
            self.editSubmitted.emit(self.message_id, text)

    # -- status --------------------------------------------------------------
    def set_footer(
        self, state: MessageState, stats: ChatStats | None = None, error: str = ""
    ) -> None:
        notes: list[str] = []
        if state is MessageState.STOPPED:
            notes.append(self.tr("Stopped"))
        elif state is MessageState.INTERRUPTED:
            notes.append(self.tr("Interrupted: Parley closed before this answer finished"))
        elif state is MessageState.FAILED:
            notes.append(
                self.tr("Failed: {error}").format(error=core_text(error))
                if error
                else self.tr("Failed")
            )
        if stats is not None:
            described = describe_stats(stats)
            if described:
                notes.append(described)
        problem = state in (MessageState.FAILED, MessageState.INTERRUPTED)
        self._footer.setProperty("warning", problem)
        self._footer.style().unpolish(self._footer)
        self._footer.style().polish(self._footer)
        self._footer.setText(" · ".join(notes))
        self._footer.setVisible(bool(notes))
        self.retry_button.setVisible(state is MessageState.FAILED)

    def footer_text(self) -> str:
        return self._footer.text()
