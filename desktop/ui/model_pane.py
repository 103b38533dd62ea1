"""The list of installed models, sortable and filterable, with refresh."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from desktop.ui.model_list_model import MODEL_ROLE, SORT_ROLE, ModelListModel
from desktop.ui.ollama_monitor import OllamaMonitor, OllamaStatus


class ModelPane(QWidget):
    modelChosen = Signal(str)

    def __init__(
        self, models: ModelListModel, monitor: OllamaMonitor, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._models = models
        self._monitor = monitor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        header = QHBoxLayout()
        self.title = QLabel(self.tr("Models"))
        self.title.setObjectName("paneTitle")
        header.addWidget(self.title, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the list of models"))
        self.refresh_button.clicked.connect(monitor.refresh)
        header.addWidget(self.refresh_button)
        layout.addLayout(header)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter models"))
        self.filter_edit.setAccessibleName(self.tr("Filter models by name"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)

        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(models)
        self._proxy.setSortRole(SORT_ROLE)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._proxy.setFilterKeyColumn(ModelListModel.NAME)
        self.filter_edit.textChanged.connect(self._proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setModel(self._proxy)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ModelListModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(ModelListModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ModelListModel.SIZE, ModelListModel.PARAMETERS, ModelListModel.QUANTIZATION):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("hint")
        layout.addWidget(self.empty_label)

        monitor.statusChanged.connect(self._status_changed)
        models.modelReset.connect(self._update_empty_hint)
        self._update_empty_hint()

    def selected_model(self) -> LocalModel | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        model = rows[0].data(MODEL_ROLE)
        return model if isinstance(model, LocalModel) else None

    def _activated(self, index: QModelIndex) -> None:
        model = index.data(MODEL_ROLE)
        if isinstance(model, LocalModel):
            self.modelChosen.emit(model.name)

    def _status_changed(self, status: OllamaStatus) -> None:
        self.title.setText(self.tr("Models on {host}").format(host=status.host))
        self.title.setToolTip(
            self.tr("Ollama {version}").format(version=status.version) if status.version else ""
        )
        self._update_empty_hint()

    def _update_empty_hint(self) -> None:
        if self._models.rowCount() > 0:
            self.empty_label.hide()
            return
        reachable = self._monitor.status.reachable
        self.empty_label.setText(
            self.tr("No models installed yet. Pull one with `ollama pull qwen3:0.6b`.")
            if reachable
            else self.tr("Models appear here once Ollama is reachable.")
        )
        self.empty_label.show()
