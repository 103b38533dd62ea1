"""Discover's result lists: Hugging Face repos and Ollama library models, two lines a row.

    unsloth/Qwen3-4B-Instruct-2507-GGUF                          🔒
    ↓ 182.3K · ♥ 512 · 2025-08-06 · apache-2.0

    qwen3                                          [tools] [thinking]
    Qwen3: dense and mixture-of-experts models … · 0.6b–235b

Every row has the same height (``uniformItemSizes``): 100 results are laid out without
asking each row, and a row is painted only when it is on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.core.ollama_library import LibraryModel
from desktop.services.hub_search import HubModel
from desktop.ui.icons import icon
from desktop.ui.models.capability_badges import capability_label, draw_badges
from desktop.ui.models.model_row import (
    PAD_X,
    draw_row_background,
    name_font,
    row_height,
    small_font,
)
from desktop.ui.theme import colors_for, is_dark

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 11
LOCK_SIZE = 14


def short_count(count: int) -> str:
    """182345 → 182.3K, 1200000 → 1.2M."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}M"
    if count >= 1_000:
        return f"{count / 1_000:.1f}K"
    return str(count)


def hub_facts(model: HubModel) -> str:
    parts = [f"↓ {short_count(model.downloads)}", f"♥ {short_count(model.likes)}"]
    if model.updated is not None:
        parts.append(model.updated.strftime("%Y-%m-%d"))
    if model.license:
        parts.append(model.license)
    return " · ".join(parts)


def library_facts(model: LibraryModel) -> str:
    tags = [tag.tag for tag in model.tags]
    span = tags[0] if len(tags) == 1 else f"{tags[0]}–{tags[-1]}"
    return f"{span} · {model.described(QLocale().name())}"


def _tooltip(item: HubModel | LibraryModel) -> str:
    if isinstance(item, HubModel):
        text = f"{item.repo_id}\n{hub_facts(item)}"
        if item.gated:
            text += "\n" + QCoreApplication.translate(
                "DiscoverResults", "Gated: its licence must be accepted on huggingface.co"
            )
        return text
    capabilities = ", ".join(capability_label(c) for c in item.capabilities)
    return f"{item.name}\n{item.described(QLocale().name())}\n{capabilities}"


class ResultsModel(QAbstractListModel):
    """A list of HubModel or LibraryModel rows, replaced whole on each answer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[HubModel | LibraryModel] = []

    def set_items(self, items: Sequence[HubModel | LibraryModel]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> HubModel | LibraryModel | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item(index.row())
        if item is None:
            return None
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.repo_id if isinstance(item, HubModel) else item.name
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return _tooltip(item)
        return None


class ResultDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ITEM_ROLE)
        draw_row_background(self, painter, option, index)
        if not isinstance(item, HubModel | LibraryModel):
            return
        app = QApplication.instance()
        colors = colors_for(isinstance(app, QApplication) and is_dark(app))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        strong = QColor(colors.selected_text if selected else colors.text)
        muted = QColor(colors.selected_text if selected else colors.muted)
        bold, small = name_font(option.font), small_font(option.font)
        bold_metrics, small_metrics = QFontMetrics(bold), QFontMetrics(small)
        box = option.rect.adjusted(PAD_X, 8, -PAD_X, -8)
        first = QRect(box.left(), box.top(), box.width(), bold_metrics.height())
        second = QRect(box.left(), first.bottom() + 4, box.width(), small_metrics.height() + 2)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        right_used = 0
        if isinstance(item, HubModel):
            name, facts = item.repo_id, hub_facts(item)
            if item.gated:
                lock = icon("lock", "caution", "selected_text")
                mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
                top = first.center().y() - LOCK_SIZE // 2
                lock.paint(
                    painter,
                    QRect(first.right() - LOCK_SIZE, top, LOCK_SIZE, LOCK_SIZE),
                    Qt.AlignmentFlag.AlignCenter,
                    mode,
                )
                right_used = LOCK_SIZE + PAD_X
        else:
            name, facts = item.name, library_facts(item)
            room = max(first.width() - bold_metrics.horizontalAdvance(name) - PAD_X, 0)
            right_used = draw_badges(
                painter, first.right(), first.center().y(), item.capabilities, small, colors, room
            )
            right_used += PAD_X if right_used else 0
        painter.setFont(bold)
        painter.setPen(strong)
        shown = bold_metrics.elidedText(
            name, Qt.TextElideMode.ElideMiddle, max(first.width() - right_used, 0)
        )
        painter.drawText(first.adjusted(0, 0, -right_used, 0), left, shown)
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(
            second,
            left,
            small_metrics.elidedText(facts, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(240, row_height(option.font))


class ResultsView(QListView):
    """The list widget both sources share."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discoverList")
        self.results = ResultsModel(self)
        self.setModel(self.results)
        self.setItemDelegate(ResultDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)

    def current_item(self) -> HubModel | LibraryModel | None:
        return self.results.item(self.currentIndex().row())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.viewport().update()  # the library's descriptions in the new language

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.results.index(row, 0))
