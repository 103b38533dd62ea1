"""The download queue file: round trip, atomic writes, damage kept aside and explained."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.saved_pull import CANCELLED, FAILED, RESUME, SavedPull
from desktop.storage.paths import data_dir
from desktop.storage.pull_queue import PullQueueStore, default_pull_queue_path


def test_the_queue_round_trips_in_order(tmp_path: Path):
    store = PullQueueStore(tmp_path / "queue.json")
    pulls = [
        SavedPull("qwen3:4b", RESUME),
        SavedPull("llama3.2:latest", CANCELLED),
        SavedPull("lama3.2", FAILED, "No model named lama3.2 in the registry."),
    ]
    store.save(pulls)

    assert PullQueueStore(store.path).load() == pulls
    assert [p.name for p in tmp_path.iterdir()] == ["queue.json"], "a temporary file was left"


def test_a_failed_pull_keeps_the_servers_words(tmp_path: Path):
    store = PullQueueStore(tmp_path / "queue.json")
    failed = SavedPull(
        "lama3.2:latest",
        FAILED,
        "No model named lama3.2:latest in the registry.",
        "pull model manifest: file does not exist",
    )
    store.save([failed])

    (loaded,) = PullQueueStore(store.path).load()
    assert loaded.detail == "pull model manifest: file does not exist"
    assert loaded == failed


def test_a_file_written_before_details_were_kept_still_loads(tmp_path: Path):
    path = tmp_path / "queue.json"
    entry = {"name": "x:latest", "state": "failed", "error": "Failed.", "detail": 7}
    path.write_text(json.dumps({"version": 1, "pulls": [entry, {"name": "y", "state": "failed"}]}))

    assert PullQueueStore(path).load() == [
        SavedPull("x:latest", FAILED, "Failed."),
        SavedPull("y", FAILED),
    ]


def test_a_missing_file_is_an_empty_queue(tmp_path: Path):
    store = PullQueueStore(tmp_path / "nothing.json")
    assert store.load() == []
    assert store.load_problem is None


def test_a_damaged_file_is_moved_aside_and_explained(tmp_path: Path):
    path = tmp_path / "queue.json"
    path.write_text("{not json")
    store = PullQueueStore(path)

    assert store.load() == []
    assert store.load_problem is not None and "could not be read" in str(store.load_problem)
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("queue.json.bad-")]
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_unusable_entries_are_skipped_and_the_rest_kept(tmp_path: Path):
    path = tmp_path / "queue.json"
    entries = [{"name": "tiny"}, {"name": ""}, {"name": 3}, {"name": "x", "state": "??"}, "junk"]
    path.write_text(json.dumps({"version": 1, "pulls": entries}))

    assert PullQueueStore(path).load() == [SavedPull("tiny", RESUME)]


def test_the_queue_lives_in_the_data_dir():
    assert default_pull_queue_path().parent == data_dir()
