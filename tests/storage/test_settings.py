"""SettingsStore against real files in a temp dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.storage.settings import Settings, SettingsStore, default_settings_path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def customised() -> Settings:
    return Settings(
        ollama_host="http://10.0.0.5:11434",
        last_model="qwen3:8b",
        last_conversation_id=42,
        window_geometry="AdnQywADAAA=",
        splitter_sizes=[240, 760],
    )


def bad_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob("settings.json.bad-*"))


def test_default_path_lives_in_the_config_dir(private_dirs: Path) -> None:
    assert default_settings_path() == private_dirs / "config" / "settings.json"


def test_missing_file_gives_defaults_without_complaint(path: Path) -> None:
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.load_problem is None
    assert not path.exists()


def test_round_trip_survives_a_restart(path: Path) -> None:
    SettingsStore(path).save(customised())
    reloaded = SettingsStore(path)
    assert reloaded.load() == customised()
    assert reloaded.load_problem is None


def test_saved_file_is_readable_json(path: Path) -> None:
    SettingsStore(path).save(customised())
    assert json.loads(path.read_text(encoding="utf-8"))["last_model"] == "qwen3:8b"


@pytest.mark.parametrize(
    "content",
    [b'{"last_model": "llama3",', b"[1, 2, 3]", b"\xff\xfe not utf-8 \x80", b""],
    ids=["truncated-json", "not-an-object", "not-utf8", "empty"],
)
def test_damaged_file_is_kept_aside_and_explained(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = SettingsStore(path)

    assert store.load() == Settings()

    [kept] = bad_files(path)
    assert kept.read_bytes() == content
    assert not path.exists()
    assert store.load_problem is not None
    assert str(kept) in store.load_problem
    assert "default settings" in store.load_problem

    store.save(customised())
    assert SettingsStore(path).load() == customised()
    assert kept.read_bytes() == content


def test_each_damaged_file_is_kept_separately(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for attempt in range(3):
        path.write_text(f"broken {attempt}", encoding="utf-8")
        SettingsStore(path).load()
    kept = bad_files(path)
    assert sorted(p.read_text(encoding="utf-8") for p in kept) == [
        "broken 0",
        "broken 1",
        "broken 2",
    ]


def test_wrong_types_fall_back_per_field_and_unknown_keys_are_ignored(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "ollama_host": 11434,
                "last_model": "llama3.2",
                "last_conversation_id": True,
                "window_geometry": "AdnQ",
                "splitter_sizes": [200, "wide"],
                "from_a_future_version": {"x": 1},
            }
        ),
        encoding="utf-8",
    )
    store = SettingsStore(path)

    loaded = store.load()

    assert loaded == Settings(last_model="llama3.2", window_geometry="AdnQ")
    assert store.load_problem is not None
    for name in ("ollama_host", "last_conversation_id", "splitter_sizes"):
        assert name in store.load_problem
    assert "last_model" not in store.load_problem
    assert path.exists()
    assert bad_files(path) == []


def test_null_conversation_id_is_accepted(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"last_conversation_id": null, "splitter_sizes": []}', encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.load_problem is None


def test_failed_save_leaves_the_old_file_intact(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SettingsStore(path)
    store.save(customised())
    before = path.read_bytes()

    def refuse(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk pulled out"):
        store.save(Settings(last_model="something else"))
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert SettingsStore(path).load() == customised()
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]
