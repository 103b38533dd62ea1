"""Keeps what is written (and attached) in each conversation, and in the new chat, in
the history database: it comes back when the conversation is opened again, also after
a restart. Saved half a second after the last change, and when the page switches away.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit

from desktop.storage.history import HistoryStore
from desktop.ui.chat.composer.attachment_draft import AttachmentDraft

SAVE_DELAY_MS = 500


class DraftKeeper(QObject):
    def __init__(
        self,
        store: HistoryStore,
        text: QPlainTextEdit,
        images: AttachmentDraft,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._text = text
        self._images = images
        self._conversation_id: int | None = None
        """Whose draft is shown (None: the new chat's)."""
        self._dirty = False
        self._restoring = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.keep)
        images.changed.connect(self.changed)

    def changed(self) -> None:
        if not self._restoring:
            self._dirty = True
            self._timer.start()

    def keep(self) -> None:
        """Save the shown draft now, if it changed (and the history is still open: a
        picture that finishes preparing while Parley quits changes the draft too late)."""
        self._timer.stop()
        if self._dirty and not self._store.closed:
            self._dirty = False
            self._store.drafts.save(
                self._conversation_id, self._text.toPlainText(), self._images.images
            )

    def show(self, conversation_id: int | None) -> None:
        """Put the draft of ``conversation_id`` (None: the new chat) in the composer."""
        self.keep()
        self._conversation_id = conversation_id
        draft = self._store.drafts.of(conversation_id)
        self._restoring = True
        try:
            if self._text.toPlainText() != draft.text:
                self._text.setPlainText(draft.text)
            if self._images.images != draft.images or self._images.busy:
                self._images.restore(draft.images)
        finally:
            self._restoring = False

    def sent(self, conversation_id: int | None) -> None:
        """The draft of ``conversation_id`` was sent: nothing is kept for it any more."""
        self._timer.stop()
        self._dirty = False
        self._store.drafts.save(conversation_id, "")
