"""The document library window: named collections a conversation can draw on, each with its
documents, size, passages and the model it was embedded with.

Not modal, one per app (show_library); opened from Settings → Documents and from a chat's
settings ("Manage collections…"). New makes a collection and lets the person type its
name in place; a name edited in the list is a rename; Delete asks first and says that the
documents' passages and embeddings go too (the files on disk stay).
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.documents.collections import Collection, CollectionProblem
from desktop.ui.design import Space
from desktop.ui.documents.collection_rows import COUNT_ROLE, CollectionRowDelegate
from desktop.ui.documents.library import DocumentLibrary
from desktop.ui.documents.owner_documents import OwnerDocuments
from desktop.ui.formatting import format_bytes
from desktop.ui.icons import icon
from desktop.ui.page_tasks import PageTasks
from desktop.ui.strings import counted
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import DESTRUCTIVE, PRIMARY, QUIET, set_kind

ID_ROLE = Qt.ItemDataRole.UserRole


def show_library(library: DocumentLibrary, parent: QWidget | None = None) -> LibraryWindow:
    """The library window, made the first time and raised after that."""
    window = library.window
    if not isinstance(window, LibraryWindow):
        window = library.window = LibraryWindow(library, library.tasks, parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


class LibraryWindow(QDialog):
    def __init__(
        self, library: DocumentLibrary, tasks: TaskOwner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentLibrary")
        self.library = library
        self._tasks = PageTasks(tasks, "documents")
        self.question: QMessageBox | None = None
        self._filling = False
        self.resize(900, 560)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        side = QWidget()
        side.setObjectName("librarySide")
        side.setFixedWidth(250)
        left = QVBoxLayout(side)
        left.setContentsMargins(Space.M, Space.L, Space.M, Space.M)
        left.setSpacing(Space.S)
        self.side_title = QLabel()
        self.side_title.setObjectName("groupTitle")
        left.addWidget(self.side_title)
        self.list = QListWidget()
        self.list.setObjectName("collectionList")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setIconSize(QSize(18, 18))
        self.list.setItemDelegate(CollectionRowDelegate(self.list))
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        self.list.itemChanged.connect(self._renamed)
        left.addWidget(self.list, 1)
        self.new_button = QPushButton()
        set_kind(self.new_button, PRIMARY)
        self.new_button.clicked.connect(self.new_collection)
        left.addWidget(self.new_button)
        layout.addWidget(side)

        main = QWidget()
        main.setObjectName("libraryMain")
        right = QVBoxLayout(main)
        right.setContentsMargins(Space.XL, Space.L, Space.XL, Space.M)
        right.setSpacing(Space.S)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(Space.XS)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.facts = QLabel()
        self.facts.setObjectName("sectionSubtitle")
        self.facts.setWordWrap(True)
        titles.addWidget(self.title)
        titles.addWidget(self.facts)
        head.addLayout(titles, 1)
        self.rename_button = QPushButton()
        set_kind(self.rename_button, QUIET)
        self.rename_button.setIcon(icon("pencil"))
        self.rename_button.clicked.connect(self.edit_name)
        self.delete_button = QPushButton()
        set_kind(self.delete_button, DESTRUCTIVE)
        self.delete_button.setIcon(icon("trash-2"))
        self.delete_button.clicked.connect(self.ask_delete)
        head.addWidget(self.rename_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(head)
        self.problem = QLabel()
        self.problem.setObjectName("hint")
        self.problem.setProperty("warning", True)
        self.problem.setWordWrap(True)
        self.problem.hide()
        right.addWidget(self.problem)
        self.documents = OwnerDocuments(library, tasks)
        right.addWidget(self.documents, 1)
        layout.addWidget(main, 1)
        for button in self.findChildren(QPushButton):  # Enter while naming never deletes
            button.setAutoDefault(False)
        library.changed.connect(self._library_changed)
        self.retranslate()
        self.fill()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Document library"))
        self.side_title.setText(self.tr("Collections"))
        self.list.setAccessibleName(self.tr("Collections"))
        self.new_button.setText(self.tr("New collection"))
        self.rename_button.setText(self.tr("Rename"))
        self.delete_button.setText(self.tr("Delete"))
        self._selected()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    async def idle(self) -> None:
        await self._tasks.idle()
        await self.documents.idle()

    # -- the list ------------------------------------------------------------------------
    def fill(self, select: int | None = None) -> None:
        current = self.current()
        chosen = select if select is not None else current.id if current else None
        self._filling = True
        self.list.clear()
        for collection in self.library.all_collections():
            item = QListWidgetItem(icon("folder-open"), collection.name)
            item.setData(ID_ROLE, collection.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
            if collection.id == chosen:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._filling = False
        self._selected()

    def current(self) -> Collection | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self.library.collections.get(int(item.data(ID_ROLE)))

    def _selected(self) -> None:
        if self._filling:
            return
        collection = self.current()
        for widget in (self.rename_button, self.delete_button):
            widget.setEnabled(collection is not None)
        if collection is None:
            self.title.setText(self.tr("No collection yet"))
            self.facts.setText(
                self.tr(
                    "A collection keeps documents you want to ask about in many chats: "
                    "manuals, papers, notes. Make one, add files, then tick it in a chat's "
                    "settings."
                )
            )
            self.documents.set_owner("")
            return
        self.title.setText(collection.name)
        if self.documents.owner != collection.owner:
            self.documents.set_owner(collection.owner)
        self._tasks.run(self._show_facts())

    async def _show_facts(self) -> None:
        """Each row's count of documents, and the facts of the collection shown."""
        owners = {c.id: c.owner for c in self.library.all_collections()}
        every = await asyncio.to_thread(self.library.collections.facts, list(owners.values()))
        if not isValid(self):
            return
        self._filling = True  # a count set is no rename
        for row in range(self.list.count()):
            item = self.list.item(row)
            found = every.get(owners.get(int(item.data(ID_ROLE)), ""))
            item.setData(COUNT_ROLE, found.documents if found else 0)
        self._filling = False
        current = self.current()
        if current is None or current.id not in owners:
            return
        facts = every.get(current.owner)
        if facts is None:
            self.facts.setText(self.tr("Empty. Add files to ask about them in any chat."))
            return
        parts = [
            counted(facts.documents, self.tr("1 document"), self.tr("{count} documents")),
            format_bytes(facts.size),
            counted(facts.chunks, self.tr("1 passage"), self.tr("{count} passages")),
        ]
        built = (
            self.tr("Built with {model}").format(model=", ".join(facts.models))
            if facts.models
            else self.tr("Not embedded yet")
            if facts.chunks
            else ""
        )
        self.facts.setText(" · ".join(parts) + (f"\n{built}" if built else ""))

    def _library_changed(self) -> None:
        if self.current() is not None:
            self._tasks.run(self._show_facts())

    # -- new, rename, delete -------------------------------------------------------------
    def new_collection(self) -> Collection:
        taken = {c.name.casefold() for c in self.library.all_collections()}
        base = self.tr("New collection")
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} {n}", n + 1
        made = self.library.create_collection(name)
        self.fill(select=made.id)
        self.edit_name()
        return made

    def edit_name(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        collection_id = int(item.data(ID_ROLE))
        try:
            self.library.rename_collection(collection_id, item.text())
        except CollectionProblem as problem:
            self._say(self._problem_text(problem))
        else:
            self.problem.hide()
        self.fill(select=collection_id)

    def _problem_text(self, problem: CollectionProblem) -> str:
        if problem.reason == "taken":
            return self.tr("There is already a collection named {name}.").format(name=problem.name)
        if problem.reason == "long":
            return self.tr("That name is too long.")
        return self.tr("A collection needs a name.")

    def _say(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()

    def ask_delete(self) -> QMessageBox | None:
        collection = self.current()
        if collection is None:
            return None
        count = len(self.documents.documents)
        question = QMessageBox(self)
        question.setIcon(QMessageBox.Icon.Warning)
        question.setWindowTitle(self.tr("Delete collection"))
        question.setText(self.tr("Delete the collection {name}?").format(name=collection.name))
        question.setInformativeText(
            counted(
                count,
                self.tr("Its document, with its passages and embeddings, is deleted too."),
                self.tr("Its {count} documents, with their passages and embeddings, are "
                        "deleted too."),
            )
            + " "
            + self.tr("Your files on disk stay. Chats that used it no longer draw on it.")
        )  # fmt: skip
        question.setStandardButtons(QMessageBox.StandardButton.Cancel)
        delete = question.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if question.clickedButton() is delete:
                self._tasks.run(self._delete(collection))

        question.finished.connect(answered)
        question.finished.connect(question.deleteLater)
        self.question = question
        question.open()
        return question

    async def _delete(self, collection: Collection) -> None:
        await self.library.delete_owner(collection.owner, collection.id)
        self.fill()
