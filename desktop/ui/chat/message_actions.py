"""A message's actions: Copy, Edit or Regenerate, Delete, and ‹ n/m › between versions.

The actions show while the pointer is over the message or keyboard focus is inside it
(Tab into the message reaches them), and keep their room while hidden, so that nothing
moves when they appear. Showing them is a show() of one small widget: no effect, no
relayout of the message. Texts keep the "MessageBubble" translation context they had.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from desktop.core.messages import Role
from desktop.ui.icons import icon

ICON_PX = 15


def action_button(
    name: str, text: str, tip: str, object_name: str = "messageAction"
) -> QToolButton:
    """A quiet icon button with its tooltip and a name a screen reader says."""
    button = QToolButton()
    button.setObjectName(object_name)
    button.setIcon(icon(name, "muted", "text"))
    button.setIconSize(QSize(ICON_PX, ICON_PX))
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class MessageActions(QWidget):
    """Copy, then Edit (the person's messages) or Regenerate (answers), then Delete."""

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageActions")
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # appearing moves nothing
        self.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.copy_button = action_button(
            "copy",
            QCoreApplication.translate("MessageBubble", "Copy"),
            QCoreApplication.translate("MessageBubble", "Copy this message"),
        )
        self.own_button = (
            action_button(
                "pencil",
                QCoreApplication.translate("MessageBubble", "Edit"),
                QCoreApplication.translate("MessageBubble", "Edit and send again"),
            )
            if role is Role.USER
            else action_button(
                "refresh-cw",
                QCoreApplication.translate("MessageBubble", "Regenerate"),
                QCoreApplication.translate("MessageBubble", "Answer again"),
            )
        )
        self.delete_button = action_button(
            "trash-2",
            QCoreApplication.translate("MessageBubble", "Delete"),
            QCoreApplication.translate("MessageBubble", "Delete this message"),
        )
        for button in self.buttons():
            layout.addWidget(button)
        self.hide()

    def buttons(self) -> list[QToolButton]:
        return [self.copy_button, self.own_button, self.delete_button]

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons():
            button.setEnabled(enabled)


class VersionSwitch(QWidget):
    """‹ n/m ›: shown whenever a message has other versions (alternative answers or
    edited messages), so that a person sees there is more than one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionSwitch")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.previous_button = action_button(
            "chevron-left",
            "‹",
            QCoreApplication.translate("MessageBubble", "Previous version"),
            "versionButton",
        )
        self.label = QLabel()
        self.label.setObjectName("siblingLabel")
        self.next_button = action_button(
            "chevron-right",
            "›",
            QCoreApplication.translate("MessageBubble", "Next version"),
            "versionButton",
        )
        for widget in (self.previous_button, self.label, self.next_button):
            layout.addWidget(widget)
        self.hide()

    def set_position(self, index: int, count: int) -> None:
        """This message is version ``index`` (0-based) of ``count``."""
        self.setVisible(count > 1)
        self.label.setText(f"{index + 1}/{count}")
        self.label.setAccessibleName(
            QCoreApplication.translate("MessageBubble", "Version {n} of {count}").format(
                n=index + 1, count=count
            )
        )
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
