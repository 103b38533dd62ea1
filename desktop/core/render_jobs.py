"""The render worker: a process of its own that lexes code and draws formulas (no Qt).

Pygments and ziamath are pure Python and take 10–250 ms a job. In a thread of the app they
would hold the interpreter lock the UI thread needs: measured here, a busy Python thread
stretches the UI's event-loop gaps from 10 ms to 200 ms (each call the UI thread makes into
Qt lets go of the lock and waits up to the 5 ms switch interval to get it back). In a
process of its own they cost the UI nothing but reading the results; it runs in the
background (workers.child), so on a busy machine the window's thread gets a core first.

The protocol is pickled ``(job id, function, argument)`` frames on the worker's stdin and
``(job id, result)`` frames on its stdout (desktop/workers/frames.py). Only functions
named in ``JOBS`` run. ``python -m desktop.core.render_jobs`` serves until stdin closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from desktop.core.code_tokens import lex
from desktop.core.formula_svg import draw_svg
from desktop.workers import child
from desktop.workers.frames import read_frame, write_frame

JOBS: dict[str, Callable[..., Any]] = {"lex": lex, "formula": draw_svg}


def run(name: str, argument: tuple[Any, ...]) -> Any:
    """One job (in the worker; also what the app does itself if no worker can start)."""
    try:
        return JOBS[name](*argument)
    except Exception:  # a job's failure is its caller's None
        return None


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    while (message := read_frame(requests)) is not None:
        job, name, argument = message
        write_frame(replies, (job, run(name, argument)))


def main() -> None:
    child.run_child(serve)


if __name__ == "__main__":
    main()
