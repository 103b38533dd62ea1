"""A preview or an import in a process of its own, so the window stays responsive.

Reading an export is pure Python (JSON, trees, rows) for minutes. In a thread of the app
it holds the interpreter lock the UI thread needs: even with a 1 ms switch interval the
UI thread waited 40–200 ms at a time, its CPU time standing still, whenever the system
took the core from the worker while the worker held the lock (a 10,000-conversation
import on a shared 2-core machine, traced with bench/stall_trace.py). A process has a
lock of its own; the app's thread that talks to it waits in a read, holding nothing.

The app writes one pickled frame, ``(job, export path, history path)``, on the worker's
stdin, and later ``"cancel"`` when the person cancels; stdin closing (the app quits, or
died) stops the worker at once, leaving what it wrote hidden (storage/bulk_import.py).
The worker answers with ``("progress", done)`` frames, at most every
:data:`PROGRESS_EVERY_S`, and one last frame: ``("result", Preview | Report)``,
``("problem", Text)``, ``("cancelled",)`` or ``("failed", error)``. Each frame is a 4-byte
length and a pickle (desktop/workers/frames.py).

The worker runs in the background, giving way to the UI (desktop/workers/child.py). If it
cannot start, the job runs in the calling thread instead (as before: the window may stall,
the result is the same).
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from desktop.core.conversation_export import ImportProblem
from desktop.importers import run
from desktop.importers.model import ImportCancelled, Preview, Report
from desktop.workers import child
from desktop.workers.frames import read_frame, write_frame

PROGRESS_EVERY_S = 0.05
POLL_S = 0.05
"""How often the app's side looks at Cancel while the worker is quiet."""
Job = Callable[[Path, Path, run.Progress], Any]
JOBS: dict[str, Job] = {"preview": run.preview, "import": run.import_export}


def worker_command() -> list[str]:
    """The app's own executable when bundled (desktop/__main__ hands ``--import-worker``
    to :func:`main`), else this Python."""
    return child.command("desktop.importers.worker", "--import-worker")


# -- the app's side ----------------------------------------------------------------


def preview(export: Path, history: Path, progress: run.Progress) -> Preview:
    """:func:`run.preview` in the worker process (call it from a thread)."""
    result: Preview = _in_worker("preview", export, history, progress)
    return result


def import_export(export: Path, history: Path, progress: run.Progress) -> Report:
    """:func:`run.import_export` in the worker process (call it from a thread)."""
    result: Report = _in_worker("import", export, history, progress)
    return result


def _in_worker(job: str, export: Path, history: Path, progress: run.Progress) -> Any:
    """Runs ``job`` in a worker process: its progress lands in ``progress``, Cancel
    (``progress.cancelled``) goes to it, quitting (``progress.quitting``) ends it.
    Returns or raises what the job does."""
    try:
        process = subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    except OSError:
        return JOBS[job](export, history, progress)
    assert process.stdin is not None and process.stdout is not None
    replies: queue.SimpleQueue[Any] = queue.SimpleQueue()
    reader = threading.Thread(
        target=_read_replies, args=(process.stdout, replies), name="import-replies", daemon=True
    )
    reader.start()
    try:
        write_frame(process.stdin, (job, str(export), str(history)))
        cancel_sent = False
        while True:
            if progress.quitting:
                raise ImportCancelled
            if progress.cancelled and not cancel_sent:
                cancel_sent = True
                with contextlib.suppress(OSError):  # it ended: its last words say how
                    write_frame(process.stdin, "cancel")
            try:
                message = replies.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if message is None:
                raise OSError(f"the import worker ended (exit status {process.wait()})")
            kind = message[0]
            if kind == "progress":
                progress.done = message[1]
            elif kind == "result":
                return message[1]
            elif kind == "problem":
                raise ImportProblem(message[1])
            elif kind == "cancelled":
                raise ImportCancelled
            else:
                raise message[1]
    finally:
        _end(process, at_once=progress.quitting)


def _read_replies(stream: IO[bytes], replies: queue.SimpleQueue[Any]) -> None:
    while (message := read_frame(stream)) is not None:
        replies.put(message)
    replies.put(None)
    stream.close()


def _end(process: subprocess.Popen[bytes], *, at_once: bool) -> None:
    """Close its stdin (it stops, or ends as it was done), and wait for it; quitting or
    a worker that does not end is killed: what it wrote stays hidden, and the next
    start's purge of the trash deletes it."""
    if at_once:
        process.kill()
    try:
        assert process.stdin is not None
        process.stdin.close()
    except OSError:  # it had ended: its pipe is gone
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- the worker's side ---------------------------------------------------------------


class _Reported(run.Progress):
    """Progress that the worker sends to the app, at most every PROGRESS_EVERY_S."""

    def __init__(self, replies: IO[bytes]) -> None:
        super().__init__()
        self._replies = replies
        self._sent = 0.0

    def update(self, done: float) -> None:
        now = time.monotonic()
        if now - self._sent >= PROGRESS_EVERY_S:
            self._sent = now
            try:
                write_frame(self._replies, ("progress", done))
            except OSError:  # the app is gone
                self.quitting = self.cancelled = True
        super().update(done)


def _listen(requests: IO[bytes], progress: run.Progress) -> None:
    """Cancel from the app; its end (the app quit or died) stops the job at once."""
    while (message := read_frame(requests)) is not None:
        if message == "cancel":
            progress.cancelled = True
    progress.quitting = True
    progress.cancelled = True


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    request = read_frame(requests)
    if request is None:
        return
    job, export, history = request
    progress = _Reported(replies)
    threading.Thread(target=_listen, args=(requests, progress), daemon=True).start()
    try:
        reply: tuple[object, ...] = ("result", JOBS[job](Path(export), Path(history), progress))
    except ImportCancelled:
        reply = ("cancelled",)
    except ImportProblem as problem:
        reply = ("problem", problem.text)
    except (OSError, sqlite3.Error) as error:
        reply = ("failed", error)
    if not progress.quitting:
        with contextlib.suppress(OSError):  # the app is gone
            write_frame(replies, reply)


def main() -> None:
    child.run_child(serve)


if __name__ == "__main__":
    main()
