"""Keeps track of whether Ollama answers, and of its installed models.

A full check (version and installed models) runs at start, on request, and every second
while Ollama is unreachable, so the window recovers by itself when the person starts
``ollama serve``. While it answers, a light heartbeat (``/api/version`` only, no model
list) runs every 1.5 s, so a stopped server is noticed within 2 s; while an answer or a
pull streams from it, its lines say so and no heartbeat is sent. A request elsewhere
that finds the server gone (a chat failing with "not running") says so through
:meth:`OllamaMonitor.note_failure`, and the status changes at once.

Qt-free: checks are asyncio tasks, the next one is planned with the loop's ``call_later``,
and news goes to plain listeners (``on_status``, ``on_models``, ``on_stopped``), which
desktop.ui.ollama_monitor turns into signals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.core.errors import ConnectionFailed, ProviderError
from desktop.core.listeners import Listeners
from desktop.core.model_records import LocalModel
from desktop.providers.ollama import OllamaProvider

DOWN_INTERVAL_MS = 1000
"""Between full checks while Ollama is unreachable or not yet known."""
UP_INTERVAL_MS = 1500
"""Between heartbeats while Ollama answers."""
IDLE_INTERVAL_MS = 5000
"""Between full checks while Ollama is down and nothing needs it (see ``set_needed``)."""


class TaskSpawner(Protocol):
    """Who owns the monitor's tasks (keeps them referenced, cancels them on quit)."""

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str = ...) -> asyncio.Task[Any]: ...


def loop_running() -> bool:
    """Whether asyncio's loop runs now (a task started otherwise would run outside it)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class OllamaStatus:
    host: str
    reachable: bool | None  # None: still checking
    version: str = ""
    error: ProviderError | None = None

    @property
    def checked(self) -> bool:
        """Whether a check has said yes or no yet."""
        return self.reachable is not None

    def same_as(self, other: OllamaStatus) -> bool:
        """Whether a person would see no difference (the error's words included)."""
        mine = self.error.message if self.error else ""
        theirs = other.error.message if other.error else ""
        return (self.host, self.reachable, self.version, mine) == (
            other.host,
            other.reachable,
            other.version,
            theirs,
        )


class OllamaMonitor:
    def __init__(self, provider: OllamaProvider, tasks: TaskSpawner) -> None:
        self.on_status: Listeners[[OllamaStatus]] = Listeners()
        self.on_models: Listeners[[list[LocalModel]]] = Listeners()
        self.on_stopped: Listeners[[]] = Listeners()
        """The app is closing: whoever checks alongside the monitor stops too."""
        self._provider = provider
        self._tasks = tasks
        self._status = OllamaStatus(provider.host, None)
        self._checking = False
        self._stopped = False
        self._again = False
        self._needed = True
        self._interval_ms = DOWN_INTERVAL_MS
        self._next: asyncio.TimerHandle | None = None

    @property
    def status(self) -> OllamaStatus:
        return self._status

    @property
    def provider(self) -> OllamaProvider:
        return self._provider

    def set_provider(self, provider: OllamaProvider) -> None:
        self._provider = provider
        self._set_status(OllamaStatus(provider.host, None))
        self.refresh()

    @property
    def check_interval_ms(self) -> int:
        """Milliseconds between the planned checks or heartbeats (0: none planned)."""
        return self._interval_ms if self._next is not None else 0

    def set_needed(self, needed: bool) -> None:
        """Whether anything needs Ollama now: if not, a stopped Ollama is looked for less
        often (only cloud or gateway providers are in use, or it is turned off)."""
        if needed != self._needed:
            self._needed = needed
            self._schedule()

    def stop(self) -> None:
        """No more checks: the app is closing (a pending retry must not outlive the loop)."""
        self._stopped = True
        self._cancel_next()
        self.on_stopped()

    def refresh(self) -> None:
        """Check now; a request made during a check runs once more after it (fresh list)."""
        if self._stopped:
            return
        if self._checking:
            self._again = True
            return
        self._checking = True
        self._again = False
        task = self._tasks.spawn(self._check(self._provider), name="ollama-check")
        task.add_done_callback(self._check_done)

    def note_failure(self, error: ProviderError) -> None:
        """A request elsewhere failed; if it found the server unreachable, say so now.

        The next check (within a second) clears it again if Ollama does answer.
        """
        if self._stopped or not isinstance(error, ConnectionFailed):
            return
        self._set_status(OllamaStatus(self._provider.host, False, error=error))
        self._schedule()

    def _tick(self) -> None:
        self._next = None
        self._plan(self._interval_ms)  # periodic: the next one is due one interval on
        if self._status.reachable:
            self._beat()
        else:
            self.refresh()

    def _beat(self) -> None:
        if self._stopped or self._checking or self._provider.heard_within(UP_INTERVAL_MS / 1000):
            return
        self._checking = True
        task = self._tasks.spawn(self._heartbeat(self._provider), name="ollama-heartbeat")
        task.add_done_callback(self._check_done)

    def _check_done(self, _task: object) -> None:
        if self._again:
            self.refresh()

    async def _heartbeat(self, provider: OllamaProvider) -> None:
        try:
            version = await provider.version()
        except ProviderError as error:
            if provider is self._provider and self._status.reachable:
                self._set_status(OllamaStatus(provider.host, False, error=error))
            return
        finally:
            self._checking = False
        if provider is self._provider and self._status.reachable and version:
            self._set_status(OllamaStatus(provider.host, True, version=version))

    async def _check(self, provider: OllamaProvider) -> None:
        try:
            version = await provider.version()
            models = await provider.list_models()
        except ProviderError as error:
            if provider is self._provider:
                self._set_status(OllamaStatus(provider.host, False, error=error))
            return
        finally:
            self._checking = False
        if provider is not self._provider:
            return
        self._set_status(OllamaStatus(provider.host, True, version=version))
        self.on_models(models)

    def _set_status(self, status: OllamaStatus) -> None:
        changed = not status.same_as(self._status)
        self._status = status
        self._schedule()
        if changed:
            self.on_status(status)

    def _schedule(self) -> None:
        """Keep checking: often while down or unknown, a heartbeat while up."""
        if self._stopped:
            return
        if self._status.reachable:
            interval = UP_INTERVAL_MS
        else:
            interval = DOWN_INTERVAL_MS if self._needed else IDLE_INTERVAL_MS
        if interval != self._interval_ms or self._next is None:
            self._plan(interval)

    def _plan(self, interval_ms: int) -> None:
        """The next tick in ``interval_ms``, replacing any planned one. Outside a running
        loop (a test's synchronous code) nothing is planned: the next check plans it."""
        self._cancel_next()
        self._interval_ms = interval_ms
        if self._stopped or not loop_running():
            return
        loop = asyncio.get_running_loop()
        self._next = loop.call_later(interval_ms / 1000, self._tick)

    def _cancel_next(self) -> None:
        if self._next is not None:
            self._next.cancel()
            self._next = None
