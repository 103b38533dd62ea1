"""Runs the real app (or its settings store) in a child process for the crash tests.

    python -m tests.reliability.app_driver chat-compat URL KEY MODEL PROMPT
        the window sends PROMPT to an OpenAI-compatible provider at URL and streams
    python -m tests.reliability.app_driver pull NAME
        the window queues a download of NAME from $OLLAMA_HOST
    python -m tests.reliability.app_driver save-settings
        saves settings over and over (version N, then N+1 …) without a window
    python -m tests.reliability.app_driver audit-session URL KEY WRONG_KEY MODEL EXPORTS
        a whole session with keys in the keyring: an answer from the provider at URL,
        one refused for WRONG_KEY, both exports into EXPORTS, then the window closes

Each but the last prints ``started`` once its work is under way, then runs until it is
killed; the audit session ends by itself.
Directories come from PARLEY_CONFIG_DIR / PARLEY_DATA_DIR, as for the app.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from pathlib import Path

from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.storage.settings import Settings, SettingsStore, default_settings_path, new_key_id

COMPAT_ID = "compat"
SETTINGS_PROVIDERS = 200
"""Entries per saved version, so one save writes tens of kilobytes (a wide kill window)."""


def settings_version(number: int) -> Settings:
    """Version ``number`` of the settings: every field says which version it belongs to."""
    return Settings(
        last_model=f"model-{number}",
        ollama_host=f"http://127.0.0.1:{10000 + number % 50000}",
        providers=[
            ProviderConfig(id=f"p{index}", name=f"provider {index} of version {number}")
            for index in range(SETTINGS_PROVIDERS)
        ],
    )


def save_settings_forever() -> None:
    store = SettingsStore(default_settings_path())
    for number in itertools.count(1):
        store.save(settings_version(number))
        if number == 1:
            print("started", flush=True)


async def chat_with_compat(url: str, key: str, model: str, prompt: str) -> None:
    from desktop.app import AppServices

    services = AppServices.create()
    services.settings.providers = [
        ProviderConfig(id=COMPAT_ID, preset="custom", base_url=url, key_host=key_host_for(url))
    ]
    window = services.build_window()
    window.show()
    await (await services.providers.secrets()).aset(COMPAT_ID, key)
    await services.providers.rebuild()
    assert services.providers.slot(COMPAT_ID), services.providers.problem(COMPAT_ID)
    pane = window.chat_pane
    pane.choose_model(COMPAT_ID, model)
    pane.composer.setPlainText(prompt)
    pane.send()
    print("started", flush=True)
    await asyncio.Event().wait()


def made_folder(path: str) -> Path:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def audit_session(url: str, key: str, wrong_key: str, model: str, exports: str) -> None:
    from desktop.app import AppServices

    services = AppServices.create()
    # Each with its own keyring entry, as Settings makes them (an entry without one would
    # be moved by the start's key migration, racing the keys set below).
    good, bad = (
        ProviderConfig(
            id=provider_id,
            preset="custom",
            base_url=url,
            key_host=key_host_for(url),
            key_id=new_key_id(provider_id),
        )
        for provider_id in ("good", "bad")
    )
    services.settings.providers = [good, bad]
    window = services.build_window()
    window.show()
    secrets = await services.providers.secrets()
    assert secrets.persistent, secrets.problem
    await secrets.aset(good.key_name, key)
    await secrets.aset(bad.key_name, wrong_key)
    await services.providers.rebuild()
    pane = window.chat_pane
    for provider_id in ("good", "bad"):
        assert services.providers.slot(provider_id), services.providers.problem(provider_id)
        pane.choose_model(provider_id, model)
        pane.composer.setPlainText(f"Hello through {provider_id}")
        pane.send()
        while pane.streaming:
            await asyncio.sleep(0.02)
        print(provider_id, pane.messages.bubbles()[-1].footer_text(), flush=True)
    folder = made_folder(exports)
    assert pane.export_to(folder / "session.md", "md")
    assert pane.export_to(folder / "session.json", "json")
    window.close()  # saves the settings, as when the person closes it
    await services.aclose()


async def pull(name: str) -> None:
    from desktop.app import AppServices

    services = AppServices.create()
    window = services.build_window()
    window.show()
    services.pulls.add(name)
    print("started", flush=True)
    await asyncio.Event().wait()


def run_in_app(command: str, args: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.event_loop import make_event_loop

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # as in the app: closing the window ends the work
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    commands = {"chat-compat": chat_with_compat, "pull": pull, "audit-session": audit_session}
    work = commands[command](*args)
    with loop:
        loop.run_until_complete(work)


def main() -> None:
    command, args = sys.argv[1], sys.argv[2:]
    if command == "save-settings":
        save_settings_forever()
    else:
        run_in_app(command, args)


if __name__ == "__main__":
    main()
