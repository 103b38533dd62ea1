"""The worker of an import hands the GIL to the UI thread within 1 ms, and only while
it runs: the interpreter's 5 ms made each of the UI's turns wait several times 5 ms."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.core.conversation_export import ImportProblem
from desktop.importers.run import Progress, import_export, preview
from desktop.storage.history import HistoryStore
from tests.importers import samples


class _Watching(Progress):
    seen: list[float]

    def update(self, done: float) -> None:
        self.seen.append(sys.getswitchinterval())
        super().update(done)


def test_reading_and_writing_hand_the_gil_over_sooner(store: HistoryStore, tmp_path: Path) -> None:
    before = sys.getswitchinterval()
    assert before > 0.001
    path = samples.chatgpt_export(tmp_path)
    for work in (preview, import_export):
        progress = _Watching()
        progress.seen = []
        work(path, store.path, progress)
        assert progress.seen and max(progress.seen) <= 0.001
        assert sys.getswitchinterval() == before  # given back when done
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    with pytest.raises(ImportProblem):
        import_export(broken, store.path, Progress())
    assert sys.getswitchinterval() == before  # and when it fails
