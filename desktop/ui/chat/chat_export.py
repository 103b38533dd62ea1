"""Export the open conversation as Markdown or JSON: the button, its menu, the file.

The button opens its menu itself instead of drawing a menu arrow, which Fusion with a
style sheet painted over the label.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from desktop.core.attachment import ImageAttachment
from desktop.core.conversation import StoredMessage
from desktop.core.tool_steps import tool_picture_digests
from desktop.storage.history import HistoryStore
from desktop.ui.icons import icon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog


class ExportButton(QPushButton):
    failed = Signal(str)
    """Why an export could not be written, in words for the person."""

    def __init__(
        self,
        store: HistoryStore,
        conversation_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._conversation_id = conversation_id
        self.setObjectName("exportButton")
        self.setProperty("kind", "quiet")
        self.setIcon(icon("share", "muted"))
        self.menu_ = QMenu(self)
        self.markdown_action = QAction(self)
        self.markdown_action.triggered.connect(lambda: self.choose("md"))
        self.json_action = QAction(self)
        self.json_action.triggered.connect(lambda: self.choose("json"))
        self.menu_.addActions([self.markdown_action, self.json_action])
        self.clicked.connect(self.open_menu)
        self.dialog: QFileDialog | None = None
        self.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setText(QCoreApplication.translate("ChatPane", "Export…"))
        self.setAccessibleName(QCoreApplication.translate("ChatPane", "Export this conversation"))
        self.setToolTip(
            QCoreApplication.translate("ChatPane", "Save this conversation as Markdown or JSON")
        )
        self.markdown_action.setText(QCoreApplication.translate("ChatPane", "As Markdown…"))
        self.json_action.setText(
            QCoreApplication.translate("ChatPane", "As JSON (can be imported)…")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def open_menu(self) -> None:
        self.menu_.popup(self.mapToGlobal(QPoint(0, self.height())))

    def choose(self, kind: str) -> None:
        conversation_id = self._conversation_id()
        if conversation_id is None:
            return
        conversation = self._store.get_conversation(conversation_id)
        from PySide6.QtWidgets import QFileDialog  # its types cost startup ~1.5 ms

        dialog = QFileDialog(
            self.window(), QCoreApplication.translate("ChatPane", "Export the conversation")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setNameFilter(
            QCoreApplication.translate("ChatPane", "Markdown (*.md)")
            if kind == "md"
            else QCoreApplication.translate("ChatPane", "JSON (*.json)")
        )
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in conversation.title)
        dialog.selectFile(f"{safe.strip() or 'conversation'}.{kind}")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), kind))
        self.dialog = dialog
        dialog.open()

    def export_to(self, path: Path, kind: str) -> bool:
        """Write the open conversation as Markdown (``md``) or JSON (``json``)."""
        conversation_id = self._conversation_id()
        if conversation_id is None:
            return False
        from desktop.core.conversation_export import (  # only needed here; slow to import
            exported,
            to_json,
            to_markdown,
            write_image_files,
        )

        store = self._store
        conversation = store.get_conversation(conversation_id)
        path_messages = [step.message for step in store.active_path(conversation_id)]
        try:
            if kind == "md":
                links = write_image_files(path, self._attached(path_messages))
                text = to_markdown(conversation, path_messages, links)
            else:
                everything = store.messages(conversation_id)
                path_ids = [m.id for m in path_messages]
                images = self._attached(everything)
                text = to_json(exported(conversation, everything, path_ids, images))
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            self.failed.emit(
                QCoreApplication.translate(
                    "ChatPane", "Could not export to {path}: {error}"
                ).format(path=path, error=error)
            )
            return False
        return True

    def _attached(self, messages: list[StoredMessage]) -> list[ImageAttachment]:
        """The images these messages attach (and their tools returned), each once."""
        digests = dict.fromkeys(d for message in messages for d in message.images)
        digests.update(dict.fromkeys(tool_picture_digests(m.tool_rounds for m in messages)))
        return [image for d in digests if (image := self._store.image(d)) is not None]
