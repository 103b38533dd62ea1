"""Settings → Providers: the list, the selected provider's form, keys in the keyring.

Every change is saved at once (atomic JSON) and the providers are rebuilt, so it applies
without a restart. Keys go to the keyring through ``asyncio.to_thread``, each under its
provider instance's own entry (``ProviderConfig.key_name``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QWidget

from desktop.core.errors import ProviderError
from desktop.core.provider_config import ProviderConfig
from desktop.providers.ollama_host import resolve_ollama_host
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import SettingsStore, new_key_id
from desktop.ui.design import Space
from desktop.ui.page_tasks import PageTasks
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry, preset_or_custom
from desktop.ui.settings.failure_text import failure_text
from desktop.ui.settings.keyring_notice import KeyringNotice
from desktop.ui.settings.local_ollama_form import LocalOllamaForm
from desktop.ui.settings.provider_form import ProviderForm
from desktop.ui.settings.provider_list import ProviderList
from desktop.ui.settings.section import Section
from desktop.ui.strings import counted, translated

SHOWN_MODELS = 8


def new_provider_id(preset_id: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9-]+", "-", preset_id.lower()).strip("-") or "provider"
    candidate, number = base, 2
    while candidate in taken or candidate == LOCAL_OLLAMA_ID:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class ProvidersSection(Section):
    def __init__(
        self,
        registry: ProviderRegistry,
        store: SettingsStore,
        tasks: PageTasks,
        *,
        set_ollama_host: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Providers"),
            self.tr(
                "The services Parley can talk to: Ollama, servers on this computer or your "
                "network, and cloud APIs. Tick a provider to offer its models."
            ),
        )
        self._registry = registry
        self._settings = registry.settings
        self._store = store
        self._tasks = tasks
        self._set_ollama_host = set_ollama_host
        self._secrets: SecretStore | None = None
        self._stored_keys: dict[str, bool] = {}
        """Whether each keyring entry holds a key: what this page wrote, else what it read."""

        self.keyring = KeyringNotice()
        self.providers = ProviderList()
        self.local_form = LocalOllamaForm()
        self.form = ProviderForm()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.local_form)
        self.pages.addWidget(self.form)
        row = QHBoxLayout()
        row.setSpacing(Space.XL)
        row.addWidget(self.providers)
        row.addWidget(self.pages, 1)
        self.body.addWidget(self.keyring)
        self.body.addLayout(row, 1)

        self.providers.addRequested.connect(self.add_provider)
        self.providers.removeConfirmed.connect(self.remove)
        self.providers.selectionChanged.connect(self._show_selected)
        self.providers.enabledToggled.connect(self._enabled_toggled)
        self.form.saveRequested.connect(lambda: self._tasks.run(self.save_form()))
        self.form.testRequested.connect(lambda: self._tasks.run(self.test_connection()))
        self.form.forgetKeyRequested.connect(lambda: self._tasks.run(self.forget_key()))
        self.local_form.save_button.clicked.connect(self.save_local_ollama)
        unsubscribe = self._settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

        self.providers.fill(self._settings)
        self._tasks.run(self._open_secrets())

    def retranslate(self) -> None:
        """Every text in the language now in use (the key's state read again)."""
        if self.selected_id() and self.selected_id() != LOCAL_OLLAMA_ID:
            self._tasks.run(self._load_key_state())
        if self._secrets is not None:
            self.keyring.show_store(self._secrets)
        self.set_heading(
            self.tr("Providers"),
            self.tr(
                "The services Parley can talk to: Ollama, servers on this computer or your "
                "network, and cloud APIs. Tick a provider to offer its models."
            ),
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- helpers ---------------------------------------------------------------
    async def _apply(self) -> None:
        self._store.save(self._settings)
        await self._registry.rebuild()

    def _entries(self) -> list[ProviderConfig]:
        return self._settings.providers

    def _entry(self, provider_id: str) -> ProviderConfig | None:
        return next((e for e in self._entries() if e.id == provider_id), None)

    def _replace(self, entry: ProviderConfig) -> None:
        self._settings.providers = [entry if e.id == entry.id else e for e in self._entries()]

    def selected_id(self) -> str:
        return self.providers.selected_id()

    def select(self, provider_id: str) -> None:
        self.providers.select(provider_id)

    def _setting_changed(self, name: str) -> None:
        if name in ("providers", "ollama_enabled"):
            self.providers.fill(self._settings)

    # -- keyring ---------------------------------------------------------------
    async def _open_secrets(self) -> None:
        self._secrets = await self._registry.secrets()
        self.keyring.show_store(self._secrets)
        await self._load_key_state()

    async def _load_key_state(self) -> None:
        entry = self._entry(self.selected_id())
        if entry is None:
            return
        secrets = await self._registry.secrets()
        name = entry.key_name
        if name not in self._stored_keys:
            stored = bool(await secrets.aget(name))
            # A write by this page while the read was under way knows better.
            self._stored_keys.setdefault(name, stored)
        if entry.id != self.selected_id():
            return
        stored = self._stored_keys[name]
        self.form.set_has_stored_key(stored)
        where = ""
        if stored:
            where = (
                translated(secrets.backend_name)
                if secrets.persistent
                else self.tr("until Parley closes")
            )
        self.form.key.setPlaceholderText(self.form.key_placeholder(where))
        self.form.set_key_state("")

    # -- list ------------------------------------------------------------------
    def _show_selected(self, provider_id: str) -> None:
        if provider_id == LOCAL_OLLAMA_ID:
            self.local_form.host.setText(self._settings.ollama_host)
            self.local_form.enabled.setChecked(self._settings.ollama_enabled)
            self.local_form.result.clear()
            self.pages.setCurrentWidget(self.local_form)
            return
        entry = self._entry(provider_id)
        if entry is None:
            return
        self.form.load(entry, has_stored_key=self._stored_keys.get(entry.key_name, False))
        self.form.key.setPlaceholderText(self.form.key_placeholder(""))
        self.pages.setCurrentWidget(self.form)
        self._tasks.run(self._load_key_state())

    def _enabled_toggled(self, provider_id: str, enabled: bool) -> None:
        if provider_id == LOCAL_OLLAMA_ID:
            self._settings.ollama_enabled = enabled
            self.local_form.enabled.setChecked(enabled)
        else:
            entry = self._entry(provider_id)
            if entry is None or entry.enabled == enabled:
                return
            self._replace(dataclasses.replace(entry, enabled=enabled))
        self._tasks.run(self._apply())

    def add_provider(self, preset_id: str) -> str:
        preset = preset_or_custom(preset_id)
        provider_id = new_provider_id(preset.id, {entry.id for entry in self._entries()})
        entry = ProviderConfig(
            id=provider_id,
            preset=preset.id,
            base_url=preset.base_url,
            models=tuple(preset.models) if not preset.base_url else (),
            key_id=new_key_id(provider_id),
        )
        self._stored_keys[entry.key_name] = False  # a brand-new keyring entry
        self._settings.providers = [*self._entries(), entry]
        self.select(entry.id)
        self.form.name.setFocus()
        self._tasks.run(self._apply())
        return entry.id

    def remove_selected(self) -> None:
        """Ask first (the list's confirmation bar); :meth:`remove` does it."""
        self.providers.ask_to_remove()

    def remove(self, provider_id: str) -> None:
        entry = self._entry(provider_id)
        if entry is None:
            return
        with self._settings.batch():
            self._settings.providers = [e for e in self._entries() if e.id != provider_id]
            if self._settings.default_provider == provider_id:
                self._settings.default_provider = ""
                self._settings.default_model = ""
        self.providers.list.setCurrentRow(0)
        self._tasks.run(self._remove_key_and_apply(entry.key_name))

    async def _remove_key_and_apply(self, key_name: str) -> None:
        secrets = await self._registry.secrets()
        self._stored_keys[key_name] = False
        await secrets.adelete(key_name)
        await self._apply()

    # -- provider form -----------------------------------------------------------
    async def save_form(self) -> bool:
        problem = self.form.problem()
        if problem:
            self.form.show_result(translated(problem), ok=False)
            return False
        entry = self.form.entry()
        secrets = await self._registry.secrets()
        key = self.form.typed_key()
        if key:
            self._stored_keys[entry.key_name] = True
            await secrets.aset(entry.key_name, key)
        self._replace(entry)
        await self._apply()
        self.form.load(entry, has_stored_key=self._stored_keys.get(entry.key_name, False))
        await self._load_key_state()
        note = self.tr("Saved.")
        if entry.key_host and entry.key_host != self.form.host():
            note = self.tr(
                "Saved. The API key stays confirmed for {old} only and is not sent to {new}."
            ).format(old=entry.key_host, new=self.form.host())
        self.form.show_result(note, ok=True)
        return True

    async def test_connection(self) -> None:
        problem = self.form.problem()
        if problem:
            self.form.show_result(translated(problem), ok=False)
            return
        entry = self.form.entry()
        secrets = await self._registry.secrets()
        key = self.form.typed_key() or await secrets.aget(entry.key_name)
        self.form.show_result(self.tr("Connecting…"), ok=None, busy=True)
        try:
            names = await self._registry.probe(entry, key)
        except ProviderError as error:
            self.form.show_result(failure_text(error, proxy_url=entry.proxy_url), ok=False)
            return
        except ValueError as error:
            self.form.show_result(translated(error), ok=False)
            return
        shown = ", ".join(names[:SHOWN_MODELS])
        more = len(names) - SHOWN_MODELS
        if more > 0:
            shown += self.tr(" and {count} more").format(count=more)
        self.form.show_result(
            counted(
                len(names),
                self.tr("Connected: 1 model — {{names}}"),
                self.tr("Connected: {count} models — {{names}}"),
            ).format(names=shown or self.tr("none listed")),
            ok=True,
        )

    async def forget_key(self) -> None:
        entry = self._entry(self.form.entry_id)
        if entry is None:
            return
        secrets = await self._registry.secrets()
        self._stored_keys[entry.key_name] = False
        await secrets.adelete(entry.key_name)
        await self._registry.rebuild()
        await self._load_key_state()
        self.form.show_result(self.tr("The API key was removed."), ok=True)

    # -- local Ollama --------------------------------------------------------------
    def save_local_ollama(self) -> None:
        host = self.local_form.host.text().strip()
        try:
            resolve_ollama_host(host)
        except ValueError as error:
            self.local_form.result.setText(translated(error))
            return
        if self._set_ollama_host is not None:
            self._set_ollama_host(host)
        with self._settings.batch():
            self._settings.ollama_enabled = self.local_form.enabled.isChecked()
            self._settings.ollama_host = host
        self.local_form.result.setText(self.tr("Saved."))
        self._tasks.run(self._apply())
