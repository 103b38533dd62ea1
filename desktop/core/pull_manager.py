"""A queue of model downloads that survives stalls, dropped connections and restarts.

Each download runs as one asyncio task consuming the provider's pull stream. A watchdog
cancels an attempt that moved no bytes for ``stall_seconds`` and tries again after an
exponentially growing pause, a bounded number of times; Ollama keeps partial blobs, so
every new attempt resumes. Errors that another attempt cannot fix (unknown model, full
disk) stop at once and stay on the item until the person presses Retry.

Observers are plain callbacks ``(item, change)``; progress is reported at most every
``progress_interval`` seconds per item, state and phase changes at once.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from desktop.core.errors import AuthFailed, BadRequest, ModelNotFound, ProviderError
from desktop.core.listeners import Listeners
from desktop.core.model_records import PullProgress
from desktop.core.model_tags import DEFAULT_TAG, split_name
from desktop.core.pull_tracker import PullFigures, PullTracker
from desktop.core.saved_pull import CANCELLED, FAILED, RESUME, PullQueueStore, SavedPull
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.text import text as say

PullSource = Callable[[str], AsyncIterator[PullProgress]]
DISK_FULL_MARKERS = ("no space left on device", "not enough space", "disk full")


class PullState(StrEnum):
    QUEUED = "queued"
    ACTIVE = "active"
    RETRY_WAIT = "retry_wait"
    CANCELLED = "cancelled"
    FAILED = "failed"
    DONE = "done"

    @property
    def finished(self) -> bool:
        """No task runs for it: it waits for the person (or is done)."""
        return self in (PullState.CANCELLED, PullState.FAILED, PullState.DONE)


class PullChange(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class PullPolicy:
    concurrency: int = 1
    stall_seconds: float = 30.0
    max_attempts: int = 5
    backoff_seconds: float = 2.0
    backoff_max_seconds: float = 60.0
    progress_interval: float = 0.1

    def backoff(self, attempt: int) -> float:
        """Pause before attempt ``attempt + 1``: 2 s, 4 s, 8 s … up to the maximum."""
        return float(min(self.backoff_seconds * 2 ** max(attempt - 1, 0), self.backoff_max_seconds))


class PullStalled(ProviderError):
    """No bytes arrived for ``stall_seconds``."""


class DiskFull(ProviderError):
    """Ollama could not write the model: the disk holding its models is full."""


@dataclass(eq=False)
class PullItem:
    """One download. ``error`` is the message shown with a failed or retrying item."""

    name: str
    id: int
    state: PullState = PullState.QUEUED
    tracker: PullTracker = field(default_factory=PullTracker)
    error: str = ""
    error_detail: str = ""
    error_text: Text | None = None
    """``error`` as a key and values, to show in the person's language (None: as written)."""
    attempts: int = 0
    retry_at: float | None = None
    last_notified: float = 0.0

    @property
    def figures(self) -> PullFigures:
        return self.tracker.figures()


Listener = Callable[[PullItem, PullChange], object]


class PullManager:
    def __init__(
        self,
        source: PullSource,
        store: PullQueueStore | None = None,
        policy: PullPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._store = store
        self.policy = policy or PullPolicy()
        self._clock = clock
        self._items: list[PullItem] = []
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._listeners: Listeners[[PullItem, PullChange]] = Listeners()
        self._ids = itertools.count(1)
        self._closing = False

    # -- observing ---------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(item, change)`` on every change; returns the unsubscribe call."""
        return self._listeners.subscribe(listener)

    @property
    def items(self) -> list[PullItem]:
        return list(self._items)

    def find(self, name: str) -> PullItem | None:
        name = full_name(name)
        return next((item for item in self._items if item.name == name), None)

    # -- what the person does ----------------------------------------------------------

    def add(self, name: str) -> PullItem:
        """Queue ``name``; an item already there for it is restarted instead of doubled."""
        name = full_name(name)
        item = self.find(name)
        if item is not None and item.state is not PullState.DONE:
            if item.state in (PullState.CANCELLED, PullState.FAILED):
                self.retry(item)
            return item
        if item is not None:
            self._drop(item)
        item = PullItem(name, next(self._ids), tracker=PullTracker(self._clock))
        self._items.append(item)
        self._notify(item, PullChange.ADDED)
        self._save()
        self._pump()
        return item

    def cancel(self, item: PullItem) -> None:
        """Stop now; Ollama keeps the partial data, so Retry resumes where it stopped."""
        if item.state.finished:
            return
        self._set_state(item, PullState.CANCELLED)
        item.retry_at = None
        task = self._tasks.get(item.id)
        if task is not None:
            task.cancel()
        self._save()

    def retry(self, item: PullItem) -> None:
        if item.state not in (PullState.CANCELLED, PullState.FAILED):
            return
        item.attempts = 0
        item.error = item.error_detail = ""
        item.error_text = None
        self._set_state(item, PullState.QUEUED)
        self._save()
        self._pump()

    def remove(self, item: PullItem) -> None:
        """Forget the item (cancelling it first if it runs)."""
        if not item.state.finished:
            self.cancel(item)
        self._drop(item)
        self._save()

    def restore(self) -> int:
        """Load the saved queue (call :meth:`start` to resume it); returns how many came back.

        Unfinished downloads are queued again; cancelled and failed ones wait for the person.
        """
        if self._store is None:
            return 0
        restored = 0
        for saved in self._store.load():
            if self.find(saved.name) is not None:
                continue
            item = PullItem(saved.name, next(self._ids), tracker=PullTracker(self._clock))
            if saved.state == CANCELLED:
                item.state = PullState.CANCELLED
            elif saved.state == FAILED:
                item.state, item.error = PullState.FAILED, saved.error
                item.error_detail = saved.detail
            self._items.append(item)
            self._notify(item, PullChange.ADDED)
            restored += 1
        return restored

    def start(self) -> None:
        """Begin the queued downloads (needs the running event loop)."""
        self._closing = False
        self._pump()

    async def aclose(self) -> None:
        """Stop every task for shutdown; the saved queue still says they should resume."""
        self._closing = True
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # -- running -----------------------------------------------------------------------

    def _pump(self) -> None:
        if self._closing:
            return
        for item in self._items:
            if len(self._tasks) >= max(self.policy.concurrency, 1):
                return
            if item.state is PullState.QUEUED and item.id not in self._tasks:
                task = asyncio.ensure_future(self._run(item))
                task.set_name(f"pull {item.name}")
                self._tasks[item.id] = task
                task.add_done_callback(partial(self._task_done, item.id))

    def _task_done(self, item_id: int, _task: asyncio.Task[None]) -> None:
        self._tasks.pop(item_id, None)
        self._pump()

    async def _run(self, item: PullItem) -> None:
        while True:
            item.attempts += 1
            item.retry_at = None
            item.tracker.begin_attempt()
            self._set_state(item, PullState.ACTIVE)
            try:
                await self._attempt(item)
            except ProviderError as error:
                error = _classified(error)
                item.error, item.error_detail = error.message, error.detail
                item.error_text = error.text
                if not _worth_retrying(error) or item.attempts >= self.policy.max_attempts:
                    self._set_state(item, PullState.FAILED)
                    self._save()
                    return
                delay = self.policy.backoff(item.attempts)
                item.retry_at = self._clock() + delay
                self._set_state(item, PullState.RETRY_WAIT)
                await asyncio.sleep(delay)
                continue
            item.error = item.error_detail = ""
            item.error_text = None
            self._set_state(item, PullState.DONE)
            self._save()
            return

    async def _attempt(self, item: PullItem) -> None:
        """One request, watched: cancelled and raised as PullStalled when bytes stop."""
        consumer = asyncio.ensure_future(self._consume(item))
        stall = self.policy.stall_seconds
        check = min(max(stall / 4, 0.02), 0.5)
        try:
            while not consumer.done():
                await asyncio.wait({consumer}, timeout=check)
                tracker = item.tracker
                stalled = tracker.phase.expects_bytes and tracker.idle_seconds() >= stall
                if stalled and not consumer.done():
                    consumer.cancel()
                    with suppress(asyncio.CancelledError):
                        await consumer
                    raise PullStalled(
                        say(
                            QT_TRANSLATE_NOOP(
                                "core",
                                "The download of {name} received nothing for {seconds} seconds; "
                                "trying again (Ollama resumes where it stopped).",
                            ),
                            name=item.name,
                            seconds=f"{stall:g}",
                        ),
                        detail=f"no bytes for {stall:g} s",
                    )
            consumer.result()
        finally:
            if not consumer.done():
                consumer.cancel()
                with suppress(asyncio.CancelledError):
                    await consumer

    async def _consume(self, item: PullItem) -> None:
        interval = self.policy.progress_interval
        async for progress in self._source(item.name):
            phase_changed = item.tracker.feed(progress)
            now = self._clock()
            if phase_changed or now - item.last_notified >= interval:
                item.last_notified = now
                self._notify(item, PullChange.UPDATED)

    # -- bookkeeping -------------------------------------------------------------------

    def _set_state(self, item: PullItem, state: PullState) -> None:
        item.state = state
        item.last_notified = self._clock()
        self._notify(item, PullChange.UPDATED)

    def _drop(self, item: PullItem) -> None:
        if item in self._items:
            self._items.remove(item)
            self._notify(item, PullChange.REMOVED)

    def _notify(self, item: PullItem, change: PullChange) -> None:
        self._listeners(item, change)

    def _save(self) -> None:
        if self._store is None:
            return
        saved = [_saved(item) for item in self._items if item.state is not PullState.DONE]
        self._store.save(saved)


def full_name(name: str) -> str:
    """``qwen3`` and ``qwen3:latest`` are one download: the default tag is spelled out."""
    name = name.strip()
    parts = split_name(name)
    return name if parts.tag or parts.digest else f"{name}:{DEFAULT_TAG}"


def _saved(item: PullItem) -> SavedPull:
    if item.state is PullState.CANCELLED:
        return SavedPull(item.name, CANCELLED)
    if item.state is PullState.FAILED:
        return SavedPull(item.name, FAILED, item.error, item.error_detail)
    return SavedPull(item.name, RESUME)


def _classified(error: ProviderError) -> ProviderError:
    """A full disk, recognised by Ollama's wording, becomes :class:`DiskFull`."""
    text = f"{error.message} {error.detail}".lower()
    if any(marker in text for marker in DISK_FULL_MARKERS):
        return DiskFull(
            Text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The disk that holds Ollama's models is full. Free some space (delete "
                    "models you no longer use) and press Retry; the download resumes where it "
                    "stopped.",
                )
            ),
            detail=error.detail,
        )
    return error


def _worth_retrying(error: ProviderError) -> bool:
    return not isinstance(error, ModelNotFound | BadRequest | AuthFailed | DiskFull)
