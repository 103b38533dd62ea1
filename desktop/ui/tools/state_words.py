"""How a server's state reads and looks: its words, and the dot beside its name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from desktop.tools.manager import ServerState, ServerStatus
from desktop.tools.server_config import ServerConfig


def state_words(config: ServerConfig, status: ServerStatus) -> str:
    # Spelled out each time: lupdate reads only QCoreApplication.translate("Context", ...).
    if not config.enabled:
        return QCoreApplication.translate("ToolsPage", "Off")
    return {
        ServerState.STOPPED: QCoreApplication.translate("ToolsPage", "Starts when needed"),
        ServerState.STARTING: QCoreApplication.translate("ToolsPage", "Starting…"),
        ServerState.RUNNING: QCoreApplication.translate(
            "ToolsPage", "Running · {count} tools"
        ).format(count=len(status.tools)),
        ServerState.FAILED: QCoreApplication.translate("ToolsPage", "Failed"),
    }[status.state]


def state_key(config: ServerConfig, status: ServerStatus) -> str:
    return "off" if not config.enabled else status.state.value


def state_dot(parent: QWidget | None = None) -> QLabel:
    dot = QLabel(parent)
    dot.setObjectName("stateDot")
    dot.setFixedSize(8, 8)
    return dot


def set_state(label: QLabel, key: str) -> None:
    """Give ``label`` the look of ``key`` (its ``state`` property, re-polished)."""
    if label.property("state") == key:
        return
    label.setProperty("state", key)
    label.style().unpolish(label)
    label.style().polish(label)
