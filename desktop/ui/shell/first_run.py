"""The welcome shown inside the window while nothing is set up to chat with.

Nothing is set up when no cloud provider is configured and the local Ollama is either
unreachable or has no models. The screen says which, and offers the next step: start
Ollama (when an ``ollama`` program is on PATH and the person agrees), how to install it,
open the model manager to download a model, or add a cloud provider in Settings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.theme import PRIMARY, QUIET, set_kind

INSTALL_URL = "https://ollama.com/download"


@dataclass(frozen=True)
class SetupState:
    reachable: bool | None
    """Whether the local Ollama answered; None while the first check runs."""
    host: str
    local_models: int
    cloud_providers: int

    @property
    def nothing_set_up(self) -> bool:
        if self.cloud_providers or self.reachable is None:
            return False
        return not self.reachable or self.local_models == 0


class FirstRunPanel(QFrame):
    modelsRequested = Signal()
    """Open the model manager to download a first model."""
    providerRequested = Signal()
    """Open Settings to add a cloud provider."""
    checkRequested = Signal()
    """Look for Ollama again."""
    dismissed = Signal()

    def __init__(
        self,
        which: Callable[[str], str | None] = shutil.which,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self._which = which
        self._ollama_path: str | None = None
        self.started: bool = False

        self.title = QLabel()
        self.title.setObjectName("firstRunTitle")
        intro = QLabel(
            self.tr(
                "Parley chats with models that run on this computer through Ollama, or with "
                "cloud models through their APIs. Nothing is set up yet; pick one to begin."
            )
        )
        intro.setWordWrap(True)
        self.ollama_state = QLabel()
        self.ollama_state.setWordWrap(True)
        self.ollama_state.setTextFormat(Qt.TextFormat.RichText)
        self.ollama_state.setOpenExternalLinks(True)
        self.ollama_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.start_button = QPushButton()
        self.models_button = QPushButton()
        self.check_button = QPushButton()
        set_kind(self.start_button, PRIMARY)
        set_kind(self.models_button, PRIMARY)
        local_row = QHBoxLayout()
        for button in (self.start_button, self.models_button, self.check_button):
            local_row.addWidget(button)
        local_row.addStretch(1)

        cloud = QLabel(
            self.tr(
                "Or connect another server: LM Studio, llama.cpp, vLLM or LiteLLM on this "
                "computer or your network, or a cloud model (OpenAI, Anthropic, DeepSeek, Qwen, "
                "Gemini and many more) with an API key from the provider."
            )
        )
        cloud.setWordWrap(True)
        self.provider_button = QPushButton()
        self.later_button = QPushButton()
        set_kind(self.later_button, QUIET)
        cloud_row = QHBoxLayout()
        cloud_row.addWidget(self.provider_button)
        cloud_row.addStretch(1)
        cloud_row.addWidget(self.later_button)

        card = QVBoxLayout(self)
        card.setContentsMargins(32, 28, 32, 24)
        card.setSpacing(12)
        card.addWidget(self.title)
        card.addWidget(intro)
        card.addSpacing(6)
        card.addWidget(self.ollama_state)
        card.addLayout(local_row)
        card.addSpacing(10)
        card.addWidget(cloud)
        card.addLayout(cloud_row)
        card.addStretch(1)

        self.start_button.clicked.connect(self.start_ollama)
        self.models_button.clicked.connect(self.modelsRequested)
        self.check_button.clicked.connect(self.checkRequested)
        self.provider_button.clicked.connect(self.providerRequested)
        self.later_button.clicked.connect(self.dismissed)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.title.setText(self.tr("Welcome to Parley"))
        self.ollama_state.setAccessibleName(self.tr("Ollama on this computer"))
        self.start_button.setText(self.tr("Start Ollama"))
        self.start_button.setAccessibleName(self.tr("Start Ollama now"))
        self.start_button.setAccessibleDescription(
            self.tr("Runs “ollama serve” in the background; it keeps running after Parley closes.")
        )
        self.models_button.setText(self.tr("Download a model…"))
        self.models_button.setAccessibleName(self.tr("Open the model manager to download a model"))
        self.check_button.setText(self.tr("Check again"))
        self.check_button.setAccessibleName(self.tr("Look for Ollama again"))
        self.provider_button.setText(self.tr("Add a server or cloud provider…"))
        self.provider_button.setAccessibleName(
            self.tr("Open Settings to add a local server or a cloud provider")
        )
        self.later_button.setText(self.tr("Not now"))
        self.later_button.setAccessibleName(self.tr("Hide this welcome"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_state(self, state: SetupState) -> None:
        self._ollama_path = None if state.reachable else self._which("ollama")
        installed = self._ollama_path is not None
        self.start_button.setVisible(bool(not state.reachable and installed and not self.started))
        self.models_button.setVisible(bool(state.reachable))
        self.check_button.setVisible(not state.reachable)
        if state.reachable:
            text = self.tr(
                "Ollama is running at {host}, but no models are installed yet. Download one "
                "in the model manager; small ones such as qwen3:4b or llama3.2 are a good start."
            ).format(host=state.host)
        elif self.started:
            text = self.tr("Starting Ollama… Parley connects as soon as it answers.")
        elif installed:
            text = self.tr(
                "Ollama is installed ({path}) but not running at {host}. Parley can start it "
                "for you."
            ).format(path=self._ollama_path, host=state.host)
        else:
            text = self.tr(
                'Ollama was not found on this computer. Install it from <a href="{url}">{url}</a>, '
                "start it, then press Check again."
            ).format(url=INSTALL_URL)
        self.ollama_state.setText(text)

    def focus_first_step(self) -> None:
        """Keyboard focus on the first thing to do (Start Ollama, Check again, …)."""
        for button in (self.start_button, self.models_button, self.check_button):
            if not button.isHidden():
                button.setFocus()
                return
        self.provider_button.setFocus()

    def start_ollama(self) -> bool:
        """Run ``ollama serve`` detached, so it outlives Parley like a normal install does."""
        path = self._ollama_path or self._which("ollama")
        if path is None:
            return False
        from PySide6.QtCore import QProcess  # its types cost startup ~2 ms

        started, _pid = QProcess.startDetached(path, ["serve"])
        self.started = bool(started)
        if not started:
            self.ollama_state.setText(
                self.tr(
                    "Ollama could not be started ({path}). Start it from a terminal with "
                    "“ollama serve”."
                ).format(path=path)
            )
            return False
        self.start_button.hide()
        self.ollama_state.setText(
            self.tr("Starting Ollama… Parley connects as soon as it answers.")
        )
        self.checkRequested.emit()
        return True


class SetupNotice(QFrame):
    """A slim, dismissible line above an open conversation while nothing is set up.

    The history stays readable; the setup card itself waits in a new, empty chat.
    """

    setupRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupNotice")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.setup_button = QPushButton()
        self.close_button = QPushButton()
        set_kind(self.close_button, QUIET)
        self.setup_button.clicked.connect(self.setupRequested)
        self.close_button.clicked.connect(self.dismissed)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.setSpacing(8)
        row.addWidget(self.message, 1)
        row.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.message.setText(
            self.tr(
                "Nothing is set up to chat with yet. Your conversations are here to read; "
                "connect Ollama, a local server or a cloud provider to continue them."
            )
        )
        self.setup_button.setText(self.tr("Set up…"))
        self.setup_button.setAccessibleName(self.tr("Show how to set up a model"))
        self.close_button.setText(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Hide this notice"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
