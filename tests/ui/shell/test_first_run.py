"""The welcome screen inside the window while nothing is set up to chat with."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.ui.shell.main_window import CHATS, MODELS, SETTINGS, MainWindow
from tests.ui.conftest import wait_until


def fake_ollama(bin_dir: Path, marker: Path) -> Path:
    """An `ollama` program that records how it was started, then exits."""
    program = bin_dir / "ollama"
    program.write_text(f'#!/bin/sh\necho "$@" > "{marker}"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return program


async def test_without_ollama_the_window_says_how_to_install_it(
    open_window: Callable[[], MainWindow], no_ollama: Path
) -> None:
    window = open_window()
    await wait_until(lambda: window.chats_page.showing_setup_card())
    panel = window.first_run
    assert panel.isVisible() and window.conversation_sidebar.isVisible()
    assert "https://ollama.com/download" in panel.ollama_state.text()
    assert not panel.start_button.isVisible()
    assert panel.check_button.isVisible() and panel.provider_button.isVisible()
    panel.provider_button.click()
    assert window.current_page() == SETTINGS
    window.show_page(CHATS)
    panel.later_button.click()
    assert not window.chats_page.showing_setup_card()
    assert window.chat_pane.isVisible()


async def test_an_installed_ollama_is_started_when_the_person_agrees(
    open_window: Callable[[], MainWindow], no_ollama: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "started-with.txt"
    program = fake_ollama(no_ollama, marker)
    window = open_window()
    panel = window.first_run
    await wait_until(lambda: panel.start_button.isVisible())
    assert str(program) in panel.ollama_state.text()
    assert not marker.exists(), "Ollama must not start before the person agrees"
    panel.start_button.click()
    await wait_until(marker.exists)
    assert marker.read_text().strip() == "serve"
    assert not panel.start_button.isVisible()


async def test_a_cloud_provider_means_no_welcome(
    open_window: Callable[[], MainWindow], no_ollama: Path
) -> None:
    from desktop.core.provider_config import ProviderConfig
    from desktop.storage.settings import SettingsStore, default_settings_path

    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.providers = [
        ProviderConfig(id="openai", preset="openai", base_url="https://x.test/v1")
    ]
    store.save(settings)
    window = open_window()
    await wait_until(lambda: window._monitor.status.reachable is False)
    assert not window.chats_page.showing_setup_card()


async def test_reachable_ollama_without_models_offers_the_model_manager(
    open_window: Callable[[], MainWindow],
    ollama_server_factory: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = ollama_server_factory()
    monkeypatch.setenv("OLLAMA_HOST", server.url)  # type: ignore[attr-defined]
    window = open_window()
    panel = window.first_run
    await wait_until(lambda: window._monitor.status.reachable is True)
    await wait_until(lambda: panel.models_button.isVisible())
    assert "qwen3:4b" in panel.ollama_state.text()
    panel.models_button.click()
    assert window.current_page() == MODELS
    assert window.model_pane.isVisible()


async def test_choosing_a_saved_conversation_folds_the_welcome_away(
    open_window: Callable[[], MainWindow], no_ollama: Path
) -> None:
    from desktop.core.messages import Role
    from desktop.storage.history import HistoryStore, default_history_path

    store = HistoryStore.open(default_history_path())
    conversation = store.create_conversation("Yesterday's notes", "tiny:latest")
    store.add_message(conversation.id, Role.USER, "What did we decide?")
    store.close()
    window = open_window()
    await wait_until(lambda: window.chats_page.showing_setup_card())

    window.conversation_sidebar.conversationSelected.emit(conversation.id)
    assert not window.chats_page.showing_setup_card()
    assert window.chat_pane.isVisible()
    texts = [bubble.text() for bubble in window.chat_pane.messages.bubbles()]
    assert texts == ["What did we decide?"]
