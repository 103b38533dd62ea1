"""The installed models: a title with the count, a sort choice, a filter field, a capability
filter and the list, one two-line row per model (see model_row.py).

The list is a table view over :class:`ModelListModel` showing one column, drawn whole by
the row delegate; the other columns stay in the model as the sort keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model_records import LocalModel
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.models.capability_badges import capability_label
from desktop.ui.models.model_filter import ModelFilterProxy
from desktop.ui.models.model_list_model import CAPABILITIES, MODEL_ROLE, ModelListModel
from desktop.ui.models.model_row import ModelRowDelegate, RowLayout, lay_out_row, row_height

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


STARTERS = ("qwen3:0.6b", "gemma3:1b", "llama3.2:1b")
"""Small models worth a first download, offered while nothing is installed."""


class InstalledModelsView(QWidget):
    selectionChanged = Signal(object)  # LocalModel | None
    modelActivated = Signal(str)
    starterChosen = Signal(str)

    def __init__(self, models: ModelListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        heading = QHBoxLayout()
        heading.setContentsMargins(12, 10, 12, 0)
        self.heading = QLabel(self.tr("Installed"))
        self.heading.setObjectName("sectionTitle")
        heading.addWidget(self.heading)
        self.count_label = QLabel()
        self.count_label.setObjectName("sectionCount")
        heading.addWidget(self.count_label)
        heading.addStretch(1)
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName(self.tr("Sort the installed models"))
        for label, column, order in self._sort_choices():
            self.sort_combo.addItem(label, (column, order))
        self.sort_combo.setToolTip(self.tr("Sort by"))
        heading.addWidget(self.sort_combo)
        layout.addLayout(heading)

        filters = QHBoxLayout()
        filters.setContentsMargins(12, 0, 12, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by name or family"))
        self.filter_edit.setAccessibleName(self.tr("Filter models by name or family"))
        self.filter_edit.setClearButtonEnabled(True)
        filters.addWidget(self.filter_edit, 1)
        self.capability_combo = QComboBox()
        self.capability_combo.setAccessibleName(self.tr("Show only models with a capability"))
        self.capability_combo.addItem(self.tr("Any capability"), "")
        for capability in CAPABILITIES:
            self.capability_combo.addItem(capability_label(capability), capability)
        filters.addWidget(self.capability_combo)
        layout.addLayout(filters)

        self.proxy = ModelFilterProxy(self)
        self.proxy.setSourceModel(models)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.capability_combo.currentIndexChanged.connect(
            lambda _: self.proxy.set_capability(str(self.capability_combo.currentData() or ""))
        )

        self.table = QTableView()
        self.table.setObjectName("installedList")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ModelListModel.NAME, ASC)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setMouseTracking(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(ModelListModel.NAME, ModelRowDelegate(self.table))
        for column in range(1, models.columnCount()):
            self.table.setColumnHidden(column, True)
        self.table.horizontalHeader().setSectionResizeMode(
            ModelListModel.NAME, QHeaderView.ResizeMode.Stretch
        )
        self._fit_rows()
        self.table.activated.connect(
            lambda index: self.modelActivated.emit(index.data(MODEL_ROLE).name)
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        self.empty = QWidget()
        empty = QVBoxLayout(self.empty)
        empty.setContentsMargins(24, 24, 24, 24)
        empty.setSpacing(8)
        empty.addStretch(1)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.addWidget(self.empty_title)
        self.empty_label = WrappingLabel()
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.addWidget(self.empty_label)
        starters = QHBoxLayout()
        starters.addStretch(1)
        self.starter_buttons: list[QPushButton] = []
        for name in STARTERS:
            button = QPushButton(name)
            button.setToolTip(self.tr("Put {name} in the download field").format(name=name))
            button.clicked.connect(lambda _=False, chosen=name: self.starterChosen.emit(chosen))
            starters.addWidget(button)
            self.starter_buttons.append(button)
        starters.addStretch(1)
        empty.addLayout(starters)
        empty.addStretch(2)
        self.empty.hide()
        layout.addWidget(self.empty, 1)

        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        self._kept = ""
        models.modelAboutToBeReset.connect(self._keep_selection)
        models.modelReset.connect(self._restore_selection)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._count_changed)
        self._count_changed()

    def _sort_choices(self) -> list[tuple[str, int, Qt.SortOrder]]:
        return [
            (self.tr("Name"), ModelListModel.NAME, ASC),
            (self.tr("Newest"), ModelListModel.MODIFIED, DESC),
            (self.tr("Largest"), ModelListModel.SIZE, DESC),
            (self.tr("Most parameters"), ModelListModel.PARAMETERS, DESC),
        ]

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.heading.setText(self.tr("Installed"))
        self.sort_combo.setAccessibleName(self.tr("Sort the installed models"))
        self.sort_combo.setToolTip(self.tr("Sort by"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by name or family"))
        self.filter_edit.setAccessibleName(self.tr("Filter models by name or family"))
        self.capability_combo.setAccessibleName(self.tr("Show only models with a capability"))
        self.capability_combo.setItemText(0, self.tr("Any capability"))
        for index, capability in enumerate(CAPABILITIES, start=1):
            self.capability_combo.setItemText(index, capability_label(capability))
        for index, (label, _column, _order) in enumerate(self._sort_choices()):
            self.sort_combo.setItemText(index, label)
        self.table.setAccessibleName(self.tr("Installed models"))
        self._count_changed()

    def selected_model(self) -> LocalModel | None:
        rows = self.table.selectionModel().selectedRows()
        model = rows[0].data(MODEL_ROLE) if rows else None
        return model if isinstance(model, LocalModel) else None

    def select(self, name: str) -> bool:
        """Select the model called ``name`` if the list shows it (found in the model's own
        list: asking the view for every row's name took 25 ms for 2,000 models)."""
        row = self._models.row_of(name)
        index = self.proxy.mapFromSource(self._models.index(row, 0)) if row is not None else None
        if index is None or not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def shown_row(self, name: str) -> RowLayout | None:
        """What the row of ``name`` shows at the list's present width (None if filtered out)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, ModelListModel.NAME)
            model = index.data(MODEL_ROLE)
            if isinstance(model, LocalModel) and model.name == name:
                rect = self.table.visualRect(index)
                rect.setWidth(self.table.viewport().width())
                return lay_out_row(model, rect, self.table.font())
        return None

    def visible_rows(self) -> float:
        """How many rows the list has room for."""
        return self.table.viewport().height() / max(
            self.table.verticalHeader().defaultSectionSize(), 1
        )

    def show_empty(self, title: str, text: str = "", *, starters: bool = False) -> None:
        """In place of the list: why it is empty and what to do (no title: the list)."""
        self.empty_title.setText(title)
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        for button in self.starter_buttons:
            button.setVisible(starters)
        self.empty.setVisible(bool(title))
        self.table.setVisible(not title)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()
        if event.type() == QEvent.Type.LanguageChange:
            self._models.retranslate()
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _fit_rows(self) -> None:
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table.font()))

    def _sort_chosen(self, _index: int) -> None:
        column, order = self.sort_combo.currentData()
        self.table.sortByColumn(column, order)

    def _count_changed(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self._models.rowCount()
        text = str(total) if shown == total else self.tr("{shown} of {total}")
        self.count_label.setText(text.format(shown=shown, total=total))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selectionChanged.emit(self.selected_model())

    def _keep_selection(self) -> None:
        selected = self.selected_model()
        self._kept = selected.name if selected else ""

    def _restore_selection(self) -> None:
        """The model selected before a refresh, else the first: the details are never
        empty while there is a model to show."""
        if self._kept and self.select(self._kept):
            return
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.selectionChanged.emit(None)
