"""The render worker: jobs answered on the UI thread, whatever becomes of the worker."""

from __future__ import annotations

import threading

import pytest

from desktop.core.formula_svg import FormulaKey, FormulaSvg
from desktop.ui.render import background
from desktop.ui.render.background import RenderWorker
from tests.ui.conftest import wait_until


class Asker:
    def __init__(self) -> None:
        self.answers: dict[object, object] = {}
        self.threads: list[str] = []

    def take(self, key: object, result: object) -> None:
        self.threads.append(threading.current_thread().name)
        self.answers[key] = result


@pytest.fixture
def worker(qtbot):
    worker = RenderWorker()
    yield worker
    worker.stop()


async def test_jobs_a_dead_worker_left_unanswered_are_done_in_the_app(worker):
    asker = Asker()
    answers = asker.answers
    worker.run("lex", ("fn main() {}", "rust"), asker.take, "first")
    await wait_until(lambda: "first" in answers)
    assert worker._process is not None
    worker._process.kill()  # as a crash would
    worker._process.wait()
    key = FormulaKey(r"\sqrt{2}", False, 14.0)
    worker.run("formula", (key,), asker.take, "after")
    await wait_until(lambda: "after" in answers, timeout=20)
    answer = answers["after"]
    assert isinstance(answer, FormulaSvg) and answer.svg is not None
    assert not worker.busy


async def test_the_worker_starts_off_the_ui_thread(worker, monkeypatch):
    """Fork and exec of the worker took ~6 ms of the UI thread as an answer streamed."""
    started_on: list[str] = []
    popen = background.subprocess.Popen

    def noting_popen(*args, **kwargs):
        started_on.append(threading.current_thread().name)
        return popen(*args, **kwargs)

    monkeypatch.setattr(background.subprocess, "Popen", noting_popen)
    asker = Asker()
    worker.run("lex", ("SELECT 1;", "sql"), asker.take, "query")
    await wait_until(lambda: "query" in asker.answers)
    assert started_on == ["render-requests"]
    assert asker.threads == [threading.main_thread().name]
    assert worker._process is not None


async def test_a_worker_that_cannot_start_leaves_the_jobs_to_the_app(worker, monkeypatch):
    monkeypatch.setattr(background, "worker_command", lambda: ["/nonexistent/parley-worker"])
    before = set(threading.enumerate())
    asker = Asker()
    key = FormulaKey(r"\frac{1}{2}", False, 14.0)
    worker.run("formula", (key,), asker.take, "half")
    worker.run("lex", ("fn main() {}", "rust"), asker.take, "code")
    await wait_until(lambda: len(asker.answers) == 2, timeout=20)
    half = asker.answers["half"]
    assert isinstance(half, FormulaSvg) and half.svg is not None
    assert asker.answers["code"] is not None
    assert worker._process is None and not worker.busy
    worker.stop()
    (thread,) = [t for t in set(threading.enumerate()) - before if t.name == "render-requests"]
    thread.join(timeout=5)
    assert not thread.is_alive(), "the thread that ran the jobs ends with the worker"
    worker.run("lex", ("x = 1", "python"), asker.take, "after")  # at exit, say
    await wait_until(lambda: "after" in asker.answers)
