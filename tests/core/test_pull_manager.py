"""The download queue over real HTTP against the loopback Ollama-protocol server."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from desktop.core.model_records import PullProgress
from desktop.core.pull_manager import (
    PullChange,
    PullItem,
    PullManager,
    PullPolicy,
    PullState,
)
from desktop.core.pull_tracker import PullFigures, PullPhase, PullTracker, phase_of
from desktop.core.saved_pull import CANCELLED, SavedPull
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.storage.pull_queue import PullQueueStore
from tests.servers.fixtures import TINY, TINY_LOOP
from tests.ui.conftest import wait_until

FAST = PullPolicy(stall_seconds=5.0, backoff_seconds=0.05, backoff_max_seconds=0.2)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client() as shared:
        yield shared


def manager_for(
    client: httpx.AsyncClient, url: str, store: PullQueueStore | None = None, **policy: float
) -> PullManager:
    provider = OllamaProvider(client, url)
    chosen = PullPolicy(
        concurrency=int(policy.get("concurrency", FAST.concurrency)),
        stall_seconds=policy.get("stall_seconds", FAST.stall_seconds),
        max_attempts=int(policy.get("max_attempts", FAST.max_attempts)),
        backoff_seconds=FAST.backoff_seconds,
        backoff_max_seconds=FAST.backoff_max_seconds,
        progress_interval=policy.get("progress_interval", 0.0),
    )
    return PullManager(provider.pull, store, chosen)


class Recorder:
    """Everything the manager tells its observers, as a person watching the row would see."""

    def __init__(self, manager: PullManager) -> None:
        self.figures: list[PullFigures] = []
        self.states: list[PullState] = []
        manager.subscribe(self._changed)

    def _changed(self, item: PullItem, change: PullChange) -> None:
        if change is PullChange.UPDATED:
            self.figures.append(item.figures)
            if not self.states or self.states[-1] is not item.state:
                self.states.append(item.state)


async def finished(item: PullItem, timeout: float = 20.0) -> None:
    await wait_until(lambda: item.state.finished, timeout)


async def test_a_pull_reports_growing_progress_through_every_phase(client, ollama_server):
    ollama_server.pull_rate = 1_500_000
    manager = manager_for(client, ollama_server.url)
    seen = Recorder(manager)

    item = manager.add(TINY)
    await finished(item)

    assert item.state is PullState.DONE, item.error
    fractions = [figures.fraction for figures in seen.figures]
    assert fractions == sorted(fractions), "progress went backwards"
    assert fractions[-1] == 1.0
    assert len({round(f, 2) for f in fractions}) >= 4, fractions
    phases = list(dict.fromkeys(figures.phase for figures in seen.figures))
    assert phases == [
        PullPhase.WAITING,
        PullPhase.MANIFEST,
        PullPhase.DOWNLOADING,
        PullPhase.VERIFYING,
        PullPhase.WRITING,
        PullPhase.SUCCESS,
    ]
    installed = ollama_server.store.all()
    assert [model.name.display for model in installed] == [TINY]
    done = item.figures
    assert done.done_bytes == done.total_bytes == installed[0].size
    assert any(f.speed > 0 and f.eta_seconds is not None for f in seen.figures)


async def test_cancel_keeps_partial_data_and_pull_again_resumes(client, ollama_server):
    ollama_server.pull_rate = 400_000
    manager = manager_for(client, ollama_server.url)
    item = manager.add(TINY)
    await wait_until(lambda: item.figures.done_bytes > 150_000)

    manager.cancel(item)
    assert item.state is PullState.CANCELLED
    await asyncio.to_thread(ollama_server.wait_for_disconnect, 5.0)
    first = ollama_server.bytes_sent_by_pull[TINY]
    shown_before = item.figures.fraction
    ollama_server.pull_rate = None

    manager.retry(item)
    await finished(item)

    total = ollama_server.store.all()[0].size
    second = ollama_server.bytes_sent_by_pull[TINY] - first
    print(f"\ncancel/resume: first {first} B, second {second} B, model {total} B")
    assert item.state is PullState.DONE
    assert 0 < second < total - 100_000
    assert item.figures.fraction >= shown_before


async def test_a_stalled_download_is_retried_and_finishes(client, ollama_server):
    ollama_server.pull_rate = 2_000_000
    ollama_server.inject("/api/pull", stall_after_bytes=120_000, once=True)
    manager = manager_for(client, ollama_server.url, stall_seconds=0.4)
    seen = Recorder(manager)

    item = manager.add(TINY)
    await finished(item)

    assert item.state is PullState.DONE
    assert item.attempts == 2
    assert PullState.RETRY_WAIT in seen.states
    assert len(ollama_server.requests_to("/api/pull")) == 2
    fractions = [figures.fraction for figures in seen.figures]
    assert fractions == sorted(fractions)


async def test_an_unknown_model_fails_at_once_with_ollamas_error(client, ollama_server):
    manager = manager_for(client, ollama_server.url)

    item = manager.add("lama3.2:latest")
    await finished(item)

    assert item.state is PullState.FAILED
    assert item.attempts == 1
    assert "No model named lama3.2:latest" in item.error
    assert item.error_detail == "pull model manifest: file does not exist"


async def test_a_full_disk_stops_with_advice_and_no_retries(client, ollama_server):
    ollama_server.inject(
        "/api/pull",
        error_after=2,
        error_message="write /models/blobs/sha256-ab-partial: no space left on device",
    )
    manager = manager_for(client, ollama_server.url)

    item = manager.add(TINY)
    await finished(item)

    assert item.state is PullState.FAILED
    assert item.attempts == 1
    assert "disk that holds Ollama's models is full" in item.error


async def test_network_loss_is_retried_with_growing_pauses_then_kept_as_failed(client):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    manager = manager_for(client, f"http://127.0.0.1:{port}", max_attempts=3)
    pauses: list[float] = []

    def watch(item: PullItem, change: PullChange) -> None:
        if item.state is PullState.RETRY_WAIT and item.retry_at is not None:
            pauses.append(item.retry_at - time.monotonic())

    manager.subscribe(watch)
    item = manager.add(TINY)
    await finished(item)

    assert item.state is PullState.FAILED
    assert item.attempts == 3
    assert "not running" in item.error
    assert len(pauses) == 2
    assert pauses[0] < pauses[1], pauses


async def test_one_download_at_a_time_the_next_waits_its_turn(client, ollama_server):
    ollama_server.pull_rate = 1_000_000
    manager = manager_for(client, ollama_server.url)

    first, second = manager.add(TINY), manager.add(TINY_LOOP)
    await wait_until(lambda: first.state is PullState.ACTIVE)
    assert second.state is PullState.QUEUED
    await finished(second, 30)

    assert (first.state, second.state) == (PullState.DONE, PullState.DONE)
    assert {m.name.display for m in ollama_server.store.all()} == {TINY, TINY_LOOP}


async def test_the_queue_is_restored_after_a_restart_and_resumes(client, ollama_server, tmp_path):
    ollama_server.pull_rate = 300_000
    path = tmp_path / "queue.json"
    before = manager_for(client, ollama_server.url, PullQueueStore(path))
    running = before.add(TINY)
    waiting = before.add(TINY_LOOP)
    before.cancel(waiting)
    await wait_until(lambda: running.figures.done_bytes > 50_000)
    await before.aclose()
    assert running.state is PullState.ACTIVE  # shut down, not cancelled by the person
    ollama_server.pull_rate = None

    after = manager_for(client, ollama_server.url, PullQueueStore(path))
    assert after.restore() == 2
    after.start()
    resumed, still_cancelled = after.items
    await finished(resumed)

    assert (resumed.name, resumed.state) == (TINY, PullState.DONE)
    assert (still_cancelled.name, still_cancelled.state) == (TINY_LOOP, PullState.CANCELLED)
    assert PullQueueStore(path).load() == [SavedPull(TINY_LOOP, CANCELLED)]


async def test_a_failed_pull_keeps_the_servers_reason_after_a_restart(
    client, ollama_server, tmp_path
):
    path = tmp_path / "queue.json"
    before = manager_for(client, ollama_server.url, PullQueueStore(path))
    failed = before.add("lama3.2:latest")
    await finished(failed)
    await before.aclose()
    assert failed.error_detail == "pull model manifest: file does not exist"

    after = manager_for(client, ollama_server.url, PullQueueStore(path))
    assert after.restore() == 1
    (restored,) = after.items
    assert restored.state is PullState.FAILED
    assert "No model named lama3.2:latest" in restored.error
    assert restored.error_detail == "pull model manifest: file does not exist"


# -- the tracker on its own: layers, monotonic fraction, speed ----------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_new_layer_never_pulls_the_bar_back():
    clock = Clock()
    tracker = PullTracker(clock)
    tracker.feed(PullProgress("pulling manifest"))
    tracker.feed(PullProgress("pulling aaa", "sha256:a", total=1000, completed=900))
    assert tracker.figures().fraction == pytest.approx(0.9)
    tracker.feed(PullProgress("pulling bbb", "sha256:b", total=1000, completed=0))
    assert tracker.figures().fraction == pytest.approx(0.9)
    tracker.feed(PullProgress("pulling aaa", "sha256:a", total=1000, completed=500))
    figures = tracker.figures()
    assert (figures.done_bytes, figures.total_bytes) == (900, 2000)
    assert figures.fraction == pytest.approx(0.9)


def test_speed_is_smoothed_and_eta_follows_it():
    clock = Clock()
    tracker = PullTracker(clock)
    tracker.feed(PullProgress("pulling aaa", "sha256:a", total=10_000_000, completed=0))
    for step in range(1, 41):
        clock.now += 0.1
        tracker.feed(PullProgress("pulling aaa", "sha256:a", 10_000_000, step * 100_000))
    figures = tracker.figures()
    assert figures.speed == pytest.approx(1_000_000, rel=0.05)
    assert figures.eta_seconds == pytest.approx(6.0, rel=0.1)
    clock.now += 10
    assert tracker.figures().speed < 200_000


def test_bytes_already_on_disk_at_resume_are_not_counted_as_speed():
    clock = Clock()
    tracker = PullTracker(clock)
    tracker.feed(PullProgress("pulling aaa", "sha256:a", total=1000, completed=100))
    tracker.begin_attempt()
    clock.now += 0.5
    tracker.feed(PullProgress("pulling aaa", "sha256:a", total=1000, completed=800))
    assert tracker.figures().speed == 0


@pytest.mark.parametrize(
    ("status", "phase"),
    [
        ("pulling manifest", PullPhase.MANIFEST),
        ("pulling 6a0746a1ec1a", PullPhase.DOWNLOADING),
        ("verifying sha256 digest", PullPhase.VERIFYING),
        ("writing manifest", PullPhase.WRITING),
        ("removing any unused layers", PullPhase.REMOVING),
        ("success", PullPhase.SUCCESS),
        ("something new", None),
    ],
)
def test_status_lines_name_the_phase(status: str, phase: PullPhase | None):
    assert phase_of(status) is phase


def test_backoff_doubles_up_to_its_bound():
    policy = PullPolicy(backoff_seconds=2, backoff_max_seconds=10)
    assert [policy.backoff(n) for n in range(1, 6)] == [2, 4, 8, 10, 10]


async def test_a_broken_observer_neither_stops_the_download_nor_the_other_rows(
    client, ollama_server, caplog
):
    """A download row that fails to redraw must not leave the other rows, or the queue,
    without news (it used to raise out of ``add`` and silence every later observer)."""
    manager = manager_for(client, ollama_server.url)

    def broken(_item: PullItem, _change: PullChange) -> None:
        raise RuntimeError("row deleted")

    stop_broken = manager.subscribe(broken)
    seen = Recorder(manager)

    item = manager.add(TINY)
    await finished(item)

    assert item.state is PullState.DONE, item.error
    assert seen.states[-1] is PullState.DONE
    assert "row deleted" in caplog.text
    stop_broken()
    stop_broken()  # a second unsubscribe is harmless
    await manager.aclose()
