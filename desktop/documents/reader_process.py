"""Reading a file in a process of its own, so the window stays responsive.

Extraction and chunking are pure Python, and loading PDFium (``ctypes.CDLL`` of a ~6 MB
library) holds the interpreter lock for the whole ``dlopen``: in a thread of the app the
UI thread waited up to 300 ms for that lock while a 40-page PDF was read
(bench/document_window.py, phase "reading"). A child process has a lock of its own, and a
file that crashes PDFium ends the child, not the app.

The app writes one frame, the file's path, on the child's stdin; the child answers with
one frame, ``("result", ReadFile)``, ``("problem", DocumentProblem)`` or ``("failed",
OSError)``, and exits (frames: desktop/workers/frames.py). A child that ends without an
answer is :func:`problems.reader_stopped`. Cancelling the awaiting task kills the child
and waits until it is gone. If no child can start, the file is read in a worker thread
instead (as before: the window may stall, the result is the same).
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
from pathlib import Path
from typing import IO, Any

from desktop.documents import problems
from desktop.documents.problems import DocumentProblem
from desktop.documents.reading import ReadFile, read_file
from desktop.workers import child
from desktop.workers.frames import read_frame, write_frame


def reader_command() -> list[str]:
    """The bundle's own executable with ``--read-worker`` (desktop/__main__.py), else
    this Python with ``-m desktop.documents.reader_process``."""
    return child.command("desktop.documents.reader_process", "--read-worker")


async def read_in_child(path: Path) -> ReadFile:
    """:func:`read_file` of ``path`` in a child process; raises what it raises, or
    DocumentProblem when the child stopped without answering."""
    talk = _Talk(reader_command())
    replied = asyncio.ensure_future(asyncio.to_thread(talk.run, path))
    try:
        reply = await asyncio.shield(replied)
    except asyncio.CancelledError:
        talk.kill()
        await asyncio.wait([replied])  # reaped: no process is left behind
        if not replied.cancelled():
            replied.exception()  # looked at: a failure after Cancel is of no interest
        raise
    if reply is None:  # no child could start
        return await asyncio.to_thread(read_file, path)
    kind, value = reply
    if kind == "result":
        result: ReadFile = value
        return result
    if kind == "stopped":
        raise problems.reader_stopped(path.name, value)
    if kind == "cancelled":  # killed before it started (only after a Cancel)
        raise asyncio.CancelledError
    raise value  # "problem": DocumentProblem, "failed": OSError


class _Talk:
    """One child, from a worker thread; :meth:`kill` from any thread ends it at once."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.process: subprocess.Popen[bytes] | None = None
        self.killed = False

    def run(self, path: Path) -> tuple[str, Any] | None:
        """The child's reply, ``("stopped", exit status)`` if it gave none, or None if it
        could not start."""
        if self.killed:
            return ("cancelled", None)
        try:
            process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError:
            return None
        self.process = process
        if self.killed:  # cancelled while it started (kill() saw no process yet)
            process.kill()
        assert process.stdin is not None and process.stdout is not None
        try:
            with contextlib.suppress(OSError):  # it ended already: its status says how
                write_frame(process.stdin, str(path))
                process.stdin.close()
            reply: tuple[str, Any] | None = read_frame(process.stdout)
        finally:
            with contextlib.suppress(OSError):
                process.stdin.close()
            process.stdout.close()
            status = process.wait()
        return reply if reply is not None else ("stopped", status)

    def kill(self) -> None:
        self.killed = True
        process = self.process
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()


# -- the child's side ----------------------------------------------------------------


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    request = read_frame(requests)
    if request is None:
        return
    reply: tuple[str, object]
    try:
        reply = ("result", read_file(Path(request)))
    except DocumentProblem as problem:
        reply = ("problem", problem)
    except OSError as error:
        reply = ("failed", error)
    write_frame(replies, reply)


def main() -> None:
    child.run_child(serve)


if __name__ == "__main__":
    main()
