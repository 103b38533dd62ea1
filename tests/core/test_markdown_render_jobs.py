"""The render worker process: formulas and code tokens made apart from the app, over its
pipes, in the order asked, in the background, giving way to the window; a job that fails
answers None and the worker goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import BinaryIO, cast

from desktop.core.code_tokens import lex
from desktop.core.formula_svg import FormulaKey
from desktop.workers import child
from desktop.workers.frames import read_frame, write_frame


def test_the_worker_answers_each_job_in_order_and_survives_a_failing_one():
    worker = subprocess.Popen(
        [sys.executable, "-m", "desktop.core.render_jobs"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    requests, replies = cast(BinaryIO, worker.stdin), cast(BinaryIO, worker.stdout)
    try:
        write_frame(requests, (1, "formula", (FormulaKey(r"\frac{a}{b}", False, 14.0),)))
        write_frame(requests, (2, "formula", (FormulaKey(r"\frac{a}{", False, 14.0),)))
        write_frame(requests, (3, "lex", ("fn main() {}", "rust")))
        write_frame(requests, (4, "lex", ("x", 42)))  # not text: the job fails
        write_frame(requests, (5, "lex", ("SELECT 1;", "")))
        answers = [read_frame(replies) for _ in range(5)]
        niceness = os.getpriority(os.PRIO_PROCESS, worker.pid)  # it answered: it is set up
        policy = os.sched_getscheduler(worker.pid) if sys.platform.startswith("linux") else None
    finally:
        requests.close()
        worker.wait(timeout=10)
        replies.close()
    assert [job for job, _ in answers] == [1, 2, 3, 4, 5]
    fraction, broken, rust, failed, guessed = (result for _, result in answers)
    assert fraction.svg.startswith(b"<svg") and fraction.width > 0 and fraction.height > 0
    assert broken.svg is None, "broken LaTeX is answered, not fatal"
    assert rust == lex("fn main() {}", "rust") and rust.lines[0][0] == (0, 2, "keyword")
    assert failed is None
    assert guessed.language == "SQL"
    assert worker.returncode == 0, "stdin closed: the worker ends"
    assert niceness == os.nice(0) + child.NICENESS, "it gives way to the UI thread"
    if policy is not None:
        assert policy == os.SCHED_IDLE, "at once, when the UI thread wakes"
