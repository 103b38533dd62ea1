"""The navigation rail's provider indicator: one small dot per provider, details on click.

A dot's colour says its provider's state (reachable, checking, not reachable, key
refused; a neutral grey for an Ollama nothing needs). The tooltip and the accessible
description list every provider in words; a click (or Enter/Space) opens
:class:`ProviderStatusPopup` with each provider's host, its problem, Retry and, for
Ollama, "Set host…" (``hostChangeRequested``). It never grows with its text: ~64 px.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.ui.ollama_monitor import OllamaMonitor
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.shell.provider_health import Health, ProviderHealth, ProviderState
from desktop.ui.shell.provider_status_popup import ProviderStatusPopup, health_text
from desktop.ui.strings import provider_name
from desktop.ui.tasks import TaskOwner

MAX_DOTS = 4
WIDTH = 64


def make_dot(health: Health, parent: QWidget | None = None) -> QFrame:
    """A small round mark, coloured by look.py from its ``health`` property."""
    dot = QFrame(parent)
    dot.setObjectName("statusDot")
    dot.setFixedSize(10, 10)
    dot.setProperty("health", health.value)
    return dot


class ProviderStatus(QToolButton):
    """``hostChangeRequested`` when the person asks to set Ollama's host."""

    hostChangeRequested = Signal()

    def __init__(
        self,
        providers: ProviderRegistry,
        monitor: OllamaMonitor,
        parent: QWidget | None = None,
        *,
        tasks: TaskOwner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("providerStatus")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoRaise(True)
        self.setMaximumWidth(WIDTH)
        self.retranslate()
        self._tasks = tasks if tasks is not None else TaskOwner()
        self.health = ProviderHealth(providers, monitor, self._tasks, self)
        self.popup = ProviderStatusPopup(self.health, self)
        self.popup.hostChangeRequested.connect(self.hostChangeRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addStretch(1)
        self._dots: list[QFrame] = []
        for _ in range(MAX_DOTS):
            dot = make_dot(Health.CHECKING, self)
            dot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(dot)
            self._dots.append(dot)
        self.more = QLabel(self)
        self.more.setObjectName("statusMore")
        self.more.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.more)
        layout.addStretch(1)
        self.clicked.connect(self.open_popup)
        self.health.changed.connect(self._show)
        self._show()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Provider status"))

    def sizeHint(self) -> QSize:
        return QSize(WIDTH - 8, 28)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 24)

    def states(self) -> list[ProviderState]:
        return self.health.states()

    def summary(self) -> str:
        """Every provider and its state in words, one per line (the tooltip)."""
        lines = [
            self.tr("{name}: {state}").format(
                name=provider_name(s.name), state=health_text(s.health)
            )
            for s in self.states()
        ]
        return "\n".join(lines) or self.tr("No providers set up")

    def _show(self) -> None:
        states = self.states()
        shown = states[: MAX_DOTS if len(states) <= MAX_DOTS else MAX_DOTS - 1]
        for index, dot in enumerate(self._dots):
            if index < len(shown):
                if dot.property("health") != shown[index].health.value:
                    dot.setProperty("health", shown[index].health.value)
                    dot.style().unpolish(dot)
                    dot.style().polish(dot)
                dot.show()
            else:
                dot.hide()
        rest = len(states) - len(shown)
        self.more.setText(f"+{rest}" if rest else "")
        self.more.setVisible(bool(rest))
        alarm = any(state.health.alarm for state in states)
        if self.property("alarm") != alarm:
            self.setProperty("alarm", alarm)
            self.style().unpolish(self)
            self.style().polish(self)
        summary = self.summary()
        self.setToolTip(summary + "\n" + self.tr("Click for details"))
        self.setAccessibleDescription(summary.replace("\n", "; "))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Provider status"))
            self._show()
            if self.popup.isVisible():
                self.popup.show_states()
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def open_popup(self) -> None:
        """Show the details beside the indicator (it sits at the rail's bottom)."""
        self.popup.show_states()
        size = self.popup.fitted_size()
        self.popup.resize(size)
        corner = self.mapToGlobal(QPoint(self.width() + 4, self.height()))
        screen = self.screen().availableGeometry()
        x = min(corner.x(), screen.right() - size.width())
        y = max(screen.top(), min(corner.y() - size.height(), screen.bottom() - size.height()))
        self.popup.move(x, y)
        self.popup.show()
        self.popup.focus_first()
