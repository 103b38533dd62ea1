"""One owner's documents (a collection's, a folder's): the list, Add files… (or files dropped
on it), Remove, and the indexing progress with Stop. Used by the library window and the
folder settings dialog.

Each row says the file, its pages or size, its chunks and whether they are all embedded
(and with which model). Adding reads and embeds in the library's background task; the
list follows the library's ``changed``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.storage.document_store import StoredDocument
from desktop.ui.design import Space
from desktop.ui.documents.document_rows import DocumentRowDelegate
from desktop.ui.documents.library import DocumentLibrary
from desktop.ui.formatting import format_bytes
from desktop.ui.icons import icon
from desktop.ui.page_tasks import PageTasks
from desktop.ui.strings import counted
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import DESTRUCTIVE, QUIET, SECONDARY, set_kind


class OwnerDocuments(QWidget):
    def __init__(
        self,
        library: DocumentLibrary,
        tasks: TaskOwner,
        owner: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._tasks = PageTasks(tasks, "documents")
        self.owner = owner
        self.documents: list[StoredDocument] = []
        self.file_dialog: QFileDialog | None = None
        self.list = QListWidget()
        self.list.setObjectName("documentList")
        self.list.setIconSize(QSize(18, 18))
        self.list.setItemDelegate(DocumentRowDelegate(self.list))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add = QPushButton()
        set_kind(self.add, SECONDARY)
        self.remove = QPushButton()
        set_kind(self.remove, DESTRUCTIVE)
        self.remove.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.stop = QPushButton()
        set_kind(self.stop, QUIET)
        self.resume = QPushButton()
        set_kind(self.resume, QUIET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.progress)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.stop)
        status_row.addWidget(self.resume)
        layout.addLayout(status_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addStretch(1)
        buttons.addWidget(self.remove)
        layout.addLayout(buttons)
        self.progress.hide()
        self.stop.hide()
        self.resume.hide()
        self.status.hide()

        self.add.clicked.connect(self.choose_files)
        self.remove.clicked.connect(self.remove_selected)
        self.stop.clicked.connect(lambda: library.cancel(self.owner))
        self.resume.clicked.connect(self.continue_embedding)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove.setEnabled(bool(self.list.selectedItems()))
        )
        library.changed.connect(self.reload)
        library.indexing.connect(self._indexing)
        library.indexed.connect(self._indexed)
        self.retranslate()
        self.set_owner(owner)

    def retranslate(self) -> None:
        self.add.setText(self.tr("Add files…"))
        self.remove.setText(self.tr("Remove"))
        self.stop.setText(self.tr("Stop"))
        self.resume.setText(self.tr("Continue embedding"))
        self.list.setAccessibleName(self.tr("Documents"))
        self.empty.setText(
            self.tr("No documents yet. Add PDF, Word, Markdown, HTML, text or code files.")
        )
        self._show(self.documents)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_owner(self, owner: str) -> None:
        self.owner = owner
        self.setEnabled(bool(owner))
        busy = bool(owner) and self.library.busy(owner)
        self.progress.setVisible(busy)
        self.stop.setVisible(busy)
        self.status.setVisible(busy)
        self.reload()

    async def idle(self) -> None:
        await self._tasks.idle()

    # -- the list ------------------------------------------------------------------------
    def reload(self) -> None:
        if self.owner:
            self._tasks.run(self._read(self.owner))
        else:
            self._show([])

    async def _read(self, owner: str) -> None:
        documents = await asyncio.to_thread(self.library.store.documents, owner)
        if isValid(self) and owner == self.owner:  # not closed meanwhile
            self._show(documents)

    def _show(self, documents: list[StoredDocument]) -> None:
        selected = {item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        self.documents = documents
        self.list.clear()
        for document in documents:
            item = QListWidgetItem(icon("file-text"), self._line(document))
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setToolTip(document.name)
            self.list.addItem(item)
            item.setSelected(document.id in selected)
        self.list.setVisible(bool(documents))
        self.empty.setVisible(not documents)
        waiting = sum(d.chunks - d.embedded for d in documents)
        idle = not (self.owner and self.library.busy(self.owner))
        self.resume.setVisible(idle and waiting > 0)
        if idle and waiting > 0 and not self.status.property("warning"):
            self.status.setText(
                counted(
                    waiting,
                    self.tr("1 passage is not embedded yet: it is found by its words only."),
                    self.tr("{count} passages are not embedded yet: they are found by their "
                            "words only."),
                )
            )  # fmt: skip
            self.status.show()

    def _line(self, document: StoredDocument) -> str:
        size = (
            counted(document.pages, self.tr("1 page"), self.tr("{count} pages"))
            if document.pages
            else format_bytes(document.size)
        )
        chunks = counted(document.chunks, self.tr("1 passage"), self.tr("{count} passages"))
        if document.complete and document.embed_model:
            state = self.tr("embedded with {model}").format(model=document.embed_model)
        elif document.complete:
            state = self.tr("no text to embed")
        else:
            state = self.tr("{done} of {all} embedded").format(
                done=document.embedded, all=document.chunks
            )
        return f"{document.name}\n{size} · {chunks} · {state}"

    # -- adding and removing -------------------------------------------------------------
    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Add documents"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("Documents (*.pdf *.docx *.md *.markdown *.txt *.html *.htm *.rst *.csv "
                        "*.json *.py *.js *.ts *.java *.c *.cpp *.h *.go *.rs *.rb *.sh)"),
                self.tr("All files (*)"),
            ]
        )  # fmt: skip
        dialog.filesSelected.connect(lambda names: self.add_paths([Path(n) for n in names]))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def add_paths(self, paths: list[Path]) -> asyncio.Task[None] | None:
        if not self.owner or not paths:
            return None
        self.status.setProperty("warning", False)
        self.status.setText(self.tr("Reading {name}…").format(name=paths[0].name))
        self.status.show()
        self.stop.show()
        return self.library.add_files(self.owner, paths)

    def continue_embedding(self) -> asyncio.Task[None] | None:
        """Embed what a stopped or failed run left (with the model chosen now)."""
        if not self.owner:
            return None
        self.resume.hide()
        self.status.setProperty("warning", False)
        self.stop.show()
        return self.library.resume(self.owner)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.owner and _files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _files(event)
        if self.owner and paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def remove_selected(self) -> None:
        ids = [int(item.data(Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()]
        for document_id in ids:
            self._tasks.run(self.library.delete_document(document_id))

    # -- progress ------------------------------------------------------------------------
    def _indexing(self, owner: str, done: int, total: int) -> None:
        if owner != self.owner:
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        self.stop.show()
        self.resume.hide()
        self.status.setText(
            self.tr("Embedding: {done} of {total} passages").format(done=done, total=total)
        )
        self.status.show()

    def _indexed(self, owner: str, problem: str) -> None:
        if owner != self.owner:
            return
        self.progress.hide()
        self.stop.hide()
        self.status.setText(problem)
        self.status.setProperty("warning", bool(problem))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setVisible(bool(problem))


def _files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files a drag carries (folders and web addresses are not documents)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]
