"""What startup leaves unloaded: the keyring stays closed while no provider has a key."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from desktop.core.provider_config import ProviderConfig
from desktop.providers.http_client import make_http_client
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from tests.app_process import AppProcess


@pytest.fixture
async def http() -> AsyncIterator[object]:
    client = make_http_client()
    yield client
    await client.aclose()


async def test_the_keyring_is_opened_only_for_a_provider_with_a_key(http: object) -> None:
    opened: list[SecretStore] = []

    def open_secrets() -> SecretStore:
        opened.append(SecretStore(None))
        return opened[-1]

    settings = Settings()
    registry = ProviderRegistry(settings, http, open_secrets=open_secrets)  # type: ignore[arg-type]
    await registry.rebuild()
    assert LOCAL_OLLAMA_ID in {slot.id for slot in registry.slots()}
    assert opened == [], "the keyring was opened with no provider that could need a key"

    settings.providers.append(
        ProviderConfig(id="cloud", preset="custom", base_url="https://api.example.com/v1")
    )
    await registry.rebuild()
    assert len(opened) == 1
    await registry.aclose()


def test_a_start_without_keys_leaves_the_keyring_unloaded(tmp_path: Path) -> None:
    """The whole app, as launched: a second after the window shows, nothing of the keyring
    stack (keyring, secretstorage, cryptography's native library) has been loaded."""
    app = AppProcess(tmp_path, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        app.start()
        app.wait_for("shown")
        time.sleep(1.5)  # the providers' first rebuild and the Ollama check have run
        mapped = app.mapped_files()
    finally:
        app.terminate()
    assert not [path for path in mapped if "/cryptography/" in path], "the keyring was opened"
    assert any("QtWidgets" in path for path in mapped), "not the app's own process"
