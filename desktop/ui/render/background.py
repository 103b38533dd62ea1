"""The renderer's slow pure-Python work (Pygments, ziamath) runs in a worker process
(core.render_jobs says why not a thread); results come back to the UI thread a few at a
time, at most ``DELIVERY_BUDGET_S`` a turn of the event loop, to callbacks held weakly (a
view that went away is not called).

The worker is started by the thread that then writes its requests: fork and exec took
~6 ms of the UI thread at the first formula or code block of a session, a stall right as
the answer streamed. Requests wait in a queue meanwhile. A second thread reads the
worker's replies (blocked in a read, it holds no lock the UI needs) and wakes the UI
thread once per batch. If the worker cannot start, or ends, jobs run in a thread of the
app instead: slower for the UI, but every formula and colour still arrives.
"""

from __future__ import annotations

import atexit
import contextlib
import queue
import subprocess
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import IO, Any, BinaryIO, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.core.render_jobs import run
from desktop.workers import child
from desktop.workers.frames import read_frame, write_frame

DELIVERY_BUDGET_S = 0.004
"""Time a turn of the event loop spends handing results to their views."""

Callback = Callable[[Any, Any], None]


def worker_command() -> list[str]:
    """How to start the worker: the app's own executable when bundled (desktop/__main__
    hands ``--render-worker`` to core.render_jobs), else this Python."""
    return child.command("desktop.core.render_jobs", "--render-worker")


class RenderWorker(QObject):
    _ready = Signal()  # queued to the UI thread when a result waits and none did
    _ended = Signal()  # the worker's replies ended while it was meant to run

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callbacks: dict[int, tuple[weakref.WeakMethod[Callback], object]] = {}
        self._finishers: dict[int, Callable[[Any], Any]] = {}
        self._jobs: dict[int, tuple[str, tuple[Any, ...]]] = {}  # sent, not answered yet
        self._next_job = 0
        self._results: deque[tuple[int, Any]] = deque()
        self._lock = threading.Lock()
        self._taking = False  # the UI thread takes results in its next turn anyway
        self._process: subprocess.Popen[bytes] | None = None
        self._here = False  # the worker was stopped or ended: jobs run in threads of the app
        self._outbox: queue.SimpleQueue[tuple[int, str, tuple[Any, ...]] | None] = (
            queue.SimpleQueue()
        )
        self._started = False
        self._next_turn = QTimer(self)
        self._next_turn.setSingleShot(True)
        self._next_turn.setInterval(0)
        self._next_turn.timeout.connect(self._take_results)
        self._ready.connect(self._take_results, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._worker_ended, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """Jobs were sent and their results not handed over yet."""
        return bool(self._callbacks)

    def run(
        self,
        name: str,
        argument: tuple[Any, ...],
        callback: Callback,
        key: object,
        finish: Callable[[Any], Any] | None = None,
    ) -> None:
        """Run job ``name`` (core.render_jobs.JOBS); ``callback`` (a bound method) gets
        ``key`` and the result on the UI thread. ``finish``, if given, turns the result
        into what the callback gets, on the thread that received it (it must not raise)."""
        job = self._next_job
        self._next_job += 1
        self._callbacks[job] = (weakref.WeakMethod(callback), key)
        if finish is not None:
            with self._lock:
                self._finishers[job] = finish
        self._jobs[job] = (name, argument)
        if self._here:
            threading.Thread(
                target=lambda: self._arrived(job, run(name, argument)), daemon=True
            ).start()
            return
        if not self._started:
            self._started = True
            threading.Thread(target=self._start, name="render-requests", daemon=True).start()
        self._outbox.put((job, name, argument))  # written by a thread: a full pipe waits

    def _start(self) -> None:
        """Start the worker, then write its requests (on the requests thread)."""
        try:
            process = subprocess.Popen(
                worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        except OSError:  # run each job here, in turn
            while (message := self._outbox.get()) is not None:
                job, name, argument = message
                self._arrived(job, run(name, argument))
            return
        assert process.stdin is not None and process.stdout is not None
        self._process = process
        atexit.register(self.stop)
        threading.Thread(
            target=self._read, args=(process.stdout,), name="render-replies", daemon=True
        ).start()
        self._write(process.stdin)

    def stop(self) -> None:
        """End the worker (at exit: its stdin closes and it returns)."""
        process, self._process = self._process, None
        self._here = True
        self._outbox.put(None)  # the requests thread ends, after the requests before it
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):  # it had ended: nothing more can be written
                process.stdin.close()
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            process.kill()

    def _write(self, requests: IO[bytes]) -> None:
        while (message := self._outbox.get()) is not None:
            try:
                write_frame(cast(BinaryIO, requests), message)
            except (OSError, ValueError):  # the worker ended (its pipe closed): run here
                job, name, argument = message
                self._arrived(job, run(name, argument))

    def _read(self, replies: IO[bytes]) -> None:
        while (message := read_frame(cast(BinaryIO, replies))) is not None:
            self._arrived(*message)
        replies.close()
        if self._process is not None:  # it ended by itself (killed, crashed)
            self._ended.emit()

    def _worker_ended(self) -> None:
        """The jobs it did not answer run here (an answer already waiting is taken
        first; a second one for the same job finds no callback and is dropped)."""
        self.stop()
        for job, (name, argument) in list(self._jobs.items()):
            here = threading.Thread(
                target=lambda j=job, n=name, a=argument: self._arrived(j, run(n, a))
            )
            here.daemon = True
            here.start()

    def _arrived(self, job: int, result: Any) -> None:
        """A result, from a thread: the UI thread is woken once per batch."""
        with self._lock:
            finish = self._finishers.get(job)  # a job run again finishes again
        if finish is not None:
            result = finish(result)
        with self._lock:
            wake = not self._results and not self._taking
            self._results.append((job, result))
        if wake:
            self._ready.emit()

    def _take_results(self) -> None:
        ends = time.perf_counter() + DELIVERY_BUDGET_S
        while True:
            with self._lock:
                if not self._results:
                    self._taking = False
                    return
                if time.perf_counter() > ends:
                    self._taking = True
                    self._next_turn.start()
                    return
                job, result = self._results.popleft()
                self._finishers.pop(job, None)
            self._jobs.pop(job, None)
            reference, key = self._callbacks.pop(job, (None, None))
            callback = reference() if reference is not None else None
            if callback is not None:
                callback(key, result)


_worker: RenderWorker | None = None


def render_worker() -> RenderWorker:
    """The one render worker of the application (shared like a cache: every answer's
    formulas and code go to it)."""
    global _worker
    if _worker is None:
        _worker = RenderWorker()
    return _worker
