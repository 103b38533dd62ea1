"""Settings as an observable model: a change names its field; nothing else is told."""

from __future__ import annotations

import copy
import dataclasses
import logging
from pathlib import Path

import pytest

from desktop.core.provider_config import ProviderConfig
from desktop.storage.settings import Settings, SettingsStore


def test_a_change_names_the_field_that_changed() -> None:
    settings = Settings()
    heard: list[str] = []
    settings.subscribe(heard.append)

    settings.theme = "dark"
    settings.theme = "dark"  # the same value again: no change
    settings.providers = [*settings.providers, ProviderConfig(id="lab", preset="vllm")]

    assert heard == ["theme", "providers"]


def test_unsubscribed_callbacks_hear_nothing_more() -> None:
    settings = Settings()
    heard: list[str] = []
    unsubscribe = settings.subscribe(heard.append)
    settings.language = "zh_CN"
    unsubscribe()
    unsubscribe()  # twice is harmless
    settings.language = "en"
    assert heard == ["language"]


def test_a_batch_names_each_field_once_after_it_ends() -> None:
    settings = Settings()
    seen: list[tuple[str, str, str]] = []
    settings.subscribe(
        lambda name: seen.append((name, settings.default_provider, settings.default_model))
    )
    with settings.batch():
        settings.default_provider = "lab"
        settings.default_model = "qwen3"
        settings.default_model = "qwen3:8b"
        assert seen == []
    # Subscribers see the finished change, never half of it.
    assert seen == [
        ("default_provider", "lab", "qwen3:8b"),
        ("default_model", "lab", "qwen3:8b"),
    ]


def test_a_failing_subscriber_does_not_stop_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = Settings()
    heard: list[str] = []

    def broken(_name: str) -> None:
        raise RuntimeError("widget gone")

    settings.subscribe(broken)
    settings.subscribe(heard.append)
    with caplog.at_level(logging.ERROR):
        settings.image_max_edge = 1024
    assert settings.image_max_edge == 1024
    assert heard == ["image_max_edge"]
    assert "image_max_edge" in caplog.text


def test_subscribers_are_not_data(tmp_path: Path) -> None:
    """Equality, copies and the saved file hold the fields only."""
    settings = Settings(theme="dark")
    settings.subscribe(lambda _name: None)
    assert settings == Settings(theme="dark")
    assert "_listeners" not in dataclasses.asdict(settings)
    store = SettingsStore(tmp_path / "settings.json")
    store.save(settings)
    assert "_listeners" not in store.path.read_text(encoding="utf-8")
    assert store.load() == settings
    assert dataclasses.replace(settings, theme="light").theme == "light"
    copied = copy.deepcopy(settings)
    heard: list[str] = []
    settings.subscribe(heard.append)
    copied.theme = "light"  # a copy's change is the copy's own
    assert copied == Settings(theme="light") and heard == []


def test_each_new_key_id_is_unique_and_names_its_provider() -> None:
    from desktop.storage.settings import new_key_id

    ids = {new_key_id("custom") for _ in range(50)}
    assert len(ids) == 50
    assert all(key_id.startswith("custom.") for key_id in ids)


def test_an_old_entry_keeps_reading_its_key_by_id_until_it_has_its_own() -> None:
    assert ProviderConfig(id="custom").key_name == "custom"
    assert ProviderConfig(id="custom", key_id="custom.1a2b").key_name == "custom.1a2b"
