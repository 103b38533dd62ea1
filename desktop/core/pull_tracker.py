"""The progress of one download, summed over its layers so that it never goes backwards.

Ollama reports each layer (blob) separately, and a layer's total only becomes known when
its first line arrives; a bar fed line by line jumps back whenever a new layer starts.
Here each layer keeps its highest ``completed``, the fraction is the sum of completed over
the sum of known totals, and the fraction shown is never lower than one shown before.
Speed is an exponential moving average over time, so it is smooth at any line rate.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.model_records import PullProgress

SPEED_TIME_CONSTANT = 3.0
"""Seconds over which the speed average forgets; longer is steadier but slower to react."""
SPEED_WARMUP = 1.0
"""Until this many seconds of an attempt have passed, speed is the plain average so far."""
SPEED_DECAY_AFTER = 2.0
"""Seconds without new bytes after which the shown speed starts falling towards zero."""


class PullPhase(StrEnum):
    """Where a download is, as Ollama's status lines say it."""

    WAITING = "waiting"
    MANIFEST = "pulling manifest"
    DOWNLOADING = "downloading"
    VERIFYING = "verifying sha256 digest"
    WRITING = "writing manifest"
    REMOVING = "removing unused layers"
    SUCCESS = "success"

    @property
    def expects_bytes(self) -> bool:
        """Phases in which silence means a stall (the others are local work on the server)."""
        return self in (PullPhase.WAITING, PullPhase.MANIFEST, PullPhase.DOWNLOADING)


def phase_of(status: str) -> PullPhase | None:
    """The phase a status line announces; None for a line that does not change it."""
    text = status.strip().lower()
    if text.startswith("pulling manifest"):
        return PullPhase.MANIFEST
    if text.startswith(("pulling ", "downloading")):
        return PullPhase.DOWNLOADING
    if text.startswith("verifying"):
        return PullPhase.VERIFYING
    if text.startswith("writing manifest"):
        return PullPhase.WRITING
    if text.startswith("removing"):
        return PullPhase.REMOVING
    if text == "success":
        return PullPhase.SUCCESS
    return None


@dataclass(frozen=True, slots=True)
class PullFigures:
    """What a progress row shows. ``eta_seconds`` is None while it cannot be estimated."""

    phase: PullPhase
    fraction: float
    done_bytes: int
    total_bytes: int
    speed: float
    eta_seconds: float | None


class _Layer:
    __slots__ = ("completed", "seen", "total")

    def __init__(self, completed: int, total: int) -> None:
        self.completed = completed
        self.total = total
        self.seen = True
        """Whether this attempt reported the layer yet; its first line is where it resumed."""


class PullTracker:
    """Feed it every :class:`PullProgress` of a pull, across retries; read :meth:`figures`."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._layers: dict[str, _Layer] = {}
        self._phase = PullPhase.WAITING
        self._fraction = 0.0
        self._speed = 0.0
        self._attempt_started = clock()
        self._attempt_bytes = 0
        self._last_sample = self._attempt_started
        self._last_activity = self._attempt_started

    def begin_attempt(self) -> None:
        """A new request starts: bytes it reports for known layers are a resume, not speed."""
        now = self._clock()
        self._attempt_started = self._last_sample = self._last_activity = now
        self._attempt_bytes = 0
        self._speed = 0.0
        self._phase = PullPhase.WAITING
        for layer in self._layers.values():
            layer.seen = False

    def feed(self, progress: PullProgress) -> bool:
        """Take one line; True when the phase changed (worth showing at once)."""
        now = self._clock()
        phase = phase_of(progress.status)
        changed = phase is not None and phase is not self._phase
        if changed and phase is not None:
            self._phase = phase
            self._last_activity = now
        if progress.digest:
            moved = self._update_layer(progress, now)
            if moved:
                self._sample(moved, now)
        if self._phase is PullPhase.SUCCESS:
            self._fraction = 1.0
        elif self._total():
            self._fraction = max(self._fraction, min(1.0, self._done() / self._total()))
        return changed

    def _update_layer(self, progress: PullProgress, now: float) -> int:
        """Bytes this line moved; a layer's first line in an attempt is where it resumed."""
        layer = self._layers.get(progress.digest)
        if layer is None or not layer.seen:
            self._last_activity = now
        if layer is None:
            self._layers[progress.digest] = _Layer(progress.completed, progress.total)
            return 0
        layer.total = max(layer.total, progress.total)
        moved = progress.completed - layer.completed if layer.seen else 0
        layer.seen = True
        layer.completed = max(layer.completed, progress.completed)
        return max(moved, 0)

    def _sample(self, moved: int, now: float) -> None:
        self._attempt_bytes += moved
        self._last_activity = now
        elapsed = now - self._attempt_started
        if elapsed < SPEED_WARMUP:
            self._speed = self._attempt_bytes / max(elapsed, 0.05)
        else:
            interval = max(now - self._last_sample, 1e-6)
            weight = 1.0 - math.exp(-interval / SPEED_TIME_CONSTANT)
            self._speed += weight * (moved / interval - self._speed)
        self._last_sample = now

    def _done(self) -> int:
        return sum(layer.completed for layer in self._layers.values())

    def _total(self) -> int:
        return sum(layer.total for layer in self._layers.values())

    @property
    def phase(self) -> PullPhase:
        return self._phase

    def idle_seconds(self) -> float:
        """Seconds since bytes last moved or the phase last changed."""
        return self._clock() - self._last_activity

    def figures(self) -> PullFigures:
        done, total = self._done(), self._total()
        speed = self._speed
        idle = self.idle_seconds()
        if idle > SPEED_DECAY_AFTER:
            speed *= math.exp(-(idle - SPEED_DECAY_AFTER) / SPEED_TIME_CONSTANT)
        eta: float | None = None
        if self._phase is PullPhase.DOWNLOADING and total and speed > 1.0:
            eta = max(total - done, 0) / speed
        return PullFigures(self._phase, self._fraction, done, total, speed, eta)
