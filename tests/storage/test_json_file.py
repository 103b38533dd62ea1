"""The one atomic JSON file behind settings, the window's state and the download queue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.saved_pull import SavedPull
from desktop.storage.json_file import read_json_object, write_json_object
from desktop.storage.pull_queue import PullQueueStore
from desktop.storage.settings import Settings, SettingsStore
from desktop.storage.ui_state import UiState, UiStateStore


def save_settings(path: Path) -> Callable[[], object]:
    SettingsStore(path).save(Settings(default_model="qwen3:4b"))
    return lambda: SettingsStore(path).load().default_model


def save_queue(path: Path) -> Callable[[], object]:
    PullQueueStore(path).save([SavedPull("qwen3:4b")])
    return lambda: [pull.name for pull in PullQueueStore(path).load()]


def save_ui_state(path: Path) -> Callable[[], object]:
    UiStateStore(path).save(UiState(splitter_sizes=[240, 900]))
    return lambda: UiStateStore(path).load().splitter_sizes


@pytest.mark.parametrize(
    ("save", "expected"),
    [
        (save_settings, "qwen3:4b"),
        (save_queue, ["qwen3:4b"]),
        (save_ui_state, [240, 900]),
    ],
)
def test_a_save_killed_half_way_leaves_the_last_file_and_its_litter_is_swept(
    tmp_path: Path, save: Callable[[Path], Callable[[], object]], expected: object
) -> None:
    path = tmp_path / "state.json"
    load = save(path)
    litter = tmp_path / f".{path.name}.k1ll3d.tmp"
    litter.write_text('{"half": ', encoding="utf-8")  # what a killed save leaves

    assert load() == expected
    assert not litter.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_file_that_holds_no_object_is_refused_and_no_file_is_none(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    assert read_json_object(path) is None
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON object"):
        read_json_object(path)


def test_writing_keeps_non_ascii_readable(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    write_json_object(path, {"title": "你好"})
    assert "你好" in path.read_text(encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == {"title": "你好"}
