"""Moving kind-named keyring entries to each provider's own, once (defect 20)."""

from __future__ import annotations

from pathlib import Path

from keyring.backends import null

from desktop.core.provider_config import ProviderConfig
from desktop.storage.key_names import give_keys_their_own_names
from desktop.storage.secrets import SERVICE, SecretStore
from desktop.storage.settings import Settings, SettingsStore
from tests.storage.secret_service import SecretServiceSession

KEY = "sk-test-0a1b2c3d4e5f"


def old_settings() -> Settings:
    return Settings(
        providers=[
            ProviderConfig(id="custom", preset="custom", base_url="http://127.0.0.1:8080/v1"),
            ProviderConfig(id="openai", preset="openai"),  # no key stored
        ]
    )


async def test_a_kind_named_key_moves_to_its_provider_once(
    secret_service: SecretServiceSession, tmp_path: Path
) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = old_settings()
    secrets = SecretStore.open()
    secrets.set("custom", KEY)
    heard: list[str] = []
    settings.subscribe(heard.append)

    assert await give_keys_their_own_names(settings, secrets, store.save) == 1

    custom, openai = settings.providers
    assert custom.key_id.startswith("custom.") and openai.key_id.startswith("openai.")
    assert heard == ["providers"]
    assert store.load().providers == settings.providers  # saved before the old entry went
    lookup = secret_service.secret_tool("lookup", "service", SERVICE, "username", custom.key_id)
    assert lookup.stdout == KEY
    old = secret_service.secret_tool("lookup", "service", SERVICE, "username", "custom")
    assert old.stdout == ""
    assert SecretStore.open().get(custom.key_name) == KEY

    # Once: a second start finds nothing to move and changes nothing.
    assert await give_keys_their_own_names(settings, SecretStore.open(), store.save) == 0
    assert settings.providers == [custom, openai]


async def test_nothing_moves_while_keys_are_in_memory_only(tmp_path: Path) -> None:
    """The old entries may be in a keyring that is back next time: keep reading them."""
    store = SettingsStore(tmp_path / "settings.json")
    settings = old_settings()
    secrets = SecretStore(null.Keyring())
    secrets.set("custom", KEY)
    assert await give_keys_their_own_names(settings, secrets, store.save) == 0
    assert [entry.key_id for entry in settings.providers] == ["", ""]
    assert not store.path.exists()


async def test_two_runs_at_once_leave_one_entry_with_the_key(
    secret_service: SecretServiceSession, tmp_path: Path
) -> None:
    import asyncio

    store = SettingsStore(tmp_path / "settings.json")
    settings = old_settings()
    secrets = SecretStore.open()
    secrets.set("custom", KEY)
    await asyncio.gather(
        give_keys_their_own_names(settings, secrets, store.save),
        give_keys_their_own_names(settings, secrets, store.save),
    )
    custom = settings.providers[0]
    assert SecretStore.open().get(custom.key_name) == KEY
    found = secret_service.secret_tool("search", "--all", "service", SERVICE)
    usernames = [
        line
        for line in found.stdout.splitlines() + found.stderr.splitlines()
        if line.startswith("attribute.username")
    ]
    assert usernames == [f"attribute.username = {custom.key_id}"]
