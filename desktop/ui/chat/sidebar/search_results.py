"""Search results in the sidebar: conversations whose title matches, then messages.

Each result is two compact lines of the same height: the conversation's title, then (for
a message) who wrote it and a clean one-line excerpt — no Markdown fences, no blank
lines — with the hit highlighted. Painted by a delegate: no widget per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.core.conversation import HIT_END, HIT_START, SearchHit
from desktop.core.conversation_groups import ConversationSummary
from desktop.core.messages import Role
from desktop.core.search_snippet import clean_snippet, mark_terms, split_marked
from desktop.ui.design import Colors, Radius, Space, colors_for
from desktop.ui.formatting import format_date

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 10
TARGET_ROLE = Qt.ItemDataRole.UserRole + 11
"""(conversation id, message id or None)."""
LINES_ROLE = Qt.ItemDataRole.UserRole + 12
"""The two marked lines of a result."""

SECTION, CONVERSATION, MESSAGE = "section", "conversation", "message"
TITLE_MATCHES = 100
"""At most this many conversations found by title are listed."""


@dataclass(frozen=True, slots=True)
class Result:
    kind: str
    first: str
    """The heading's text, or the title with its hits marked."""
    second: str = ""
    """The marked excerpt, or the conversation's model."""
    conversation_id: int = 0
    message_id: int | None = None
    tooltip: str = ""


def plain(marked: str) -> str:
    return marked.replace(HIT_START, "").replace(HIT_END, "")


class SearchResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._results: list[Result] = []

    def set_results(self, results: Sequence[Result]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def results(self) -> list[Result]:
        return list(self._results)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._results[index.row()].kind == SECTION:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            second = plain(result.second)
            return plain(result.first) + (f" — {second}" if second else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.tooltip or None
        if role == KIND_ROLE:
            return result.kind
        if role == TARGET_ROLE:
            return None if result.kind == SECTION else (result.conversation_id, result.message_id)
        if role == LINES_ROLE:
            return (result.first, result.second)
        return None


class ResultDelegate(QStyledItemDelegate):
    """Two lines per result, a small muted line per section heading; hits highlighted."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        if index.data(KIND_ROLE) == SECTION:
            return QSize(option.rect.width(), line + Space.M)
        return QSize(option.rect.width(), 2 * line + Space.S + Space.XS)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        app = QApplication.instance()
        colors = colors_for(bool(app is not None and app.property("parleyDark")))
        first, second = index.data(LINES_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = option.rect.adjusted(Space.XS, 1, -Space.XS, -1)
        if index.data(KIND_ROLE) == SECTION:
            font = QFont(option.font)
            font.setWeight(QFont.Weight.DemiBold)
            font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
            painter.setFont(font)
            painter.setPen(QColor(colors.muted))
            text_area = area.adjusted(Space.S - 2, 0, -Space.S, -2)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(text_area, int(flags), first)
            painter.restore()
            return
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.setBrush(QColor(colors.selected))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setBrush(QColor(colors.hover))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(area), Radius.M, Radius.M)
        widget = option.widget
        if state & QStyle.StateFlag.State_HasFocus and widget is not None and widget.hasFocus():
            painter.setPen(QColor(colors.focus))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(area).adjusted(0.5, 0.5, -0.5, -0.5), Radius.M, Radius.M)
        line = option.fontMetrics.height()
        inner = area.adjusted(Space.S, Space.XS, -Space.S, -Space.XS)
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        text = colors.selected_text if state & QStyle.StateFlag.State_Selected else colors.text
        draw_marked(
            painter,
            QRect(inner.x(), inner.y(), inner.width(), line),
            first,
            title_font,
            QColor(text),
            colors,
        )
        draw_marked(
            painter,
            QRect(inner.x(), inner.y() + line + 2, inner.width(), line),
            second,
            option.font,
            QColor(colors.muted),
            colors,
        )
        painter.restore()


def draw_marked(
    painter: QPainter, rect: QRect, marked: str, font: QFont, color: QColor, colors: Colors
) -> None:
    """One line of text with its hits on the highlight colour, elided with "…" at the right."""
    painter.setFont(font)
    metrics = QFontMetrics(font)
    x = rect.x()
    right = rect.right()
    baseline = rect.y() + (rect.height() + metrics.ascent() - metrics.descent()) // 2
    for words, hit in split_marked(marked):
        room = right - x
        if room <= metrics.horizontalAdvance("…"):
            break
        width = metrics.horizontalAdvance(words)
        shown = (
            words if width <= room else metrics.elidedText(words, Qt.TextElideMode.ElideRight, room)
        )
        width = metrics.horizontalAdvance(shown)
        if hit:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.hit_bg))
            painter.drawRoundedRect(QRectF(x - 1, rect.y(), width + 2, rect.height()), 3, 3)
            painter.setPen(QColor(colors.text))
        else:
            painter.setPen(color)
        painter.drawText(x, baseline, shown)
        x += width
        if shown != words:
            break


class SearchResultsView(QListView):
    chosen = Signal(int, object)
    """A result was clicked or activated: conversation id, message id or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.retranslate()
        self.model_ = SearchResultsModel()
        self.setModel(self.model_)
        self.setItemDelegate(ResultDelegate(self))
        self.setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Search results"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _chosen(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if target is not None:
            self.chosen.emit(target[0], target[1])

    def choose_row(self, row: int) -> None:
        """As a click on the row does."""
        self._chosen(self.model_.index(row))

    def lines(self) -> list[tuple[str, str]]:
        """Every result's two lines as shown (hits unmarked)."""
        return [(plain(r.first), plain(r.second)) for r in self.model_.results()]


class TitleIndex:
    """The titles of the listed conversations, folded once for every keystroke after."""

    def __init__(self, conversations: Sequence[ConversationSummary]) -> None:
        self.conversations = conversations
        self._folded = [summary.title.casefold() for summary in conversations]

    def find(self, terms: Sequence[str], untitled: str) -> list[Result]:
        """The conversations whose title contains every term (any case)."""
        wanted = [term.casefold() for term in terms]
        rows: Sequence[int] = range(len(self._folded))
        for term in wanted:
            rows = [row for row in rows if term in self._folded[row]]
        return [
            title_result(self.conversations[row], terms, untitled) for row in rows[:TITLE_MATCHES]
        ]


def title_result(summary: ConversationSummary, terms: Sequence[str], untitled: str) -> Result:
    return Result(
        CONVERSATION,
        mark_terms(summary.title or untitled, list(terms)),
        f"{summary.model} · {format_date(summary.updated_at)[:10]}",
        summary.id,
        tooltip=summary.title,
    )


def message_result(hit: SearchHit, you: str, answer: str, untitled: str) -> Result:
    author = you if hit.role is Role.USER else answer
    snippet = clean_snippet(hit.snippet)
    title = hit.conversation_title or untitled
    return Result(
        MESSAGE,
        title,
        f"{author}: {snippet}",
        hit.conversation_id,
        hit.message_id,
        tooltip=f"{title}\n{author}: {plain(snippet)}",
    )
