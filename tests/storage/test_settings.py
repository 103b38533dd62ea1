"""SettingsStore against real files in a temp dir."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from desktop.core.provider_config import ProviderConfig
from desktop.storage.settings import (
    Settings,
    SettingsStore,
    default_settings_path,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def customised() -> Settings:
    return Settings(
        ollama_host="http://10.0.0.5:11434",
        last_model="qwen3:8b",
        image_max_edge=1024,
        theme="dark",
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
    assert str(kept) in str(store.load_problem)
    assert "default settings" in str(store.load_problem)

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
                "image_max_edge": True,
                "theme": "dark",
                "providers": [200, "wide"],
                "from_a_future_version": {"x": 1},
            }
        ),
        encoding="utf-8",
    )
    store = SettingsStore(path)

    loaded = store.load()

    assert loaded == Settings(last_model="llama3.2", theme="dark")
    assert store.load_problem is not None
    for name in ("ollama_host", "image_max_edge", "providers"):
        assert name in str(store.load_problem)
    assert "last_model" not in str(store.load_problem)
    assert path.exists()
    assert bad_files(path) == []


def test_window_state_that_moved_to_ui_state_is_ignored_here(path: Path) -> None:
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


def with_providers() -> Settings:
    return Settings(
        providers=[
            ProviderConfig(
                id="openai-1",
                preset="openai",
                name="OpenAI",
                base_url="https://api.openai.com/v1",
                headers=(("OpenAI-Organization", "org-7"),),
                proxy_url="http://proxy.corp:3128",
                use_system_proxy=False,
                ca_bundle="/etc/ssl/corp.pem",
                allow_self_signed=True,
                key_host="api.openai.com:443",
                vision_models=("gpt-4o*",),
            ),
            ProviderConfig(
                id="lab-ollama", preset="ollama", base_url="http://10.0.0.9:11434", auth="basic"
            ),
        ],
        default_provider="openai-1",
        default_model="gpt-4o-mini",
        ollama_enabled=False,
    )


def test_providers_survive_a_restart_and_hold_no_key_field(path: Path) -> None:
    SettingsStore(path).save(with_providers())
    reloaded = SettingsStore(path)

    assert reloaded.load() == with_providers()
    assert reloaded.load_problem is None
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["providers"][0]["headers"] == {"OpenAI-Organization": "org-7"}
    assert not {"key", "api_key"} & set(saved["providers"][0])


def test_a_bad_provider_entry_is_dropped_alone(path: Path) -> None:
    path.parent.mkdir(parents=True)
    good = {"id": "groq", "preset": "groq", "base_url": "https://api.groq.com/openai/v1"}
    path.write_text(json.dumps({"providers": [good, "not an entry", 7]}), encoding="utf-8")
    store = SettingsStore(path)

    loaded = store.load()

    assert [entry.id for entry in loaded.providers] == ["groq"]
    assert store.load_problem is not None
    assert "providers[1]" in str(store.load_problem) and "providers[2]" in str(store.load_problem)


def test_a_bad_field_inside_an_entry_falls_back_and_is_named(path: Path) -> None:
    path.parent.mkdir(parents=True)
    entry = {
        "id": "x",
        "base_url": "https://example.test/v1",
        "headers": {"X-Team": 5},
        "allow_self_signed": "yes",
        "enabled": False,
    }
    path.write_text(json.dumps({"providers": [entry]}), encoding="utf-8")
    store = SettingsStore(path)

    [loaded] = store.load().providers

    assert loaded == ProviderConfig(id="x", base_url="https://example.test/v1", enabled=False)
    assert store.load_problem is not None
    assert "providers[0].headers" in str(store.load_problem)
    assert "providers[0].allow_self_signed" in str(store.load_problem)
    assert "enabled" not in str(store.load_problem)


def test_providers_not_a_list_falls_back_to_none(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"providers": {"id": "x"}, "default_model": "m"}', encoding="utf-8")
    store = SettingsStore(path)
    loaded = store.load()
    assert loaded.providers == []
    assert loaded.default_model == "m"
    assert store.load_problem is not None and "providers" in str(store.load_problem)


def test_the_file_keeps_its_shape_headers_as_an_object_and_names_as_lists(path: Path) -> None:
    """One ProviderConfig is both the live configuration and what the file holds: the
    file written by the two-class version (headers an object, names in lists) still
    loads, and a save writes that same shape."""
    SettingsStore(path).save(with_providers())
    written = json.loads(path.read_text(encoding="utf-8"))["providers"][0]
    assert written["headers"] == {"OpenAI-Organization": "org-7"}
    assert written["vision_models"] == ["gpt-4o*"]
    assert written["deployments"] == []
    assert "key_name" not in written
    fields = {f.name for f in dataclasses.fields(ProviderConfig)}
    assert set(written) == fields

    [loaded, _] = SettingsStore(path).load().providers
    assert isinstance(loaded, ProviderConfig)
    assert loaded.headers == (("OpenAI-Organization", "org-7"),)
    assert loaded.vision_models == ("gpt-4o*",)
