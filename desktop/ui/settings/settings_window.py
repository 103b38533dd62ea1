"""The settings window: providers, their keys, the local Ollama and the default model.

Non-modal. Every change is saved at once (atomic JSON) and the provider registry is
rebuilt, so it applies without a restart. Keys go to the keyring through
``asyncio.to_thread``; the window says plainly when there is no keyring and keys are
kept for this session only.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ProviderError
from desktop.providers.ollama_host import resolve_ollama_host
from desktop.providers.presets import PRESETS, Preset
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import ProviderEntry, SettingsStore
from desktop.ui.i18n_core import core_text
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry, preset_or_custom
from desktop.ui.settings.appearance_box import AppearanceBox
from desktop.ui.settings.attachments_settings import ImageSettingsBox
from desktop.ui.settings.failure_text import failure_text
from desktop.ui.settings.provider_form import ProviderForm
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

SHOWN_MODELS = 8


def new_provider_id(preset_id: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9-]+", "-", preset_id.lower()).strip("-") or "provider"
    candidate, number = base, 2
    while candidate in taken or candidate == LOCAL_OLLAMA_ID:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class LocalOllamaForm(QWidget):
    """The Ollama on this machine (or the one OLLAMA_HOST names)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(self.tr("Offer the models of this Ollama"))
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("Empty: OLLAMA_HOST or http://127.0.0.1:11434"))
        self.save_button = QPushButton(self.tr("Save"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        note = QLabel(
            self.tr(
                "For an Ollama on another machine that needs a password or token, add an "
                "“Ollama” provider instead: it has Basic and Bearer authentication."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        form = QFormLayout()
        form.addRow(self.tr("Host"), self.host)
        form.addRow("", self.enabled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addStretch(1)


class SettingsWindow(QWidget):
    """Providers list on the left, the selected one's form on the right."""

    saved = Signal()
    """After a change was written and the providers rebuilt."""

    def __init__(
        self,
        registry: ProviderRegistry,
        settings_store: SettingsStore,
        tasks: TaskOwner,
        *,
        set_ollama_host: Callable[[str], None] | None = None,
        translations: Translations | None = None,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Parley settings"))
        self.resize(900, 680)
        self._registry = registry
        self._settings = registry.settings
        self._store = settings_store
        self._tasks = tasks
        self._set_ollama_host = set_ollama_host
        self._secrets: SecretStore | None = None
        self._pending: set[asyncio.Task[Any]] = set()
        self._stored_keys: dict[str, bool] = {}
        """Whether each provider has a key: what this window wrote, else what it read."""

        self.keyring_state = QLabel()
        self.keyring_state.setWordWrap(True)
        self.keyring_state.setObjectName("keyringState")

        self.provider_list = QListWidget()
        self.provider_list.setAccessibleName(self.tr("Providers"))
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self.add_button)
        for preset in PRESETS:
            action = self.add_menu.addAction(preset.name)
            action.setData(preset.id)
        self.add_button.setMenu(self.add_menu)
        self.remove_button = QPushButton(self.tr("Remove"))

        self.local_form = LocalOllamaForm()
        self.form = ProviderForm()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.local_form)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setWidget(self.form)
        self.pages.addWidget(form_scroll)

        self.default_provider = QComboBox()
        self.default_model = QComboBox()
        self.default_model.setEditable(True)
        self.default_model.setMinimumContentsLength(24)
        self.save_default = QPushButton(self.tr("Use as default"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Providers"))
        title.setObjectName("paneTitle")
        left_layout.addWidget(title)
        left_layout.addWidget(self.provider_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 650])

        defaults = QGroupBox(self.tr("Default model for new conversations"))
        defaults_layout = QHBoxLayout(defaults)
        defaults_layout.addWidget(self.default_provider)
        defaults_layout.addWidget(self.default_model, 1)
        defaults_layout.addWidget(self.save_default)

        close = QPushButton(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_state)
        layout.addWidget(splitter, 1)
        layout.addWidget(defaults)
        self.images = ImageSettingsBox(self._settings, settings_store)
        layout.addWidget(self.images)
        self.appearance: AppearanceBox | None = None
        if translations is not None and theme is not None:
            self.appearance = AppearanceBox(translations, theme, self._settings, settings_store)
            layout.addWidget(self.appearance)
        layout.addLayout(bottom)

        close_action = QAction(self)
        close_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close_action.triggered.connect(self.close)
        self.addAction(close_action)
        close.clicked.connect(self.close)
        self.add_menu.triggered.connect(lambda action: self.add_provider(str(action.data())))
        self.remove_button.clicked.connect(self.remove_selected)
        self.provider_list.currentRowChanged.connect(self._show_row)
        self.provider_list.itemChanged.connect(self._enabled_toggled)
        self.form.saveRequested.connect(lambda: self._run(self.save_form()))
        self.form.testRequested.connect(lambda: self._run(self.test_connection()))
        self.form.forgetKeyRequested.connect(lambda: self._run(self.forget_key()))
        self.local_form.save_button.clicked.connect(self.save_local_ollama)
        self.default_provider.currentIndexChanged.connect(
            lambda _index: self._run(self._fill_default_models())
        )
        self.save_default.clicked.connect(self.save_default_model)
        registry.changed.connect(self._fill_default_providers)

        self._fill_list()
        self._fill_default_providers()
        self.provider_list.setCurrentRow(0)
        self._run(self._open_secrets())

    # -- helpers ---------------------------------------------------------------
    def _run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = self._tasks.spawn(coro, name="settings")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return task

    async def idle(self) -> None:
        """Wait until every action this window started has finished."""
        while self._pending:
            await asyncio.wait(set(self._pending))

    async def _apply(self) -> None:
        self._store.save(self._settings)
        await self._registry.rebuild()
        self.saved.emit()

    def _entries(self) -> list[ProviderEntry]:
        return self._settings.providers

    def _entry(self, provider_id: str) -> ProviderEntry | None:
        return next((e for e in self._entries() if e.id == provider_id), None)

    def _replace(self, entry: ProviderEntry) -> None:
        self._settings.providers = [entry if e.id == entry.id else e for e in self._entries()]

    def selected_id(self) -> str:
        item = self.provider_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def select(self, provider_id: str) -> None:
        for row in range(self.provider_list.count()):
            item = self.provider_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == provider_id:
                self.provider_list.setCurrentRow(row)
                return

    # -- keyring ---------------------------------------------------------------
    async def _open_secrets(self) -> None:
        self._secrets = await self._registry.secrets()
        self._show_keyring_state()
        await self._load_key_state()

    def _show_keyring_state(self) -> None:
        secrets = self._secrets
        if secrets is None:
            self.keyring_state.setText(self.tr("Looking for the system keyring…"))
        elif secrets.persistent:
            self.keyring_state.setStyleSheet("")
            self.keyring_state.setText(
                self.tr(
                    "API keys are kept in the system keyring ({name}), never in a file."
                ).format(name=secrets.backend_name)
            )
        else:
            self.keyring_state.setStyleSheet(
                "background: #fff3cd; color: #664d03; border: 1px solid #ffda6a;"
                "border-radius: 4px; padding: 6px;"
            )
            self.keyring_state.setText(
                self.tr(
                    "Warning: no system keyring is available. API keys you enter are kept "
                    "for this session only and must be entered again after a restart. {why}"
                ).format(why=secrets.problem)
            )

    async def _load_key_state(self) -> None:
        provider_id = self.selected_id()
        if provider_id == LOCAL_OLLAMA_ID or not provider_id:
            return
        secrets = await self._registry.secrets()
        if provider_id not in self._stored_keys:
            stored = bool(await secrets.aget(provider_id))
            # A write by this window while the read was under way knows better.
            self._stored_keys.setdefault(provider_id, stored)
        if provider_id != self.selected_id():
            return
        stored = self._stored_keys[provider_id]
        self.form.set_has_stored_key(stored)
        if stored:
            where = secrets.backend_name if secrets.persistent else self.tr("this session only")
            self.form.key.setPlaceholderText(
                self.tr("Stored ({where}); type to replace").format(where=where)
            )
            self.form.set_key_state("")
        else:
            self.form.key.setPlaceholderText(self.tr("No key stored"))
            if not secrets.persistent:
                self.form.set_key_state(
                    self.tr("A key entered here is kept for this session only.")
                )
            else:
                self.form.set_key_state("")

    # -- list ------------------------------------------------------------------
    def _fill_list(self) -> None:
        self.provider_list.blockSignals(True)
        current = self.selected_id()
        self.provider_list.clear()
        local = QListWidgetItem(self.tr("Ollama on this computer"))
        local.setData(Qt.ItemDataRole.UserRole, LOCAL_OLLAMA_ID)
        local.setFlags(local.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        local.setCheckState(
            Qt.CheckState.Checked if self._settings.ollama_enabled else Qt.CheckState.Unchecked
        )
        self.provider_list.addItem(local)
        for entry in self._entries():
            item = QListWidgetItem(entry.name or preset_or_custom(entry.preset).name)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.enabled else Qt.CheckState.Unchecked)
            self.provider_list.addItem(item)
        self.provider_list.blockSignals(False)
        if current:
            self.select(current)

    def _show_row(self, _row: int) -> None:
        provider_id = self.selected_id()
        self.remove_button.setEnabled(provider_id not in ("", LOCAL_OLLAMA_ID))
        if provider_id == LOCAL_OLLAMA_ID:
            self.local_form.host.setText(self._settings.ollama_host)
            self.local_form.enabled.setChecked(self._settings.ollama_enabled)
            self.local_form.result.clear()
            self.pages.setCurrentIndex(0)
            return
        entry = self._entry(provider_id)
        if entry is None:
            return
        self.form.load(entry, has_stored_key=self._stored_keys.get(provider_id, False))
        self.pages.setCurrentIndex(1)
        self._run(self._load_key_state())

    def _enabled_toggled(self, item: QListWidgetItem) -> None:
        provider_id = str(item.data(Qt.ItemDataRole.UserRole))
        enabled = item.checkState() == Qt.CheckState.Checked
        if provider_id == LOCAL_OLLAMA_ID:
            self._settings.ollama_enabled = enabled
            self.local_form.enabled.setChecked(enabled)
        else:
            entry = self._entry(provider_id)
            if entry is None or entry.enabled == enabled:
                return
            self._replace(dataclasses.replace(entry, enabled=enabled))
        self._run(self._apply())

    def add_provider(self, preset_id: str) -> str:
        preset: Preset = preset_or_custom(preset_id)
        taken = {entry.id for entry in self._entries()}
        entry = ProviderEntry(
            id=new_provider_id(preset.id, taken),
            preset=preset.id,
            base_url=preset.base_url,
            models=list(preset.models) if not preset.base_url else [],
        )
        self._settings.providers = [*self._entries(), entry]
        self._fill_list()
        self.select(entry.id)
        self._run(self._apply())
        return entry.id

    def remove_selected(self) -> None:
        provider_id = self.selected_id()
        if provider_id in ("", LOCAL_OLLAMA_ID):
            return
        self._settings.providers = [e for e in self._entries() if e.id != provider_id]
        if self._settings.default_provider == provider_id:
            self._settings.default_provider = ""
            self._settings.default_model = ""
        self._fill_list()
        self.provider_list.setCurrentRow(0)
        self._run(self._remove_key_and_apply(provider_id))

    async def _remove_key_and_apply(self, provider_id: str) -> None:
        secrets = await self._registry.secrets()
        self._stored_keys[provider_id] = False
        await secrets.adelete(provider_id)
        await self._apply()

    # -- provider form -----------------------------------------------------------
    async def save_form(self) -> bool:
        problem = self.form.problem()
        if problem:
            self.form.show_result(problem, ok=False)
            return False
        entry = self.form.entry()
        secrets = await self._registry.secrets()
        key = self.form.typed_key()
        if key:
            self._stored_keys[entry.id] = True
            await secrets.aset(entry.id, key)
        self._replace(entry)
        await self._apply()
        self._fill_list()
        self.form.load(entry, has_stored_key=self._stored_keys.get(entry.id, False))
        await self._load_key_state()
        self._show_keyring_state()
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
            self.form.show_result(problem, ok=False)
            return
        entry = self.form.entry()
        secrets = await self._registry.secrets()
        key = self.form.typed_key() or await secrets.aget(entry.id)
        self.form.show_result(self.tr("Connecting…"), ok=True)
        try:
            names = await self._registry.probe(entry.to_config(), key)
        except ProviderError as error:
            self.form.show_result(failure_text(error, proxy_url=entry.proxy_url), ok=False)
            return
        except ValueError as error:
            self.form.show_result(core_text(str(error)), ok=False)
            return
        shown = ", ".join(names[:SHOWN_MODELS])
        more = len(names) - SHOWN_MODELS
        if more > 0:
            shown += self.tr(" and {count} more").format(count=more)
        self.form.show_result(
            self.tr("Connected: {count} model(s) — {names}").format(
                count=len(names), names=shown or self.tr("none listed")
            ),
            ok=True,
        )

    async def forget_key(self) -> None:
        provider_id = self.form.entry_id
        secrets = await self._registry.secrets()
        self._stored_keys[provider_id] = False
        await secrets.adelete(provider_id)
        await self._registry.rebuild()
        await self._load_key_state()
        self.form.show_result(self.tr("The API key was removed."), ok=True)

    # -- local Ollama --------------------------------------------------------------
    def save_local_ollama(self) -> None:
        host = self.local_form.host.text().strip()
        try:
            resolve_ollama_host(host)
        except ValueError as error:
            self.local_form.result.setText(core_text(str(error)))
            return
        self._settings.ollama_enabled = self.local_form.enabled.isChecked()
        if self._set_ollama_host is not None:
            self._set_ollama_host(host)
        self._settings.ollama_host = host
        self.local_form.result.setText(self.tr("Saved."))
        self._fill_list()
        self._run(self._apply())

    # -- default model ---------------------------------------------------------------
    def _fill_default_providers(self) -> None:
        chosen = self.default_provider.currentData() or self._settings.default_provider
        self.default_provider.blockSignals(True)
        self.default_provider.clear()
        for slot in self._registry.slots():
            self.default_provider.addItem(slot.name, slot.id)
        index = self.default_provider.findData(chosen or LOCAL_OLLAMA_ID)
        self.default_provider.setCurrentIndex(max(index, 0))
        self.default_provider.blockSignals(False)
        self._run(self._fill_default_models())

    async def _fill_default_models(self) -> None:
        slot = self._registry.slot(str(self.default_provider.currentData()))
        if slot is None:
            return
        group = await self._registry.models_of(slot)
        typed = self.default_model.currentText()
        self.default_model.clear()
        self.default_model.addItems([choice.model for choice in group.models])
        if slot.id == self._settings.default_provider and self._settings.default_model:
            self.default_model.setCurrentText(self._settings.default_model)
        elif typed:
            self.default_model.setCurrentText(typed)

    def save_default_model(self) -> None:
        self._settings.default_provider = str(self.default_provider.currentData() or "")
        self._settings.default_model = self.default_model.currentText().strip()
        self._run(self._apply())
