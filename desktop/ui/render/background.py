"""One worker thread for the renderer's slow pure-Python work (Pygments lexing): jobs go
in a queue, results come back on the UI thread through a queued signal, to callbacks held
weakly (a view that went away is not called)."""

from __future__ import annotations

import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

Job = Callable[[], Any]


class Background(QObject):
    _done = Signal(object, object, object)  # the callback's reference, its key, the result

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._jobs: queue.SimpleQueue[tuple[Job, object, object] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._queued = 0
        self._count_lock = threading.Lock()
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, job: Job, callback: Callable[[Any, Any], None], key: object = None) -> None:
        """Run ``job`` in the worker; ``callback`` (a bound method) gets ``key`` and its
        result on the UI thread."""
        reference = weakref.WeakMethod(callback)
        with self._count_lock:
            self._idle.clear()
            self._queued += 1
        self._jobs.put((job, reference, key))
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
            self._thread.start()

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until the queue is empty (tests and benchmarks only)."""
        return self._idle.wait(timeout)

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, reference, key = item
            try:
                result = job()
            except Exception:  # a job's failure is its caller's None, never the thread's end
                result = None
            self._done.emit(reference, key, result)
            with self._count_lock:
                self._queued -= 1
                if self._queued == 0:
                    self._idle.set()

    def _deliver(self, reference: object, key: object, result: object) -> None:
        assert isinstance(reference, weakref.WeakMethod)
        callback = reference()
        if callback is not None:
            callback(key, result)
