"""SIGKILL during an import: the history is exactly as before, and the import can be
done again from the start."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.messages import Role
from desktop.importers.run import Progress, import_export
from desktop.storage.history import HistoryStore
from tests.importers import samples
from tests.importers.helpers import snapshot

REPO = Path(__file__).resolve().parents[2]


def _export(folder: Path) -> Path:
    template = samples.chatgpt_conversations()
    many = [{**template[0], "conversation_id": f"c{n}", "title": f"导入 {n}"} for n in range(300)]
    return samples.chatgpt_export(folder, many)


def _hidden(history: Path) -> int:
    with sqlite3.connect(f"file:{history}?mode=ro", uri=True) as db:
        return int(
            db.execute(
                "SELECT COUNT(*) FROM conversations WHERE deleted_at LIKE 'importing:%'"
            ).fetchone()[0]
        )


@pytest.mark.parametrize("batches", [1, 6])
def test_sigkill_during_an_import_leaves_the_history_as_before(
    tmp_path: Path, batches: int
) -> None:
    history = tmp_path / "history.sqlite3"
    with HistoryStore.open(history) as store:
        import_export(samples.open_webui_export(tmp_path), history, Progress())
        chat = store.create_conversation("Mine", "m")
        store.add_message(chat.id, Role.USER, "导入 is a word in my own chat")
        shown = [(c.id, c.title) for c in store.list_conversations()]
        found = [hit.message_id for hit in store.search("导入")]
    before = snapshot(history)
    export = _export(tmp_path)

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.import_driver", str(export), str(history)],
        cwd=REPO,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    for _ in range(batches):
        line = child.stdout.readline()
        assert line == b"wrote\n", child.stderr.read() if child.stderr else line
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    with child:
        assert child.returncode == -signal.SIGKILL
    assert _hidden(history) > 0, "the kill came before anything was written"

    with HistoryStore.open(history) as store:
        # what a person sees at once: the same list, the same search
        assert [(c.id, c.title) for c in store.list_conversations()] == shown
        assert [hit.message_id for hit in store.search("导入")] == found
        store.purge_trash()  # what the sidebar does after the first paint
    assert snapshot(history) == before  # every row as before

    report = import_export(export, history, Progress())  # and it imports afresh
    assert (report.added, report.present) == (300, 0)
