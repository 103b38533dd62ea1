"""SecretStore on the real Secret Service (gnome-keyring in a private D-Bus session)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from keyring.backends import fail, null

from desktop.storage.secrets import SERVICE, SecretStore, choose_backend
from tests.storage.secret_service import SecretServiceSession

KEY = "sk-test-4f9b2c81d7e6a5f3"
OTHER_KEY = "sk-ant-api03-99aa88bb77cc"


def snapshot(*roots: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for root in roots for path in root.rglob("*") if path.is_file()}


def holding(files: dict[Path, bytes], secret: str) -> list[Path]:
    return [path for path, data in files.items() if secret.encode() in data]


def test_the_secret_service_is_chosen_and_persistent(secret_service: SecretServiceSession) -> None:
    backend, problem = choose_backend()
    store = SecretStore.open()

    assert backend is not None and problem == ""
    assert store.persistent
    assert store.backend_name == "Secret Service"
    assert store.problem == ""


def test_store_read_update_delete_through_the_keyring(
    secret_service: SecretServiceSession,
) -> None:
    SecretStore.open().set("openai-1", KEY)

    # A new store (a restart) reads it back from the keyring, and secret-tool sees it.
    assert SecretStore.open().get("openai-1") == KEY
    lookup = secret_service.secret_tool("lookup", "service", SERVICE, "username", "openai-1")
    assert lookup.returncode == 0 and lookup.stdout == KEY

    SecretStore.open().set("openai-1", OTHER_KEY)
    assert SecretStore.open().get("openai-1") == OTHER_KEY
    lookup = secret_service.secret_tool("lookup", "service", SERVICE, "username", "openai-1")
    assert lookup.stdout == OTHER_KEY

    SecretStore.open().delete("openai-1")
    assert SecretStore.open().get("openai-1") == ""
    lookup = secret_service.secret_tool("lookup", "service", SERVICE, "username", "openai-1")
    assert lookup.returncode != 0 and lookup.stdout == ""


def test_each_provider_has_its_own_entry(secret_service: SecretServiceSession) -> None:
    store = SecretStore.open()
    store.set("openai-1", KEY)
    store.set("anthropic", OTHER_KEY)
    store.set("anthropic", "")  # an empty key deletes

    fresh = SecretStore.open()
    assert fresh.get("openai-1") == KEY
    assert fresh.get("anthropic") == ""
    found = secret_service.secret_tool("search", "--all", "service", SERVICE)
    assert "openai-1" in found.stdout + found.stderr
    assert "anthropic" not in found.stdout + found.stderr


def test_deleting_a_key_that_was_never_stored_is_harmless(
    secret_service: SecretServiceSession,
) -> None:
    store = SecretStore.open()
    store.delete("never-stored")
    assert store.persistent
    assert store.get("never-stored") == ""


def test_the_key_is_never_in_repr_or_logs(
    secret_service: SecretServiceSession, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore.open()
    store.set("openai-1", KEY)
    store.get("openai-1")
    assert KEY not in repr(store)
    assert KEY not in caplog.text


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_without_a_usable_backend_keys_live_in_memory_only(
    backend: object,
    secret_service: SecretServiceSession,
    private_dirs: Path,
) -> None:
    before = snapshot(private_dirs, secret_service.root)
    store = SecretStore(backend)  # type: ignore[arg-type]

    store.set("openai-1", KEY)

    assert not store.persistent
    assert "session only" in store.problem
    assert store.get("openai-1") == KEY  # usable for this run
    assert snapshot(private_dirs, secret_service.root) == before  # nothing written anywhere
    lookup = secret_service.secret_tool("lookup", "service", SERVICE, "username", "openai-1")
    assert lookup.stdout == ""
    assert SecretStore(backend).get("openai-1") == ""  # gone after a "restart"  # type: ignore[arg-type]


def test_with_no_session_bus_there_is_no_backend_and_a_clear_warning(
    monkeypatch: pytest.MonkeyPatch, private_dirs: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    store = SecretStore.open()
    store.set("openai-1", KEY)

    assert not store.persistent
    assert "No system keyring is available" in store.problem
    assert "Secret Service" in store.problem
    assert holding(snapshot(private_dirs), KEY) == []


def test_a_plaintext_file_backend_is_refused(private_dirs: Path) -> None:
    from keyring.backend import KeyringBackend

    class PlaintextKeyring(KeyringBackend):
        """Stands for keyrings.alt's file backend: keeps keys in a readable file."""

        priority = 1  # type: ignore[assignment]
        file = private_dirs / "keyring_pass.cfg"

        def get_password(self, service: str, username: str) -> str | None:
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            self.file.write_text(password)

        def delete_password(self, service: str, username: str) -> None:
            self.file.unlink()

    store = SecretStore(PlaintextKeyring())
    store.set("openai-1", KEY)

    assert not store.persistent
    assert "not a system keyring" in store.problem
    assert not PlaintextKeyring.file.exists()
    assert store.get("openai-1") == KEY


async def test_keyring_calls_from_many_threads_reach_the_keyring_one_at_a_time(
    secret_service: SecretServiceSession,
) -> None:
    """gnome-keyring fails now and then on calls that overlap, and a failure costs the
    session its keyring: the store hands it one call at a time."""
    import asyncio
    import threading
    import time

    secrets = SecretStore.open()
    backend = secrets._backend
    assert backend is not None
    guard = threading.Lock()
    inside = [0]
    most = [0]

    def one_at_a_time(call: Callable[..., object]) -> Callable[..., object]:
        def counted(*args: str) -> object:
            with guard:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            try:
                time.sleep(0.01)  # long enough for another thread to arrive
                return call(*args)
            finally:
                with guard:
                    inside[0] -= 1

        return counted

    for name in ("get_password", "set_password", "delete_password"):
        setattr(backend, name, one_at_a_time(getattr(backend, name)))

    ids = [f"provider-{n}" for n in range(4)]
    await asyncio.gather(*(secrets.aset(provider_id, f"sk-{provider_id}") for provider_id in ids))
    fresh = SecretStore.open()
    assert await asyncio.gather(*(fresh.aget(provider_id) for provider_id in ids)) == [
        f"sk-{provider_id}" for provider_id in ids
    ]
    await asyncio.gather(*(secrets.adelete(provider_id) for provider_id in ids))
    assert secrets.persistent
    assert most[0] == 1
    for provider_id in ids:
        lookup = secret_service.secret_tool("lookup", "service", SERVICE, "username", provider_id)
        assert lookup.stdout == ""
