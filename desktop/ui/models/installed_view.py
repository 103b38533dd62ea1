"""The installed models: a filter field, a capability filter and the sortable table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model_records import LocalModel
from desktop.ui.models.capability_badges import CapabilityBadges, capability_label
from desktop.ui.models.model_filter import ModelFilterProxy
from desktop.ui.models.model_list_model import CAPABILITIES, MODEL_ROLE, ModelListModel


class InstalledModelsView(QWidget):
    selectionChanged = Signal(object)  # LocalModel | None
    modelActivated = Signal(str)

    def __init__(self, models: ModelListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        filters = QHBoxLayout()
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
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ModelListModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setItemDelegateForColumn(ModelListModel.CAPABILITY, CapabilityBadges(self.table))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(ModelListModel.NAME, QHeaderView.ResizeMode.Stretch)
        widths = {
            ModelListModel.FAMILY: 72,
            ModelListModel.PARAMETERS: 60,
            ModelListModel.QUANTIZATION: 66,
            ModelListModel.SIZE: 78,
            ModelListModel.MODIFIED: 88,
            ModelListModel.CAPABILITY: 180,
        }
        head.setMinimumSectionSize(48)
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(
            lambda index: self.modelActivated.emit(index.data(MODEL_ROLE).name)
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self._kept = ""
        models.modelAboutToBeReset.connect(self._keep_selection)
        models.modelReset.connect(self._restore_selection)

    def selected_model(self) -> LocalModel | None:
        rows = self.table.selectionModel().selectedRows()
        model = rows[0].data(MODEL_ROLE) if rows else None
        return model if isinstance(model, LocalModel) else None

    def select(self, name: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, ModelListModel.NAME)
            if index.data() == name:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selectionChanged.emit(self.selected_model())

    def _keep_selection(self) -> None:
        selected = self.selected_model()
        self._kept = selected.name if selected else ""

    def _restore_selection(self) -> None:
        if not (self._kept and self.select(self._kept)):
            self.selectionChanged.emit(None)
