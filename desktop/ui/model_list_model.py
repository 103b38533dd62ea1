"""Installed models as a Qt table model (one row per model)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.core.model_records import LocalModel
from desktop.ui.formatting import format_bytes

ModelIndex = QModelIndex | QPersistentModelIndex
MODEL_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class ModelListModel(QAbstractTableModel):
    NAME, SIZE, PARAMETERS, QUANTIZATION = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._models: list[LocalModel] = []
        self._headers = [
            self.tr("Name"),
            self.tr("Size"),
            self.tr("Params"),
            self.tr("Quant"),
        ]

    def set_models(self, models: list[LocalModel]) -> None:
        self.beginResetModel()
        self._models = sorted(models, key=lambda m: m.name.lower())
        self.endResetModel()

    def models(self) -> list[LocalModel]:
        return list(self._models)

    def names(self) -> list[str]:
        return [m.name for m in self._models]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._models)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        model = self._models[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                model.name,
                format_bytes(model.size),
                model.parameter_size,
                model.quantization,
            )[column]
        if role == SORT_ROLE:
            return (model.name.lower(), model.size, model.parameter_size, model.quantization)[
                column
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{name}\n{size} on disk · family {family} · digest {digest}").format(
                name=model.name,
                size=format_bytes(model.size),
                family=model.family or "?",
                digest=model.digest[:12],
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == MODEL_ROLE:
            return model
        return None
