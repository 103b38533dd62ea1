"""The list of saved prompts that `/` opens under the composer's caret.

It floats over the window as a child widget (not a popup window), so the composer keeps
the keyboard: the composer forwards ↑/↓/Enter/Esc to it (see prompt_slash.py) and every
other key goes on filtering. The mouse picks a row with a click.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.prompt_library import Prompt, matching
from desktop.ui.design import Space

WIDTH = 380
MAX_ROWS = 6
ROW_HEIGHT = 46
PROMPT_ROLE = Qt.ItemDataRole.UserRole


class _PromptRow(QStyledItemDelegate):
    """A prompt's name over the first line of its text, muted and elided."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(WIDTH - 16, ROW_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        prompt = index.data(PROMPT_ROLE)
        if not isinstance(prompt, Prompt):
            return
        palette = option.palette
        rect: QRect = option.rect
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        widget = background.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The row's background as the look's ::item:selected / :hover rules draw it.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        painter.save()
        inner = rect.adjusted(Space.M, 5, -Space.M, -5)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        name_metrics = QFontMetrics(bold)
        name = prompt.name
        if prompt.variables:
            name += "  ·  " + ", ".join("{" + v + "}" for v in prompt.variables)
        painter.drawText(
            inner.adjusted(0, 0, 0, -inner.height() // 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.setFont(option.font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        preview = " ".join(prompt.text.split())
        painter.drawText(
            inner.adjusted(0, inner.height() // 2, 0, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(option.font).elidedText(
                preview, Qt.TextElideMode.ElideRight, inner.width()
            ),
        )
        painter.restore()


class PromptPicker(QFrame):
    chosen = Signal(object)  # Prompt
    manageRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPicker")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XS, Space.XS, Space.XS, Space.XS)
        layout.setSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName("promptPickerHeading")
        layout.addWidget(self.heading)
        self.list = QListWidget()
        self.list.setObjectName("promptPickerList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setItemDelegate(_PromptRow(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(lambda item: self.chosen.emit(item.data(PROMPT_ROLE)))
        layout.addWidget(self.list)
        self.empty = QLabel()
        self.empty.setObjectName("promptPickerEmpty")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.manage = QPushButton()
        self.manage.setObjectName("promptPickerManage")
        self.manage.setProperty("kind", "quiet")
        self.manage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.manage.clicked.connect(self.manageRequested)
        layout.addWidget(self.manage)
        self._query = ""
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.heading.setText(self.tr("Prompts"))
        self.list.setAccessibleName(self.tr("Saved prompts"))
        self.manage.setText(self.tr("Manage prompts…"))
        self.empty.setText(self.tr("No prompt matches “{query}”.").format(query=self._query))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_matches(self, prompts: list[Prompt], query: str) -> int:
        """List the prompts matching ``query`` (the best first, selected); how many."""
        self._query = query
        found = matching(prompts, query)
        self.list.clear()
        for prompt in found:
            item = QListWidgetItem(prompt.name)
            item.setData(PROMPT_ROLE, prompt)
            item.setToolTip(prompt.text[:500])
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(found))
        self.empty.setVisible(not found)
        self.retranslate()
        self.list.setFixedHeight(min(len(found), MAX_ROWS) * ROW_HEIGHT + 4)
        return len(found)

    def place(self, caret: QRect, owner: QWidget) -> None:
        """Show under ``caret`` (in ``owner``'s coordinates), or above it when the window
        has no room below; kept inside the window."""
        parent = self.parentWidget()
        assert parent is not None
        self.setFixedWidth(min(WIDTH, parent.width() - 2 * Space.S))
        self.adjustSize()
        below = owner.mapTo(parent, caret.bottomLeft() + QPoint(0, 4))
        # Above, it clears the whole box it was opened from (not just the caret's line).
        top = min(caret.top(), 0) - Space.S - 4
        above = owner.mapTo(parent, QPoint(caret.left(), top - self.height()))
        spot = below if below.y() + self.height() <= parent.height() - Space.S else above
        x = max(Space.S, min(spot.x() - Space.M, parent.width() - self.width() - Space.S))
        self.move(x, max(Space.S, spot.y()))
        self.show()
        self.raise_()

    def current(self) -> Prompt | None:
        item = self.list.currentItem()
        prompt = item.data(PROMPT_ROLE) if item is not None and self.list.isVisible() else None
        return prompt if isinstance(prompt, Prompt) else None

    def move_selection(self, step: int) -> None:
        count = self.list.count()
        if count:
            self.list.setCurrentRow((self.list.currentRow() + step) % count)
