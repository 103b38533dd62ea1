"""The import worker process: the same preview and report as reading in the app, the
file's problem in the person's words, Cancel, a worker that dies, and no worker at all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.core.conversation_export import ImportProblem
from desktop.importers import run, worker
from desktop.importers.model import ImportCancelled
from desktop.storage.history import HistoryStore
from tests.importers import samples
from tests.importers.helpers import snapshot


def test_the_worker_gives_the_preview_and_report_reading_here_gives(
    store: HistoryStore, tmp_path: Path
) -> None:
    path = samples.chatgpt_export(tmp_path)
    progress = run.Progress()
    seen = worker.preview(path, store.path, progress)
    assert seen == run.preview(path, store.path, run.Progress())
    assert (seen.conversations, seen.messages, seen.images) == (2, 8, 2)
    assert progress.done == 1.0  # its progress arrived
    report = worker.import_export(path, store.path, run.Progress())
    assert (report.added, report.messages, len(report.problems), len(report.notes)) == (2, 8, 1, 1)
    assert {c.title for c in store.list_conversations()} == {"Branches and code", "Plain one"}
    again = worker.import_export(path, store.path, run.Progress())
    assert (again.added, again.present) == (0, 2)


def test_a_bad_file_is_the_same_problem_in_the_persons_words(
    store: HistoryStore, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    with pytest.raises(ImportProblem) as found:
        worker.preview(broken, store.path, run.Progress())
    assert found.value.text.key == "The file ends in the middle: it is incomplete (truncated)."


def test_cancel_reaches_the_worker_and_nothing_is_added(
    store: HistoryStore, tmp_path: Path
) -> None:
    before = snapshot(store.path)
    progress = run.Progress()
    progress.cancelled = True
    with pytest.raises(ImportCancelled):
        worker.import_export(samples.chatgpt_export(tmp_path), store.path, progress)
    assert snapshot(store.path) == before


def test_a_worker_that_dies_is_a_failure_and_the_history_stays(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(store.path)
    monkeypatch.setattr(worker, "worker_command", lambda: [sys.executable, "-c", "exit(3)"])
    with pytest.raises(OSError, match="exit status 3"):
        worker.import_export(samples.chatgpt_export(tmp_path), store.path, run.Progress())
    assert snapshot(store.path) == before


def test_without_a_worker_the_import_runs_here(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "worker_command", lambda: [str(tmp_path / "no-such-python")])
    report = worker.import_export(samples.chatgpt_export(tmp_path), store.path, run.Progress())
    assert (report.added, report.messages) == (2, 8)
