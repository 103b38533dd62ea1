"""Installed models as a Qt table model (one row per model).

Capabilities come from /api/tags when the server lists them there, otherwise from
/api/show, fetched later and handed in with :meth:`set_capabilities` (cached by digest,
so a renamed copy of the same model shows them at once).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.core.model_records import LocalModel
from desktop.core.model_tags import parse_parameter_count
from desktop.ui.formatting import format_bytes
from desktop.ui.models.capability_badges import capability_label

ModelIndex = QModelIndex | QPersistentModelIndex
MODEL_ROLE = Qt.ItemDataRole.UserRole + 1
CAPABILITIES_ROLE = Qt.ItemDataRole.UserRole + 3
CAPABILITIES = ("completion", "vision", "tools", "thinking", "embedding")


class ModelListModel(QAbstractTableModel):
    NAME, FAMILY, PARAMETERS, QUANTIZATION, SIZE, MODIFIED, CAPABILITY = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._models: list[LocalModel] = []
        self._capabilities: dict[str, tuple[str, ...]] = {}
        self._sort_column = self.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_models(self, models: list[LocalModel]) -> None:
        self.beginResetModel()
        self._models = self._sorted(models)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in Python, once per key: a proxy sorting 500 rows calls data() ~10k
        times. Selections survive (persistent indexes follow their models)."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(index, self._models[index.row()], index.column()) for index in before]
        self._models = self._sorted(self._models)
        rows = {id(model): row for row, model in enumerate(self._models)}
        self.changePersistentIndexList(
            before, [self.index(rows[id(model)], column) for _, model, column in moved]
        )
        self.layoutChanged.emit()

    def _sorted(self, models: list[LocalModel]) -> list[LocalModel]:
        descending = self._sort_order is Qt.SortOrder.DescendingOrder
        column = self._sort_column
        by_name = sorted(models, key=lambda m: m.name.lower(), reverse=descending)
        if column == self.NAME:
            return by_name
        return sorted(by_name, key=lambda m: self._sort_key(m, column), reverse=descending)

    def set_capabilities(self, digest: str, capabilities: tuple[str, ...]) -> None:
        """Capabilities learnt from /api/show for every model with this digest."""
        self._capabilities[digest] = capabilities
        for row, model in enumerate(self._models):
            if model.digest == digest:
                cell = self.index(row, self.CAPABILITY)
                self.dataChanged.emit(cell, cell)

    def capabilities(self, model: LocalModel) -> tuple[str, ...] | None:
        """None while not known yet."""
        if model.capabilities:
            return model.capabilities
        return self._capabilities.get(model.digest)

    def models(self) -> list[LocalModel]:
        return list(self._models)

    def names(self) -> list[str]:
        return [m.name for m in self._models]

    def find(self, name: str) -> LocalModel | None:
        return next((model for model in self._models if model.name == name), None)

    def row_of(self, name: str) -> int | None:
        return next((row for row, model in enumerate(self._models) if model.name == name), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._models)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.CAPABILITY + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]  # asked again after a language switch
        return None

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Family"),
            self.tr("Params"),
            self.tr("Quant"),
            self.tr("Size"),
            self.tr("Modified"),
            self.tr("Capabilities"),
        ]

    def retranslate(self) -> None:
        """Headers and cells again, in the language now in use."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.CAPABILITY)
        if self._models:
            last = self.index(len(self._models) - 1, self.CAPABILITY)
            self.dataChanged.emit(self.index(0, 0), last)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        model = self._models[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(model, column)
        if role == CAPABILITIES_ROLE:
            return self.capabilities(model) or ()
        if role == Qt.ItemDataRole.ToolTipRole:
            from desktop.ui.models.model_explanation import model_tooltip  # not needed at startup

            return model_tooltip(model, self.capabilities(model))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.description(model)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SIZE, self.PARAMETERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == MODEL_ROLE:
            return model
        return None

    def description(self, model: LocalModel) -> str:
        """Everything a row shows, in one line: the name whole, then its figures."""
        parts = [model.name]
        if model.parameter_size:
            parts.append(self.tr("{count} parameters").format(count=model.parameter_size))
        parts += [part for part in (model.quantization, model.family) if part]
        parts.append(format_bytes(model.size))
        known = self.capabilities(model)
        if known:
            words = ", ".join(capability_label(c) for c in known)
            parts.append(self.tr("can: {list}").format(list=words))
        return ", ".join(parts)

    def _display(self, model: LocalModel, column: int) -> str:
        """Only the cell asked for is formatted: sorting 500 rows asks a lot."""
        if column == self.NAME:
            return model.name
        if column == self.FAMILY:
            return model.family
        if column == self.PARAMETERS:
            return model.parameter_size
        if column == self.QUANTIZATION:
            return model.quantization
        if column == self.SIZE:
            return format_bytes(model.size)
        if column == self.MODIFIED:
            return model.modified_at.astimezone().date().isoformat() if model.modified_at else ""
        known = self.capabilities(model)
        return " · ".join(capability_label(c) for c in known) if known is not None else "…"

    def _sort_key(self, model: LocalModel, column: int) -> tuple[float, str]:
        """Numbers sort as numbers (sizes, dates, parameter counts), the rest as text."""
        if column == self.SIZE:
            return (float(model.size), "")
        if column == self.MODIFIED:
            return (model.modified_at.timestamp() if model.modified_at else 0.0, "")
        if column == self.PARAMETERS:
            return (_parameter_count(model.parameter_size), "")
        return (0.0, self._display(model, column).lower())


def _parameter_count(text: str) -> float:
    return (parse_parameter_count(text) or 0.0) if text else 0.0
