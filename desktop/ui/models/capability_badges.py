"""Capabilities drawn as small coloured badges in the list, with words for each."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.models.model_list_model import CAPABILITIES_ROLE

BADGE_COLORS = {
    "completion": "#5f6368",
    "vision": "#1a73e8",
    "tools": "#188038",
    "thinking": "#9334e6",
    "embedding": "#e37400",
}


def capability_label(capability: str) -> str:
    labels = {
        "completion": QCoreApplication.translate("Capability", "chat"),
        "vision": QCoreApplication.translate("Capability", "vision"),
        "tools": QCoreApplication.translate("Capability", "tools"),
        "thinking": QCoreApplication.translate("Capability", "thinking"),
        "embedding": QCoreApplication.translate("Capability", "embedding"),
    }
    return labels.get(capability, capability)


class CapabilityBadges(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        capabilities = index.data(CAPABILITIES_ROLE)
        if not capabilities:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = option.font
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 6.0))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        x = option.rect.x() + 4
        height = metrics.height() + 4
        y = option.rect.y() + (option.rect.height() - height) // 2
        for capability in capabilities:
            text = capability_label(capability)
            width = metrics.horizontalAdvance(text) + 10
            if x + width > option.rect.right():
                break
            badge = QRect(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE_COLORS.get(capability, "#5f6368")))
            painter.drawRoundedRect(badge, height / 2, height / 2)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        capabilities = index.data(CAPABILITIES_ROLE) or ()
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(capability_label(c)) + 14 for c in capabilities)
        return QSize(max(hint.width(), width + 8), hint.height())
