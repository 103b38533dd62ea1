"""The details behind the provider indicator: each provider's state, host and problem.

A popup frame (closes on a click outside; nothing waits for it): one card per provider
with a dot, its name and state, its host (elided, the full address in the tooltip), the
problem in plain words (wrapped, never widening anything), Retry, and for Ollama
"Set host…".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.fitting_label import ElidingLabel
from desktop.ui.shell.provider_health import Health, ProviderHealth, ProviderState
from desktop.ui.strings import provider_name, translated
from desktop.ui.theme import QUIET, set_kind

WIDTH = 340


def health_text(health: Health) -> str:
    return {
        Health.CHECKING: QCoreApplication.translate("ProviderStatus", "checking…"),
        Health.UP: QCoreApplication.translate("ProviderStatus", "reachable"),
        Health.DOWN: QCoreApplication.translate("ProviderStatus", "not reachable"),
        Health.KEY_REFUSED: QCoreApplication.translate("ProviderStatus", "key refused"),
        Health.FAILING: QCoreApplication.translate("ProviderStatus", "not working"),
        Health.IDLE: QCoreApplication.translate("ProviderStatus", "not running (not needed now)"),
    }[health]


class ProviderCard(QFrame):
    retryRequested = Signal(str)
    hostChangeRequested = Signal()

    def __init__(self, state: ProviderState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.ui.shell.provider_status import make_dot

        self.state = state
        self.setObjectName("providerCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(make_dot(state.health, self))
        self.name = ElidingLabel("", self)
        self.name.setObjectName("providerName")
        top.addWidget(self.name, 1)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("providerState")
        self.state_label.setProperty("health", state.health.value)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        self.host = ElidingLabel("", self)
        self.host.setObjectName("providerHost")
        self.host.setVisible(bool(state.host))
        layout.addWidget(self.host)
        self.problem = QLabel(self)
        self.problem.setObjectName("providerProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setVisible(bool(str(state.problem)))
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(lambda: self.retryRequested.emit(state.provider_id))
        buttons.addWidget(self.retry_button)
        self.host_button: QPushButton | None = None
        if state.is_local_ollama:
            self.host_button = QPushButton(self)
            self.host_button.clicked.connect(self.hostChangeRequested)
            set_kind(self.host_button, QUIET)
            buttons.addWidget(self.host_button)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the card, in the language in use (built, and after a switch)."""
        state = self.state
        name = provider_name(state.name)
        self.name.setText(name)
        self.state_label.setText(health_text(state.health))
        where = state.host
        if state.version:
            where = self.tr("{host} · version {version}").format(
                host=state.host, version=state.version
            )
        self.host.setText(where)
        self.problem.setText(translated(state.problem))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setAccessibleName(self.tr("Check {name} again").format(name=name))
        if self.host_button is not None:
            self.host_button.setText(self.tr("Set host…"))
            self.host_button.setAccessibleName(self.tr("Set the Ollama host address"))
        self.setAccessibleName(
            self.tr("{name}: {state}").format(name=name, state=health_text(state.health))
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class ProviderStatusPopup(QFrame):
    """``hostChangeRequested`` for Ollama's "Set host…" (the popup closes first)."""

    hostChangeRequested = Signal()

    def __init__(self, health: ProviderHealth, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("providerStatusPopup")
        self.setFixedWidth(WIDTH)
        self._health = health
        self.cards: list[ProviderCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        title = self.title = QLabel(self.tr("Providers"), self)
        title.setObjectName("providerPopupTitle")
        layout.addWidget(title)
        self._list = QVBoxLayout()
        self._list.setSpacing(6)
        layout.addLayout(self._list)
        self.empty = QLabel(self.tr("No provider is set up yet. Add one in Settings."), self)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("providerProblem")
        layout.addWidget(self.empty)
        layout.addStretch(1)
        health.changed.connect(self._changed)

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.title.setText(self.tr("Providers"))
        self.empty.setText(self.tr("No provider is set up yet. Add one in Settings."))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def fitted_size(self) -> QSize:
        """Its width, and the height its wrapped texts need at that width (adjustSize
        would measure them narrower, and spread the spare height between the cards)."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        return QSize(WIDTH, layout.totalHeightForWidth(WIDTH))

    def _changed(self) -> None:
        if self.isVisible():
            focused = self.focusWidget()
            had_focus = focused is not None and self.isAncestorOf(focused)
            self.show_states()
            self.resize(self.fitted_size())
            if had_focus:
                self.focus_first()

    def show_states(self) -> None:
        for card in self.cards:
            self._list.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for state in self._health.states():
            card = ProviderCard(state, self)
            card.retryRequested.connect(self._health.retry)
            card.hostChangeRequested.connect(self._host_change)
            self._list.addWidget(card)
            self.cards.append(card)
        self.empty.setVisible(not self.cards)

    def card(self, provider_id: str) -> ProviderCard | None:
        return next((c for c in self.cards if c.state.provider_id == provider_id), None)

    def focus_first(self) -> None:
        for card in self.cards:
            if card.state.health.alarm or card is self.cards[-1]:
                card.retry_button.setFocus()
                return

    def _host_change(self) -> None:
        self.hide()
        self.hostChangeRequested.emit()
