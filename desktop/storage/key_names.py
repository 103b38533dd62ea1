"""Moving API keys from kind-named keyring entries to each provider's own entry, once.

Before ``ProviderConfig.key_id`` existed a key was stored under the entry's id, which for
the first provider of a kind is the kind itself (``custom``, ``openai``): a provider
added later, in a fresh configuration on the same keyring, found a stranger's key there
(defect 20). Each entry now names its own keyring entry; this gives old entries theirs.

The order keeps a crash harmless: the key is copied, the settings are saved, and only
then the old entry is deleted. An interruption before the save leaves an unused copy and
the next start tries again; after it, at most an old entry that nothing reads.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings, new_key_id


def entries_to_move(settings: Settings) -> list[str]:
    """Ids of the providers whose key is still under their id."""
    return [entry.id for entry in settings.providers if entry.id and not entry.key_id]


async def give_keys_their_own_names(
    settings: Settings, secrets: SecretStore, save: Callable[[Settings], None]
) -> int:
    """Give every old entry its own keyring name; returns how many keys moved.

    Keyring calls run in a worker thread; the settings are changed and saved on the
    calling (UI) thread, so subscribers are told there. Nothing is done while keys are
    kept in memory only: their old entries may be in a keyring that is back at the next
    start, and must be found there."""
    if not secrets.persistent or not entries_to_move(settings):
        return 0
    ids = entries_to_move(settings)
    names = {provider_id: new_key_id(provider_id) for provider_id in ids}

    def copy_keys() -> list[str]:
        copied = []
        for provider_id, name in names.items():
            key = secrets.get(provider_id)
            if key:
                secrets.set(name, key)
                copied.append(provider_id)
        return copied

    copied = await asyncio.to_thread(copy_keys)
    # Adopt a new name only where no other run gave the entry one while keys were copied.
    adopted = {e.id for e in settings.providers if e.id in names and not e.key_id}
    settings.providers = [
        dataclasses.replace(entry, key_id=names[entry.id]) if entry.id in adopted else entry
        for entry in settings.providers
    ]
    save(settings)

    def delete_old() -> None:
        for provider_id in copied:
            # The old entry once its copy is adopted; else the unused copy.
            secrets.delete(provider_id if provider_id in adopted else names[provider_id])

    await asyncio.to_thread(delete_old)
    return len([provider_id for provider_id in copied if provider_id in adopted])
