"""Says whether Ollama is reachable and, if not, what to do about it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.i18n_core import core_text
from desktop.ui.ollama_monitor import OllamaStatus


class StatusBanner(QFrame):
    retryRequested = Signal()
    hostChangeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setOpenExternalLinks(True)
        self.message.setAccessibleName(self.tr("Ollama status"))
        layout.addWidget(self.message, 1)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setAccessibleName(self.tr("Check Ollama again"))
        self.retry_button.clicked.connect(self.retryRequested)
        layout.addWidget(self.retry_button)
        self.host_button = QPushButton(self.tr("Set host…"))
        self.host_button.setAccessibleName(self.tr("Set the Ollama host address"))
        self.host_button.clicked.connect(self.hostChangeRequested)
        layout.addWidget(self.host_button)

    def show_status(self, status: OllamaStatus) -> None:
        problem = status.reachable is False
        self.setProperty("problem", problem)
        self.style().unpolish(self)
        self.style().polish(self)
        self.retry_button.setVisible(problem)
        if status.reachable is None:
            self.message.setText(
                self.tr("Connecting to Ollama at {host}…").format(host=status.host)
            )
        elif status.reachable:
            self.message.setText(
                self.tr("Ollama {version} at {host}").format(
                    version=status.version, host=status.host
                )
            )
        else:
            guidance = (
                core_text(status.error.message)
                if status.error
                else self.tr("Start it with `ollama serve`, or set the host.")
            )
            self.message.setText(
                self.tr("<b>Ollama is not reachable.</b> {guidance}").format(
                    guidance=_escape(guidance)
                )
            )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
