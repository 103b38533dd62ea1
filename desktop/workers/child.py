"""How the app starts a child process for a job, and how the child runs it.

The child reads its requests on stdin and writes its replies on what was stdout
(:mod:`desktop.workers.frames`); whatever a library prints goes to stderr instead. It runs
in the background (Linux's idle class, niced elsewhere) and ends with ``os._exit``.
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


def background_priority() -> None:
    """Give way to the app's UI thread. The system shares the CPU between sessions first
    (Linux's autogroups: the app and its child are one), so a child as eager as the UI
    thread took half the app's share when the UI thread needed it, and the UI waited for
    a core 40-90 ms at a time on a busy machine. Niced, it still kept a core often
    enough: a task that wakes does not take a core from a running one until that one's
    slice ends, at a clock tick (4 ms here), and the UI thread of a fast stream waited
    4-12 ms at a time behind the child (bench.rich_answer, an answer eight times the
    issue's, in a busy half hour: p99 gap 18-19 ms niced, 16 ms in the idle class; alike
    on a quiet machine). Linux's idle class gives way to any other task that wakes, and
    the child still gets what the UI thread leaves of the app's share, which is nearly
    all (formulas were drawn as soon; other programs have autogroups of their own).
    Elsewhere it is niced."""
    with contextlib.suppress(AttributeError, OSError):
        os.nice(NICENESS)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def run_child(serve: Serve) -> NoReturn:
    """The child's ``main``: background priority, ``serve(stdin, replies)``, then exit at
    once.

    A fault of Parley's is printed to stderr and ends the child with status 1: the app
    sees a child that ended without its reply."""
    background_priority()
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
