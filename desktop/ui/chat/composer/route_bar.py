"""Where the next answer comes from: the model picker, a note on the route (local,
cloud, switched, unavailable) and the thinking level the model offers.

The bar owns the route, (provider id, model). It learns the model's details (context
window, thinking, vision) and reports them with ``detailsKnown``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop.core.chat_parameters import THINK_LEVELS, default_think, thinks_in_levels
from desktop.core.chat_service import ChatProvider, ChatService
from desktop.core.model_records import ModelDetails
from desktop.core.provider_config import ProviderFamily
from desktop.storage.history import HistoryStore
from desktop.ui.chat.composer.model_picker import ModelPicker
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.tasks import TaskOwner


class RouteBar(QWidget):
    modelChosen = Signal(str, str)
    """The person picked (provider id, model)."""
    thinkChosen = Signal(object)
    detailsKnown = Signal(object)
    """ModelDetails of the route's model, or None when the provider cannot say."""

    def __init__(
        self,
        chat: ChatService[HistoryStore],
        providers: ProviderRegistry,
        tasks: TaskOwner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._providers = providers
        self._tasks = tasks
        self.route = ("", "")
        """(provider id, model) the next answer comes from."""
        self.details: ModelDetails | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.picker = ModelPicker(providers, tasks)
        self.picker.setMinimumWidth(200)
        self.picker.modelChosen.connect(self.modelChosen)
        self.picker.loaded.connect(self._models_loaded)
        layout.addWidget(self.picker)
        self.route_label = QLabel()
        self.route_label.setObjectName("routeState")
        self.route_label.hide()
        layout.addWidget(self.route_label)
        self.think_combo = QComboBox()
        self.think_combo.setObjectName("thinkCombo")
        self.think_combo.activated.connect(
            lambda index: self.thinkChosen.emit(self.think_combo.itemData(index))
        )
        self.think_combo.hide()
        layout.addWidget(self.think_combo)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.route_label.setAccessibleName(
            QCoreApplication.translate("ChatPane", "Where the next answer comes from")
        )
        self.think_combo.setAccessibleName(QCoreApplication.translate("ChatPane", "Thinking"))
        self.think_combo.setToolTip(
            QCoreApplication.translate("ChatPane", "Whether, and how hard, the model thinks first")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_route(self, provider_id: str, model: str) -> None:
        self.route = (provider_id, model)
        self.details = None
        self.picker.set_current(provider_id, model)
        self._tasks.spawn(self._learn(provider_id, model), name="model-details")

    def _models_loaded(self) -> None:
        """The first lists of models: with nothing chosen yet, take the default or the
        first model offered (local providers come first)."""
        if self.route[1]:
            return
        settings = self._providers.settings
        default = (settings.default_provider or LOCAL_OLLAMA_ID, settings.default_model)
        offered = self.picker.chat_models()  # never an embedding-only model
        if default in offered:
            self.modelChosen.emit(*default)
        elif offered:
            self.modelChosen.emit(*offered[0])

    def relearn(self) -> None:
        """Providers were rebuilt: ask again about the model."""
        self._chat.forget_details()
        if self.route[1]:
            self._tasks.spawn(self._learn(*self.route), name="model-details")

    async def _learn(self, provider_id: str, model: str) -> None:
        slot = self._providers.slot(provider_id)
        details = await self._chat.model_details(model, slot.chat) if slot else None
        if (provider_id, model) == self.route:
            self.details = details
            self.detailsKnown.emit(details)

    def provider(self) -> ChatProvider | None:
        slot = self._providers.slot(self.route[0])
        return slot.chat if slot is not None else None

    def sends_window(self) -> bool:
        """Whether the provider is told the context window with every request (Ollama's
        num_ctx), so that the window is known even when the model does not say it."""
        slot = self._providers.slot(self.route[0])
        return slot is not None and slot.family is ProviderFamily.OLLAMA

    def cached_details(self) -> ModelDetails | None:
        provider = self.provider()
        return self._chat.cached_details(self.route[1], provider) if provider else None

    def unavailable_reason(self) -> str:
        """Why the chosen provider cannot answer ("" if it can, or if it is too early to
        tell because the providers are still being built)."""
        provider_id = self.route[0]
        if not self.route[1] or not self._providers.built or self._providers.slot(provider_id):
            return ""
        settings = self._providers.settings
        if provider_id == LOCAL_OLLAMA_ID:
            return QCoreApplication.translate(
                "ChatPane", "the local Ollama is turned off in Settings"
            )
        entry = next((e for e in settings.providers if e.id == provider_id), None)
        if entry is None:
            return QCoreApplication.translate(
                "ChatPane", "its provider is no longer set up in Settings"
            )
        name = entry.name or provider_id
        if not entry.enabled:
            return QCoreApplication.translate(
                "ChatPane", "{name} is turned off in Settings"
            ).format(name=name)
        return self._providers.problem(provider_id) or QCoreApplication.translate(
            "ChatPane", "{name} is not available"
        ).format(name=name)

    def show_note(self, earlier: str) -> None:
        """The note on the choice: local or cloud, switched from ``earlier``, or unavailable."""
        provider_id, model = self.route
        reason = self.unavailable_reason()
        slot = self._providers.slot(provider_id)
        switched = QCoreApplication.translate("ChatPane", "switched from {model}").format(
            model=earlier
        )
        if not model:
            text, tip = "", ""
        elif reason:
            text, tip = QCoreApplication.translate("ChatPane", "⚠ unavailable"), reason
        elif earlier and earlier != model:
            text = switched
            tip = QCoreApplication.translate(
                "ChatPane",
                "Earlier answers came from {earlier}; the next one comes from {model}, "
                "with the history converted for it.",
            ).format(earlier=earlier, model=model)
        elif slot is not None:
            text = (
                QCoreApplication.translate("ChatPane", "local")
                if slot.local
                else QCoreApplication.translate("ChatPane", "cloud")
            )
            tip = QCoreApplication.translate("ChatPane", "Answers come from {name}").format(
                name=slot.name
            )
        else:
            text, tip = "", ""
        if self.route_label.text() != text:
            self.route_label.setText(text)
        self.route_label.setToolTip(tip)
        # "local" and "cloud" only repeat what the picker shows; a switch or a provider
        # that cannot answer is news.
        self.route_label.setVisible(bool(text) and (bool(reason) or text == switched))

    def show_thinking_choices(
        self, details: ModelDetails | None, chosen: bool | str | None
    ) -> None:
        combo = self.think_combo
        combo.clear()
        if details is None or not details.can_think:
            combo.hide()
            return
        leveled = thinks_in_levels(details.name, details.family)
        if leveled:
            names = {
                "low": QCoreApplication.translate("ChatPane", "Think: low"),
                "medium": QCoreApplication.translate("ChatPane", "Think: medium"),
            }
            names["high"] = QCoreApplication.translate("ChatPane", "Think: high")
            for level in THINK_LEVELS:
                combo.addItem(names[level], level)
        else:
            combo.addItem(QCoreApplication.translate("ChatPane", "Thinking on"), True)
        combo.addItem(QCoreApplication.translate("ChatPane", "Thinking off"), False)
        index = combo.findData(default_think(leveled) if chosen is None else chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.show()

    def think_default(self) -> bool | str | None:
        """The thinking level shown now, for a new conversation to start with."""
        return self.think_combo.currentData() if self.think_combo.isVisible() else None
