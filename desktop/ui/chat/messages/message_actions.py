"""A message's footer: Copy, Edit or Regenerate, Delete, ‹ n/m › between versions, and
the statistics line.

The actions show while the pointer is over the message or keyboard focus is inside it
(Tab into the message reaches them), and keep their room while hidden, so that nothing
moves when they appear. Showing them is a show() of one small widget: no effect, no
relayout of the message. They and ‹ n/m › are built when first needed (MessageFooter).
Texts keep the "MessageBubble" translation context they had.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

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
        self.copy_menu = QMenu(self.copy_button)  # Copy copies markdown; the arrow offers both
        self.copy_markdown = self.copy_menu.addAction(
            QCoreApplication.translate("MessageBubble", "Copy as markdown")
        )
        self.copy_plain = self.copy_menu.addAction(
            QCoreApplication.translate("MessageBubble", "Copy as plain text")
        )
        self.copy_button.setMenu(self.copy_menu)
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
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


def _action_room(role: Role) -> QSize:
    """How much room a message's actions take (measured once per style sheet on a row
    that is never shown): kept free before the row is built, so nothing moves."""
    app = QApplication.instance()
    sheet = app.styleSheet() if isinstance(app, QApplication) else ""
    key = (role, sheet)
    if key not in _ROOMS:
        for stale in [known for known in _ROOMS if known[1] != sheet]:
            del _ROOMS[stale]
        row = MessageActions(role)
        row.ensurePolished()
        _ROOMS[key] = row.sizeHint()
        row.deleteLater()
    return _ROOMS[key]


_ROOMS: dict[tuple[Role, str], QSize] = {}


def _last_in_focus_chain(widget: QWidget) -> QWidget:
    """The last of ``widget`` and its children that Tab stops at (they follow each other
    in the chain; setTabOrder ignores a widget that takes no focus)."""
    last, following = widget, widget.nextInFocusChain()
    while following is not None and widget.isAncestorOf(following):
        if following.focusPolicy() != Qt.FocusPolicy.NoFocus:
            last = following
        following = following.nextInFocusChain()
    return last


class MessageFooter(QHBoxLayout):
    """Under a message: ‹ n/m ›, the statistics line, the actions (answers: in this order;
    the person's messages: on the right, under the card).

    ‹ n/m › and the actions are built the first time they are needed (a second version;
    the pointer or keyboard focus on the message; a click asking for a button): most
    messages of a long conversation never need them, and it opens faster without them.
    Until then a hidden placeholder keeps the actions' room (a spacer would not: a row of
    spacers and hidden widgets counts as empty and loses its spacing), and once built
    they take their place in the Tab order right after the message's text.
    """

    def __init__(
        self,
        role: Role,
        owner: QWidget,
        text: QWidget,
        flip: Callable[[int], None],
        wire: Callable[[MessageActions], None],
    ) -> None:
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(6)
        self._role, self._owner, self._text = role, owner, text
        self._flip, self._wire = flip, wire
        self._versions: VersionSwitch | None = None
        self._actions: MessageActions | None = None
        self.label = QLabel(owner)  # in its parent from the start: styled once
        self.label.setObjectName("bubbleFooter")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.hide()
        if role is Role.USER:
            self.addStretch(1)
            self.addWidget(self.label)
        else:
            self.addWidget(self.label, 1)
        self._room = QWidget(owner)  # never shown, never styled
        self._room.setFixedSize(_action_room(role))
        keep = self._room.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self._room.setSizePolicy(keep)
        self._room.hide()
        self.addWidget(self._room, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def versions(self) -> VersionSwitch:
        if self._versions is None:
            versions = VersionSwitch(self._owner)
            versions.previous_button.clicked.connect(lambda: self._flip(-1))
            versions.next_button.clicked.connect(lambda: self._flip(1))
            at = self.indexOf(self.label) + (1 if self._role is Role.USER else 0)
            self.insertWidget(at, versions)
            QWidget.setTabOrder(_last_in_focus_chain(self._text), versions.previous_button)
            QWidget.setTabOrder(versions.previous_button, versions.next_button)
            self._versions = versions
        return self._versions

    @property
    def actions_built(self) -> bool:
        return self._actions is not None

    @property
    def actions(self) -> MessageActions:
        if self._actions is None:
            actions = MessageActions(self._role, self._owner)
            at = self.indexOf(self._room)
            self.removeWidget(self._room)
            self._room.deleteLater()
            self.insertWidget(at, actions, 0, Qt.AlignmentFlag.AlignTop)
            before = self._versions.next_button if self._versions else self._text
            for button in actions.buttons():
                QWidget.setTabOrder(_last_in_focus_chain(before), button)
                before = button
            self._wire(actions)
            self._actions = actions
        return self._actions

    def set_position(self, index: int, count: int) -> None:
        """The message is version ``index`` (0-based) of ``count``."""
        if count > 1 or self._versions is not None:
            self.versions.set_position(index, count)

    def versions_text(self) -> str:
        return self._versions.text() if self._versions is not None else ""
