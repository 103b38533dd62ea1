"""The list of configured servers: each with its state dot, name, what it runs, and an
on/off switch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.tools.manager import ServerStatus
from desktop.tools.server_config import ServerConfig, Transport
from desktop.ui.design import Space
from desktop.ui.tools.state_words import set_state, state_dot, state_key, state_words

NAME_ROLE = Qt.ItemDataRole.UserRole
ROW_HEIGHT = 58


class ServerRow(QWidget):
    toggled = Signal(str, bool)

    def __init__(self, config: ServerConfig, status: ServerStatus) -> None:
        super().__init__()
        self.name = config.name
        self.dot = state_dot()
        self.title = QLabel(config.name)
        self.title.setObjectName("serverName")
        self.meta = QLabel()
        self.meta.setObjectName("serverMeta")
        self.switch = QCheckBox()
        self.switch.setChecked(config.enabled)
        self.switch.toggled.connect(lambda on: self.toggled.emit(self.name, on))
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.meta)
        row = QHBoxLayout(self)
        row.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        row.setSpacing(Space.S + 2)
        self.setMinimumHeight(ROW_HEIGHT)
        row.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(words, 1)
        row.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_state(config, status)
        self.retranslate()

    def show_state(self, config: ServerConfig, status: ServerStatus) -> None:
        self._config, self._status = config, status
        set_state(self.dot, state_key(config, status))
        self.meta.setText(state_words(config, status))
        kind = self.tr("Local command") if config.transport is Transport.STDIO else self.tr("URL")
        self.setToolTip(f"{kind}: {config.identity}")

    def retranslate(self) -> None:
        self.switch.setAccessibleName(self.tr("Use {name}").format(name=self.name))
        self.switch.setToolTip(self.tr("On: its tools can be offered to models"))
        self.show_state(self._config, self._status)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class ServerList(QListWidget):
    """Rows by server name; ``chosen`` when the selection moves, ``toggled`` by a switch."""

    chosen = Signal(str)
    toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverList")
        self.setSpacing(0)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._rows: dict[str, ServerRow] = {}
        self.currentItemChanged.connect(self._current_changed)

    def set_servers(self, servers: list[tuple[ServerConfig, ServerStatus]]) -> None:
        keep = self.current_name()
        self.blockSignals(True)
        try:
            self.clear()
            self._rows = {}
            for config, status in servers:
                item = QListWidgetItem()
                item.setData(NAME_ROLE, config.name)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, config.name)
                row = ServerRow(config, status)
                row.toggled.connect(self.toggled)
                item.setSizeHint(QSize(0, max(ROW_HEIGHT, row.sizeHint().height())))
                self.addItem(item)
                self.setItemWidget(item, row)
                self._rows[config.name] = row
        finally:
            self.blockSignals(False)
        names = [config.name for config, _ in servers]
        if names:
            self.choose(keep if keep in names else names[0])

    def show_state(self, config: ServerConfig, status: ServerStatus) -> None:
        row = self._rows.get(config.name)
        if row is not None:
            row.show_state(config, status)

    def server_row(self, name: str) -> ServerRow:
        return self._rows[name]

    def current_name(self) -> str:
        item = self.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else ""

    def choose(self, name: str) -> None:
        for index in range(self.count()):
            item = self.item(index)
            if item.data(NAME_ROLE) == name:
                self.setCurrentItem(item)
                return

    def _current_changed(self, current: QListWidgetItem | None, _old: object) -> None:
        self.chosen.emit(str(current.data(NAME_ROLE)) if current is not None else "")
