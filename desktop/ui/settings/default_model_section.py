"""Settings → Default model: the provider and model a new conversation starts with."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.storage.settings import SettingsStore
from desktop.ui.page_tasks import PageTasks
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.settings.provider_model_picker import ProviderModelPicker
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import provider_name
from desktop.ui.theme import PRIMARY, set_kind


class DefaultModelSection(Section):
    def __init__(
        self,
        registry: ProviderRegistry,
        store: SettingsStore,
        tasks: PageTasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._settings = registry.settings
        self._store = store
        self._tasks = tasks
        # Embedding-only models cannot answer a chat (defect 7): not offered as default.
        self.picker = ProviderModelPicker(
            registry, offered=lambda _slot: True, listed=lambda choice: choice.chat
        )
        self.default_provider = self.picker.provider
        self.default_model = self.picker.model
        self.save_default = QPushButton()
        set_kind(self.save_default, PRIMARY)
        self.current = QLabel()
        self.current.setObjectName("hint")
        self.current.setWordWrap(True)
        frame, inner = card()
        inner.addLayout(self.picker.form)
        row = QHBoxLayout()
        row.addWidget(self.current, 1)
        row.addWidget(self.save_default)
        inner.addLayout(row)
        self.body.addWidget(frame)
        self.body.addStretch(1)

        self._models_stale = True
        self.default_provider.currentIndexChanged.connect(lambda _index: self._refill_models())
        self.save_default.clicked.connect(self.save_default_model)
        registry.changed.connect(self._fill_providers)
        unsubscribe = self._settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._fill_providers()
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.set_heading(
            self.tr("Default model"),
            self.tr("New conversations start with this model; you can switch in any chat."),
        )
        self.default_provider.setAccessibleName(self.tr("Provider of the default model"))
        self.default_model.setAccessibleName(self.tr("Default model"))
        self.save_default.setText(self.tr("Use as default"))
        self.picker.relabel(self.tr("Provider"), self.tr("Model"))
        self._show_current()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _setting_changed(self, name: str) -> None:
        if name in ("default_provider", "default_model"):
            self._show_current()

    def _show_current(self) -> None:
        model = self._settings.default_model
        provider = self._registry.slot(self._settings.default_provider or LOCAL_OLLAMA_ID)
        where = (
            provider_name(provider.name)
            if provider is not None
            else self._settings.default_provider
        )
        self.current.setText(
            self.tr("Now: {model} ({provider})").format(model=model, provider=where)
            if model
            else self.tr("Now: the last model you used.")
        )

    def _fill_providers(self) -> None:
        self.picker.fill_providers(self.picker.provider_id() or self._settings.default_provider)
        self._show_current()
        self._refill_models()

    def _refill_models(self) -> None:
        """Ask the provider for its models now if the section is seen, else when it is."""
        self._models_stale = not self.isVisible()
        if not self._models_stale:
            self._tasks.run(self._fill_models())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._models_stale:
            self._refill_models()

    async def _fill_models(self) -> None:
        saved = (self._settings.default_provider or LOCAL_OLLAMA_ID, self._settings.default_model)
        await self.picker.fill_models(saved)

    def save_default_model(self) -> None:
        with self._settings.batch():
            self._settings.default_provider = str(self.default_provider.currentData() or "")
            self._settings.default_model = self.default_model.currentText().strip()
        self._store.save(self._settings)
