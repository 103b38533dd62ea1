"""The sidebar folded to a strip of icons (Ctrl+B) and opened again at its former width."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QVBoxLayout, QWidget

from desktop.ui.chat.pane_widths import margins_between, share, splitter_pane
from desktop.ui.design import Space
from desktop.ui.icons import icon

STRIP_WIDTH = 48
EXPANDED_WIDTH = 272
MAX_WIDTH = 16_777_215  # QWIDGETSIZE_MAX

if TYPE_CHECKING:

    class _Sidebar(QWidget):
        """What folding uses of :class:`ConversationSidebar`."""

        panel: QWidget
        strip: QWidget
        search_box: QLineEdit
        collapsedChanged: SignalInstance
        _collapsed: bool
        _expanded_width: int

        def _new(self) -> None: ...
        def focus_search(self) -> None: ...

else:
    _Sidebar = object


class SidebarCollapse(_Sidebar):
    def _icon_button(self, name: str) -> QToolButton:
        """An icon-only button; its name and tooltip are set in retranslate()."""
        button = QToolButton()
        button.setObjectName("sidebarIcon")
        button.setIcon(icon(name))
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def _build_strip(self) -> QWidget:
        strip = QWidget()
        strip.setObjectName("sidebarStrip")
        strip.setFixedWidth(STRIP_WIDTH)
        column = QVBoxLayout(strip)
        column.setContentsMargins(Space.XS, Space.S, Space.XS, Space.S)
        column.setSpacing(Space.XS)
        self.expand_button = self._icon_button("panel-left")
        self.expand_button.clicked.connect(lambda: self.set_collapsed(False))
        strip_new = self.strip_new = self._icon_button("square-pen")
        strip_new.clicked.connect(self._new)
        strip_search = self.strip_search = self._icon_button("search")
        strip_search.clicked.connect(self.focus_search)
        for button in (self.expand_button, strip_new, strip_search):
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        return strip

    @property
    def collapsed(self) -> bool:
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the sidebar to a strip of icons, or open it at its former width."""
        if collapsed == self._collapsed:
            return
        splitter, pane = splitter_pane(self)
        if collapsed:
            if pane.isVisible() and pane.width() > STRIP_WIDTH:
                self._expanded_width = pane.width()
            focused = QApplication.focusWidget()
            had_focus = focused is not None and self.panel.isAncestorOf(focused)
            self.panel.hide()
            self.strip.show()
            collapsed_width = STRIP_WIDTH + margins_between(self, pane)
            pane.setMaximumWidth(collapsed_width)
            if splitter is not None:
                share(splitter, pane, collapsed_width)
            if had_focus:
                self.expand_button.setFocus()
        else:
            self.strip.hide()
            self.panel.show()
            pane.setMaximumWidth(MAX_WIDTH)
            if splitter is not None:
                share(splitter, pane, self._expanded_width)
        self._collapsed = collapsed
        self.collapsedChanged.emit(collapsed)
