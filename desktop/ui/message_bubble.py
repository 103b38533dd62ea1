"""One message in the chat: header, optional thinking block, and the body text.

While streaming, text is appended at the end of the document (cheap, incremental
layout); when the answer is complete the exact received text is rendered once as
markdown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role


class AutoHeightBrowser(QTextBrowser):
    """A read-only rich text view as tall as its content, scrolled by the page around it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        height = int(self.document().size().height()) + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())


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


class MessageBubble(QFrame):
    """Shows one message; the streaming answer grows through ``append_text``."""

    def __init__(self, role: Role, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self._text: list[str] = []
        self._thinking: list[str] = []
        self.setObjectName("userBubble" if role is Role.USER else "assistantBubble")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self._header = QLabel(title)
        self._header.setObjectName("bubbleHeader")
        layout.addWidget(self._header)

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
        self._thinking_view = AutoHeightBrowser()
        self._thinking_view.setObjectName("thinkingView")
        self._thinking_view.setAccessibleName(self.tr("Model thinking"))
        self._thinking_view.hide()
        layout.addWidget(self._thinking_view)

        self.body = AutoHeightBrowser()
        self.body.setAccessibleName(self.tr("Message text"))
        layout.addWidget(self.body)

        self._footer = QLabel()
        self._footer.setObjectName("bubbleFooter")
        self._footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._footer.hide()
        layout.addWidget(self._footer)

    # -- content -------------------------------------------------------------
    def text(self) -> str:
        """Exactly the text received so far (not the rendered document)."""
        return "".join(self._text)

    def thinking(self) -> str:
        return "".join(self._thinking)

    def set_content(self, text: str, thinking: str = "") -> None:
        self._text = [text]
        self._thinking = [thinking] if thinking else []
        if thinking:
            self._thinking_view.setPlainText(thinking)
            self._thinking_toggle.show()
            self._thinking_toggle.setChecked(False)
        self.render_final()

    def append_text(self, chunk: str) -> None:
        if not self._text and self._thinking:
            self._thinking_toggle.setChecked(False)  # the answer started: fold the thinking
        self._text.append(chunk)
        cursor = QTextCursor(self.body.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(chunk)

    def append_thinking(self, chunk: str) -> None:
        if not self._thinking:
            self._thinking_toggle.show()
            self._thinking_view.show()
        self._thinking.append(chunk)
        cursor = QTextCursor(self._thinking_view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(chunk)

    def render_final(self) -> None:
        """Render the complete answer as markdown (user text stays plain)."""
        text = self.text()
        if self.role is Role.USER:
            self.body.setPlainText(text)
        else:
            self.body.setMarkdown(text)

    def _show_thinking(self, shown: bool) -> None:
        self._thinking_view.setVisible(shown)
        self._thinking_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

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
                self.tr("Failed: {error}").format(error=error) if error else self.tr("Failed")
            )
        if stats is not None:
            described = describe_stats(stats)
            if described:
                notes.append(described)
        self._footer.setProperty(
            "warning", state in (MessageState.FAILED, MessageState.INTERRUPTED)
        )
        self._footer.setText(" · ".join(notes))
        self._footer.setVisible(bool(notes))

    def footer_text(self) -> str:
        return self._footer.text()
