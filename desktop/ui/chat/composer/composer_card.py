"""The composer as one card: the text, the pictures attached to it, and a row with the
model, Image, thinking, the context meter and one button that sends, or stops an answer
while it streams.

Typing `/` at the start of a line lists the saved prompts once ``use_prompts`` gave the
card the library.

Send is disabled while something blocks sending (pictures the model cannot see), with
the reason in its tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.composer.attachment_draft import AttachmentDraft
from desktop.ui.chat.composer.attachments import AttachmentStrip
from desktop.ui.chat.composer.composer import ComposerEdit
from desktop.ui.chat.composer.context_meter import ContextMeter
from desktop.ui.chat.composer.route_bar import RouteBar
from desktop.ui.chat.messages.image_viewer import ImageOpener
from desktop.ui.icons import icon

if TYPE_CHECKING:
    from desktop.ui.chat.prompts.prompt_book import PromptBook
    from desktop.ui.chat.prompts.prompt_slash import SlashPrompts


class ComposerCard(QFrame):
    sendRequested = Signal()
    stopRequested = Signal()

    def __init__(
        self,
        draft: AttachmentDraft,
        strip: AttachmentStrip,
        route_bar: RouteBar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        self.attach_dialog: QFileDialog | None = None
        self.setObjectName("composerCard")
        self._streaming = False
        self._blocked = ""
        self.slash: SlashPrompts | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.edit = ComposerEdit()
        self.edit.setObjectName("composerEdit")
        self.edit.submitted.connect(self.sendRequested)
        self.edit.stopRequested.connect(self.stopRequested)
        self.edit.imagesOffered.connect(draft.add_mime)
        layout.addWidget(self.edit)
        self.strip = strip
        self.images = ImageOpener(self)
        strip.openRequested.connect(
            lambda d: self.images.show(next((i for i in draft.images if i.digest == d), None))
        )
        layout.addWidget(strip)
        self._layout = layout

        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(route_bar)
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setProperty("kind", "quiet")
        self.attach_button.setIcon(icon("paperclip", "muted"))
        self.attach_button.clicked.connect(self.choose_images)
        row.addWidget(self.attach_button)
        row.addStretch(1)
        self.meter = ContextMeter()
        row.addWidget(self.meter)
        self._send_icon = icon("arrow-up", "accent_text")
        self._stop_icon = icon("square", "base")
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.setProperty("kind", "primary")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self._clicked)
        metrics = self.send_button.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(t)
            for t in (
                QCoreApplication.translate("ChatPane", "Send"),
                QCoreApplication.translate("ChatPane", "Stop"),
            )
        )
        self.send_button.setMinimumWidth(widest + 56)  # the same width as Send and as Stop
        row.addWidget(self.send_button)
        layout.addLayout(row)
        # From the message, Tab reaches Send first, then the rest of the row.
        QWidget.setTabOrder(self.edit, self.send_button)
        QWidget.setTabOrder(self.send_button, route_bar.picker)
        self.retranslate()

    def add_above_attachments(self, widget: QWidget) -> None:
        """A part's own row between the text and the pictures (the chat's documents)."""
        self._layout.insertWidget(self._layout.indexOf(self.strip), widget)

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.attach_button.setText(QCoreApplication.translate("ChatPane", "Attach"))
        self.attach_button.setAccessibleName(
            QCoreApplication.translate("ChatPane", "Attach images or documents")
        )
        self.attach_button.setToolTip(
            QCoreApplication.translate(
                "ChatPane",
                "Attach images, or documents to ask about: PDF, Word, text, Markdown, HTML, "
                "code (or drop them on the chat, or paste them)",
            )
        )
        self._show_button()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def choose_images(self) -> None:
        """The file picker (not modal); chosen files are prepared for the draft."""
        dialog = QFileDialog(
            self.window(), QCoreApplication.translate("ChatPane", "Attach images or documents")
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        documents = "*.pdf *.docx *.txt *.md *.markdown *.html *.htm *.csv *.json *.py *.js *.ts"
        dialog.setNameFilters(
            [
                QCoreApplication.translate(
                    "ChatPane",
                    "Images and documents (*.png *.jpg *.jpeg *.webp *.gif *.bmp {docs})",
                ).format(docs=documents),
                QCoreApplication.translate(
                    "ChatPane", "Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)"
                ),
                QCoreApplication.translate("ChatPane", "All files (*)"),
            ]
        )
        dialog.filesSelected.connect(self._draft.add_paths)
        self.attach_dialog = dialog
        dialog.open()

    def use_prompts(self, book: PromptBook) -> None:
        """Let `/` at the start of a line insert the library's prompts."""
        from desktop.ui.chat.prompts.prompt_slash import SlashPrompts

        self.slash = SlashPrompts(self.edit, book)

    def fill(self, text: str) -> None:
        """Put ``text`` in the message box, ready to be completed and sent."""
        self.edit.setPlainText(text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)
        self.edit.setFocus()

    @property
    def streaming(self) -> bool:
        return self._streaming

    def set_streaming(self, streaming: bool) -> None:
        self._streaming = streaming
        self._show_button()

    def set_blocked(self, reason: str) -> None:
        """Why Send must wait ("" when it need not)."""
        self._blocked = reason
        self._show_button()

    def warm_up(self) -> None:
        """Draw the Stop icon once (its SVG read and drawn: ~1 ms), before the Send that
        first shows it."""
        self._stop_icon.pixmap(self.send_button.iconSize(), self.devicePixelRatioF())

    def _clicked(self) -> None:
        if self._streaming:
            self.stopRequested.emit()
        else:
            self.sendRequested.emit()

    def _show_button(self) -> None:
        button = self.send_button
        if self._streaming:
            button.setText(QCoreApplication.translate("ChatPane", "Stop"))
            button.setIcon(self._stop_icon)
            button.setAccessibleName(QCoreApplication.translate("ChatPane", "Stop the answer"))
            button.setToolTip(QCoreApplication.translate("ChatPane", "Stop the answer (Esc)"))
            button.setEnabled(True)
            state = "stop"
        else:
            button.setText(QCoreApplication.translate("ChatPane", "Send"))
            button.setIcon(self._send_icon)
            button.setAccessibleName(QCoreApplication.translate("ChatPane", "Send the message"))
            button.setToolTip(
                self._blocked or QCoreApplication.translate("ChatPane", "Send the message (Enter)")
            )
            button.setEnabled(not self._blocked)
            state = "send"
        if button.property("state") != state:
            button.setProperty("state", state)
            button.style().unpolish(button)
            button.style().polish(button)
