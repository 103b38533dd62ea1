"""The saved conversations under date headings (Pinned, Today, Yesterday, ...).

A QListView over :class:`ConversationListModel`: every row has the same height (a title
with an emoji is no taller), padding and rounded hover and selection from the chat
page's style rules, one line elided at the right, the full title in the tooltip.

Rename (F2 or double-click), pin and delete act on the current conversation, from the
keyboard or the context menu; the list only asks, its owner does the work. A click on a
conversation always asks for it, even on the row still highlighted from before.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QListView,
    QMenu,
    QWidget,
)

from desktop.core.conversation_groups import ConversationSummary, DateGroup, Period
from desktop.core.folders import Folder
from desktop.ui.chat.sidebar.conversation_delegate import RowDelegate, heading_font, row_height
from desktop.ui.chat.sidebar.conversation_folder_rows import FolderRows
from desktop.ui.chat.sidebar.conversation_groups import ListRows, Made, RowBuilder
from desktop.ui.chat.sidebar.conversation_model import (
    FOLDER_ROLE,
    ID_ROLE,
    PINNED_ROLE,
    ConversationListModel,
)
from desktop.ui.design import Space, colors_for


class ConversationList(FolderRows, QListView):
    conversationSelected = Signal(int)
    renameRequested = Signal(int, str)
    pinRequested = Signal(int, bool)
    deleteRequested = Signal(int)
    refreshWanted = Signal()
    """The list changed while a title was edited: show it anew."""
    firstPainted = Signal()
    folderChosen = Signal(object)
    """The folder row now current (its id), or None once a conversation is."""
    folderRenameRequested = Signal(int, str)
    folderDeleteRequested = Signal(int)
    moveRequested = Signal(object, object)
    """(conversation ids, folder id or None): dropped or chosen from "Move to folder"."""
    editCancelled = Signal()
    """A title or folder name was left as it was (Esc)."""
    menuWanted = Signal(object, object, object)
    """(QMenu, folder id or None, conversation id or None): fill the context menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.model_ = ConversationListModel(
            self._heading_text, self._untitled, self._renamed, self._folder_renamed
        )
        self.setModel(self.model_)
        self.delegate = RowDelegate(self)
        self.setItemDelegate(self.delegate)
        self.folders: list[Folder] = []
        self.counts: dict[int, int] = {}
        self.expanded: set[int] = set()
        self.current_folder: int | None = None
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)  # hover
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.clicked.connect(self._clicked)
        self._updating = False
        self._refresh_wanted = False  # the list changed while a title was edited
        self._painted = False
        self._chosen_by_press: int | None = None
        self._today = date.today()
        self.shown_id: int | None = None
        """The conversation the owner shows (the highlighted row, if it is listed)."""

        self.rename_action = QAction(self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.triggered.connect(self.rename_current)
        self.pin_action = QAction(self)
        self.pin_action.triggered.connect(self._toggle_pin)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self._delete_current)
        for action in (self.rename_action, self.pin_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.addAction(action)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Conversations"))
        self.rename_action.setText(self.tr("Rename"))
        self.pin_action.setText(self.tr("Pin"))
        self.delete_action.setText(self.tr("Delete"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- content -------------------------------------------------------------
    def set_summaries(
        self,
        summaries: Sequence[ConversationSummary],
        current: int | None,
        today: date | None = None,
        folders: Sequence[Folder] | None = None,
        counts: dict[int, int] | None = None,
        built: ListRows | None = None,
    ) -> None:
        """Show ``summaries`` with ``current`` highlighted (and ``folders`` above them,
        when given; None keeps the folders shown). ``built``: their rows, made ahead by
        :meth:`row_builder` (off the UI thread), used unless the list changed since.
        While a title is being edited the list is left as it is (refilling it would drop
        what the person typed); ``refreshWanted`` asks for the list again once the edit
        is done."""
        if self.state() == QAbstractItemView.State.EditingState:
            self._refresh_wanted = True
            return
        scrolled = self.verticalScrollBar().value()
        self._updating = True
        try:
            if folders is not None:
                self.folders = list(folders)
                self.counts = dict(counts or {})
                known = {folder.id for folder in self.folders}
                self.expanded &= known
                if self.current_folder not in known:
                    self.current_folder = None
            self._today = today or date.today()
            if built is not None and built.made == self._made():
                self.model_.show_rows(built)
            else:
                self.model_.set_summaries(
                    summaries,
                    self._today,
                    self.folders,
                    self.counts,
                    self.expanded,
                    self.folders_heading(),
                )
            self.executeDelayedItemsLayout()  # the scroll range of the new rows
            self.verticalScrollBar().setValue(scrolled)
            self.show_current(current)
        finally:
            self._updating = False

    def _made(self, today: date | None = None) -> Made:
        return Made(
            today or self._today, frozenset(self.expanded), self._untitled(), self.folders_heading()
        )

    def row_builder(self) -> RowBuilder:
        """Builds the rows of the list as it is now (open folders, today, language) for
        conversations read later, on a worker thread; set_summaries takes them as
        ``built``."""
        return RowBuilder(self._made(date.today()))

    def show_current(self, conversation_id: int | None) -> None:
        """Highlight the conversation the owner shows (none: a new chat)."""
        self.shown_id = conversation_id
        row = self.model_.row_of(conversation_id) if conversation_id is not None else None
        if row is None and conversation_id is not None and self._reveal(conversation_id):
            row = self.model_.row_of(conversation_id)
        if row is None and conversation_id is None and self.current_folder is not None:
            row = self.model_.folder_row(self.current_folder)  # a new chat in the folder
        shown = self.model_.conversation_at(row) if row is not None else None
        if shown is not None:
            self._follow_folder(shown.folder_id)
        was_updating, self._updating = self._updating, True
        try:
            if row is None:
                self.selectionModel().clear()
            else:
                self.setCurrentIndex(self.model_.index(row))
        finally:
            self._updating = was_updating

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)  # a typed title is saved by now
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.editCancelled.emit()
        if self._refresh_wanted:
            self._refresh_wanted = False
            self.refreshWanted.emit()

    def _heading_text(self, group: DateGroup) -> str:
        names = {
            Period.PINNED: self.tr("Pinned"),
            Period.TODAY: self.tr("Today"),
            Period.YESTERDAY: self.tr("Yesterday"),
            Period.WEEK: self.tr("Previous 7 days"),
        }
        if group.month is not None:
            return QLocale().toString(QDate(group.month.year, group.month.month, 1), "MMMM yyyy")
        return names[group.period]

    def _follow_folder(self, folder_id: int | None) -> None:
        """The folder a new chat goes into follows the conversation shown."""
        if folder_id != self.current_folder:
            self.current_folder = folder_id
            self.folderChosen.emit(folder_id)

    def _folder_renamed(self, folder_id: int, name: str) -> bool:
        self.folderRenameRequested.emit(folder_id, name)
        return False  # the list is read anew once the folder is renamed

    def folders_heading(self) -> str:
        return self.tr("Folders")

    def _untitled(self) -> str:
        return self.tr("New chat")

    def _renamed(self, conversation_id: int, title: str) -> None:
        self.renameRequested.emit(conversation_id, title)

    def heading_font(self) -> QFont:
        return heading_font(self.font())

    def row_height(self) -> int:
        return row_height(self.fontMetrics().height())

    def headings(self) -> list[str]:
        return self.model_.headings()

    def titles(self) -> list[str]:
        return self.model_.titles()

    def index_for(self, conversation_id: int) -> QModelIndex:
        row = self.model_.row_of(conversation_id)
        return QModelIndex() if row is None else self.model_.index(row)

    def select(self, conversation_id: int) -> None:
        """As a click on the conversation's row does."""
        index = self.index_for(conversation_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self._clicked(index)

    def setCurrentRow(self, row: int) -> None:
        """QListWidget's name, kept for callers; a heading's row means the conversation
        under it."""
        while self.model_.is_heading(row):
            row += 1
        self.setCurrentIndex(self.model_.index(row))

    def current_id(self) -> int | None:
        value = self.currentIndex().data(ID_ROLE)
        return int(value) if value is not None else None

    def count(self) -> int:
        return self.model_.rowCount()

    # -- selection -----------------------------------------------------------
    def _current_changed(self, index: QModelIndex, previous: QModelIndex) -> None:
        if not index.isValid() or self._updating:
            return
        folder = index.data(FOLDER_ROLE)
        if folder is not None:
            self.current_folder = int(folder)
            self.folderChosen.emit(self.current_folder)
        elif not self.model_.is_heading(index.row()):  # headings cannot be current
            self._choose(index)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._chosen_by_press = None
        super().mousePressEvent(event)

    def _clicked(self, index: QModelIndex) -> None:
        """A click on the row that was current already (it changed nothing) still asks for
        its conversation: after Ctrl+N the old row may still be highlighted."""
        chosen_by_press, self._chosen_by_press = self._chosen_by_press, None
        folder = index.data(FOLDER_ROLE) if index.isValid() else None
        if folder is not None:
            self.set_expanded(int(folder), int(folder) not in self.expanded)
            return
        if (
            index.isValid()
            and not self.model_.is_heading(index.row())
            and index.data(ID_ROLE) != chosen_by_press
        ):
            self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        pinned = bool(index.data(PINNED_ROLE))
        self.pin_action.setText(self.tr("Unpin") if pinned else self.tr("Pin"))
        conversation_id = int(index.data(ID_ROLE))
        summary = self.model_.conversation_at(index.row())
        self._follow_folder(None if summary is None else summary.folder_id)
        self.shown_id = self._chosen_by_press = conversation_id
        self.conversationSelected.emit(conversation_id)

    # -- actions -------------------------------------------------------------
    def rename_current(self) -> None:
        index = self.currentIndex()
        if index.isValid() and not self.model_.is_heading(index.row()):
            self.edit(index)

    def _toggle_pin(self) -> None:
        index = self.currentIndex()
        if index.isValid() and not self.model_.is_heading(index.row()):
            self.pinRequested.emit(int(index.data(ID_ROLE)), not bool(index.data(PINNED_ROLE)))

    def _delete_current(self) -> None:
        folder = self.currentIndex().data(FOLDER_ROLE)
        if folder is not None:
            self.folderDeleteRequested.emit(int(folder))
            return
        conversation_id = self.current_id()
        if conversation_id is not None:
            self.deleteRequested.emit(conversation_id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        menu = QMenu(self)
        folder = index.data(FOLDER_ROLE) if index.isValid() else None
        conversation = self.model_.conversation_at(index.row()) if index.isValid() else None
        if folder is not None or conversation is not None:
            self.setCurrentIndex(index)
        if conversation is not None:
            menu.addActions([self.rename_action, self.pin_action])
        self.menuWanted.emit(menu, folder, None if conversation is None else conversation.id)
        if conversation is not None:
            menu.addAction(self.delete_action)
        if not menu.isEmpty():
            menu.popup(self.viewport().mapToGlobal(position))

    # -- first paint -----------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model_.rowCount() == 0:
            self._paint_empty()
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)

    def _paint_empty(self) -> None:
        """Where the list will be, a word on what goes there."""
        app = QApplication.instance()
        muted = colors_for(bool(app is not None and app.property("parleyDark"))).muted
        painter = QPainter(self.viewport())
        painter.setPen(QColor(muted))
        area = self.viewport().rect().adjusted(Space.M, Space.L, -Space.M, -Space.M)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self.empty_text())
        painter.end()

    def empty_text(self) -> str:
        return self.tr("Your conversations will be listed here.")

    @property
    def painted(self) -> bool:
        return self._painted
