"""How the app starts a child process for a job, and how the child runs it.

The child reads its requests on stdin and writes its replies on what was stdout
(:mod:`desktop.workers.frames`); whatever a library prints goes to stderr instead. It runs
as batch work, niced, and ends with ``os._exit``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable
from typing import IO, NoReturn

NICENESS = 10

Serve = Callable[[IO[bytes], IO[bytes]], None]
"""A child's work: ``serve(requests, replies)``."""


def command(module: str, flag: str) -> list[str]:
    """How to start the child that runs ``module``'s ``main``: the app's own executable
    with ``flag`` when bundled (desktop/__main__.py dispatches the flag before anything
    heavy is imported), else this Python with ``-m module``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, flag]
    return [sys.executable, "-m", module]


def batch_priority() -> None:
    """Give way to the app's UI thread. The system shares the CPU between sessions first
    (Linux's autogroups: the app and its child are one), so a child as eager as the UI
    thread took half the app's share when the UI thread needed it, and the UI waited for
    a core 40-90 ms at a time on a busy machine. Niced, it yields to the UI thread and
    still gets what the UI thread leaves, which is nearly all; as batch work (Linux) its
    wake-ups after each write do not take a core from the UI either."""
    with contextlib.suppress(AttributeError, OSError):
        os.nice(NICENESS)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))


def run_child(serve: Serve) -> NoReturn:
    """The child's ``main``: batch priority, ``serve(stdin, replies)``, then exit at once.

    A fault of Parley's is printed to stderr and ends the child with status 1: the app
    sees a child that ended without its reply."""
    batch_priority()
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing a library prints may land in the replies
    status = 0
    try:
        serve(sys.stdin.buffer, replies)
        replies.close()
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stderr.flush()
    # at once: a thread listening for Cancel may be blocked reading stdin, and a normal
    # exit would wait for that read's lock ("could not acquire lock ... at shutdown")
    os._exit(status)
