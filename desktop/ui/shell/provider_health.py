"""What each provider's state is right now: reachable, unreachable, key refused, checking.

Ollama's state comes from the :class:`OllamaMonitor` (its heartbeat notices a stopped or
started server within 2 s). Every other provider is asked for its model list: at once
when the providers are rebuilt, every 2 s while a nearby one is down or unknown (10 s for
a cloud service, 30 s while its key is refused), and once a minute while all answer.
Whatever other requests learn on the way (the picker's lists, a chat failing because the
server is gone) arrives through ``ProviderRegistry.reported`` and shows at once.

A missing Ollama is an alarm only while Ollama is in use: nothing else is set up, it is
the default or last used provider, or it has answered during this session. Otherwise
(only cloud or gateway providers in use) it is shown as neutral "not running".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import (
    AuthFailed,
    ConnectionFailed,
    ProviderError,
    ProviderTimeout,
    StreamInterrupted,
)
from desktop.core.network_place import Place
from desktop.core.text import Text
from desktop.ui.ollama_monitor import OllamaMonitor, OllamaStatus, loop_running
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.strings import text_of
from desktop.ui.tasks import TaskOwner

SOON_MS = 2000
"""Between checks of a nearby provider that is down or not known yet."""
CLOUD_SOON_MS = 10_000
KEY_REFUSED_MS = 30_000
"""A refused key does not mend itself; a check now and then notices a fixed server."""
GENTLE_MS = 60_000
"""Between checks while every provider answers."""


NO_PROBLEM = Text.plain("")


class Health(Enum):
    CHECKING = "checking"
    UP = "up"
    DOWN = "down"
    KEY_REFUSED = "key"
    FAILING = "failing"
    """Answers, but not as a provider should (a bad URL, a server error)."""
    IDLE = "idle"
    """Ollama is not running, and nothing needs it: neutral, not an alarm."""

    @property
    def alarm(self) -> bool:
        return self in (Health.DOWN, Health.KEY_REFUSED, Health.FAILING)


@dataclass(frozen=True, slots=True)
class ProviderState:
    provider_id: str
    name: str
    host: str
    health: Health
    problem: Text = NO_PROBLEM
    """The failure (a Text, shown in the language in use), empty while all is well."""
    version: str = ""

    @property
    def is_local_ollama(self) -> bool:
        return self.provider_id == LOCAL_OLLAMA_ID


def health_of(error: ProviderError | None) -> Health:
    if error is None:
        return Health.UP
    if isinstance(error, AuthFailed):
        return Health.KEY_REFUSED
    if isinstance(error, ConnectionFailed | ProviderTimeout):
        return Health.DOWN
    return Health.FAILING


class ProviderHealth(QObject):
    """The states of every enabled provider; ``changed`` whenever one of them changes."""

    changed = Signal()

    def __init__(
        self,
        providers: ProviderRegistry,
        monitor: OllamaMonitor,
        tasks: TaskOwner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._providers = providers
        self._monitor = monitor
        self._tasks = tasks
        self._others: dict[str, ProviderState] = {}
        self._places: dict[str, Place] = {}
        self._ollama_answered = monitor.status.reachable is True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check_due)
        self._stopped = False
        monitor.statusChanged.connect(self._ollama_changed)
        monitor.stopped.connect(self.stop)
        providers.changed.connect(self._providers_changed)
        providers.reported.connect(self._reported)
        self._providers_changed()

    # -- what the widgets read ---------------------------------------------------------
    def states(self) -> list[ProviderState]:
        """Ollama first (when enabled), then the others in the order of Settings."""
        ollama = [self._ollama_state()] if self._providers.settings.ollama_enabled else []
        return ollama + list(self._others.values())

    def retry(self, provider_id: str = "") -> None:
        """Check one provider now (all of them when ``provider_id`` is empty)."""
        if provider_id in ("", LOCAL_OLLAMA_ID):
            self._monitor.refresh()
        for other in list(self._others):
            if provider_id in ("", other):
                self._check(other)

    def stop(self) -> None:
        """No more checks (the app is closing; a check must not outlive the loop)."""
        self._stopped = True
        self._timer.stop()

    # -- Ollama ------------------------------------------------------------------------
    def _ollama_in_use(self) -> bool:
        settings = self._providers.settings
        if self._ollama_answered or not self._others:
            return True
        return LOCAL_OLLAMA_ID in (settings.default_provider, settings.last_provider)

    def _ollama_state(self) -> ProviderState:
        status: OllamaStatus = self._monitor.status
        if status.reachable is None:
            health = Health.CHECKING
        elif status.reachable:
            health = Health.UP
        elif isinstance(status.error, AuthFailed):
            health = Health.KEY_REFUSED
        else:
            health = Health.DOWN if self._ollama_in_use() else Health.IDLE
        problem = text_of(status.error if not status.reachable else None)
        return ProviderState(
            LOCAL_OLLAMA_ID, "Ollama", status.host, health, problem, status.version
        )

    def _ollama_changed(self, status: OllamaStatus) -> None:
        if status.reachable:
            self._ollama_answered = True
        self._pace_ollama()
        self.changed.emit()

    def _pace_ollama(self) -> None:
        """Look for a stopped Ollama every second only while something needs it."""
        enabled = self._providers.settings.ollama_enabled
        self._monitor.set_needed(enabled and self._ollama_in_use())

    # -- the others --------------------------------------------------------------------
    def _providers_changed(self) -> None:
        """Providers were rebuilt: keep what is known of unchanged ones, check the rest."""
        old = self._others
        others: dict[str, ProviderState] = {}
        places: dict[str, Place] = {}
        for slot in self._providers.slots():
            if slot.id == LOCAL_OLLAMA_ID:
                continue
            known = old.get(slot.id)
            if known is not None and known.host == slot.url and known.name == slot.name:
                others[slot.id] = known
            else:
                others[slot.id] = ProviderState(slot.id, slot.name, slot.url, Health.CHECKING)
            places[slot.id] = slot.place
        for group in self._providers.unbuilt():
            others[group.provider_id] = ProviderState(
                group.provider_id,
                group.provider_name,
                "",
                Health.FAILING,  # its settings cannot work: not a network matter
                text_of(group.error or group.problem),
            )
            places[group.provider_id] = group.place
        self._others, self._places = others, places
        if self._providers.built:
            for provider_id, state in others.items():
                if state.health is Health.CHECKING:
                    self._check(provider_id)
        self._schedule()
        self._pace_ollama()
        self.changed.emit()

    def _check(self, provider_id: str) -> None:
        slot = self._providers.slot(provider_id)
        if slot is not None and not self._stopped:  # the answer comes back through ``reported``
            self._tasks.spawn(self._providers.models_of(slot), name="provider-check")

    def _reported(self, provider_id: str, error: object) -> None:
        failure = error if isinstance(error, ProviderError) else None
        if isinstance(failure, StreamInterrupted):  # the server may be gone: ask it now
            self.retry(provider_id)
            return
        if provider_id == LOCAL_OLLAMA_ID:
            if failure is not None:
                self._monitor.note_failure(failure)
            elif self._monitor.status.reachable is not True:
                self._monitor.refresh()
            return
        known = self._others.get(provider_id)
        if known is None:
            return
        problem = text_of(failure)
        health = health_of(failure)
        if (known.health, known.problem) == (health, problem):
            return
        self._others[provider_id] = ProviderState(
            known.provider_id, known.name, known.host, health, problem
        )
        self._schedule()
        self.changed.emit()

    def _schedule(self) -> None:
        if self._stopped:
            return
        interval = GENTLE_MS
        for provider_id, state in self._others.items():
            if self._providers.slot(provider_id) is None:
                continue  # not built: only a settings change mends it
            if state.health is Health.KEY_REFUSED:
                interval = min(interval, KEY_REFUSED_MS)
            elif state.health is not Health.UP:
                near = self._places.get(provider_id, Place.CLOUD).near
                interval = min(interval, SOON_MS if near else CLOUD_SOON_MS)
        self._timer.start(interval)

    def _check_due(self) -> None:
        """Check the providers that are not known to be well (all of them, once a minute)."""
        if not loop_running():
            self._schedule()
            return
        troubled = [pid for pid, state in self._others.items() if state.health is not Health.UP]
        for provider_id in troubled or list(self._others):
            self._check(provider_id)
        self._schedule()
