"""The embedding model card of Settings → Documents: provider, model, Check, where texts go.

Providers offered: the local Ollama and the OpenAI-compatible ones the person set up
(Anthropic and Azure embed nothing here). Models offered: those the provider lists as
embedding-only (Ollama's capabilities; a name like text-embedding-3-small otherwise); the
box is editable for a name the list does not show. Check embeds one word with the model
shown (not yet saved) and says the dimension or the problem in the error tree's words.
"Use this model" hands the choice to the section, which asks before re-embedding.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ParleyError
from desktop.core.provider_config import ProviderFamily
from desktop.services.embedder_choice import EmbedderChoice
from desktop.ui.design import Space
from desktop.ui.page_tasks import PageTasks
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.settings.provider_model_picker import ProviderModelPicker
from desktop.ui.strings import provider_name, translated
from desktop.ui.theme import PRIMARY, QUIET, set_kind

SUGGESTED = "nomic-embed-text"
"""Offered for download when the local Ollama has no embedding model."""
EMBEDDING_FAMILIES = (ProviderFamily.OLLAMA, ProviderFamily.OPENAI_COMPAT)


def candidate(choice: EmbedderChoice, provider_id: str, model: str) -> EmbedderChoice:
    """The person's choice with a provider and model shown but not saved."""
    return choice.trial("" if provider_id == LOCAL_OLLAMA_ID else provider_id, model)


class EmbeddingBox(QWidget):
    modelChosen = Signal(str, str)
    """(provider id, model): the person wants documents embedded with this model."""
    pullRequested = Signal(str)
    """Download this model with the local Ollama."""

    def __init__(
        self, registry: ProviderRegistry, choice: EmbedderChoice, tasks: PageTasks,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._registry = registry
        self._settings = registry.settings
        self._choice = choice
        self._tasks = tasks
        self.picker = ProviderModelPicker(
            registry,
            offered=lambda slot: slot.family in EMBEDDING_FAMILIES,
            listed=lambda choice: not choice.chat,
        )
        self.provider = self.picker.provider
        self.model = self.picker.model
        self.check = QPushButton()
        set_kind(self.check, QUIET)
        self.use = QPushButton()
        set_kind(self.use, PRIMARY)
        self.result = QLabel()
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)
        self.none_pulled = QLabel()
        self.none_pulled.setObjectName("hint")
        self.none_pulled.setWordWrap(True)
        self.pull = QPushButton()
        set_kind(self.pull, QUIET)
        self.remote = QLabel()
        self.remote.setObjectName("hint")
        self.remote.setProperty("warning", True)
        self.remote.setWordWrap(True)
        self.allow = QCheckBox()
        for hidden in (self.none_pulled, self.pull, self.remote, self.allow):
            hidden.hide()  # until the provider's list or address says so
        self.current = QLabel()
        self.current.setObjectName("hint")
        self.current.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        layout.addLayout(self.picker.form)
        pull_row = QHBoxLayout()
        pull_row.addWidget(self.none_pulled, 1)
        pull_row.addWidget(self.pull)
        layout.addLayout(pull_row)
        layout.addWidget(self.remote)
        layout.addWidget(self.allow)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.check)
        row.addWidget(self.use)
        layout.addLayout(row)
        layout.addWidget(self.current)

        self.provider.currentIndexChanged.connect(lambda _index: self._provider_changed())
        self.model.currentTextChanged.connect(lambda _text: self._shown_changed())
        self.check.clicked.connect(self.run_check)
        self.use.clicked.connect(self._use_clicked)
        self.pull.clicked.connect(lambda: self.pullRequested.emit(SUGGESTED))
        self.allow.toggled.connect(self._allow_toggled)
        registry.changed.connect(self._fill_providers)
        unsubscribe = self._settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._fill_providers()
        self.retranslate()

    def retranslate(self) -> None:
        self.provider.setAccessibleName(self.tr("Provider of the embedding model"))
        self.model.setAccessibleName(self.tr("Embedding model"))
        line = self.model.lineEdit()
        assert line is not None  # the box is editable
        line.setPlaceholderText(self.tr("for example {name}").format(
            name=SUGGESTED))  # fmt: skip
        self.picker.relabel(self.tr("Provider"), self.tr("Model"))
        self.check.setText(self.tr("Check"))
        self.use.setText(self.tr("Use this model"))
        self.none_pulled.setText(
            self.tr("No embedding model is pulled in Ollama. {name} is a good first one.").format(
                name=SUGGESTED
            )
        )
        self.pull.setText(self.tr("Pull {name}").format(name=SUGGESTED))
        self._shown_changed()
        self._show_current()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- what is shown -------------------------------------------------------------------
    def shown(self) -> tuple[str, str]:
        """(provider id, model) as the boxes show them now."""
        return str(self.provider.currentData() or LOCAL_OLLAMA_ID), self.model.currentText().strip()

    def _trial(self) -> EmbedderChoice:
        provider_id, model = self.shown()
        return candidate(self._choice, provider_id, model)

    def _fill_providers(self) -> None:
        chosen = self.picker.provider_id() or self._choice.provider_id
        self.picker.fill_providers(chosen, name_gone=True)  # set up no longer: still named
        self._provider_changed()

    def _provider_changed(self) -> None:
        self.none_pulled.hide()
        self.pull.hide()
        if self.isVisible():  # else when shown
            self._tasks.run(self._fill_models())
        self._shown_changed()

    def showEvent(self, event: QShowEvent) -> None:
        """The models are listed again each time: one pulled meanwhile is offered."""
        super().showEvent(event)
        self._tasks.run(self._fill_models())

    async def _fill_models(self) -> None:
        names = await self.picker.fill_models((self._choice.provider_id, self._choice.model))
        provider_id = self.picker.provider_id()
        local = provider_id == LOCAL_OLLAMA_ID and self._registry.slot(provider_id) is not None
        self.none_pulled.setVisible(local and not names)
        self.pull.setVisible(local and not names)
        self._shown_changed()

    def _shown_changed(self) -> None:
        trial = self._trial()
        provider_id, model = self.shown()
        self.result.clear()
        self.result.setProperty("state", "")
        remote = trial.is_remote and trial.config() is not None
        config = trial.config()
        service = provider_name(config.name) if config is not None else provider_id
        self.remote.setVisible(remote)
        self.allow.setVisible(remote)
        if remote:
            self.remote.setText(
                self.tr(
                    "{service} is not on this computer: chunks of your documents, and your "
                    "questions, will be sent to {service} to be embedded."
                ).format(service=service)
            )
            self.allow.setText(self.tr("Allow sending documents to {service}").format(
                service=service))  # fmt: skip
            self.allow.blockSignals(True)
            self.allow.setChecked(provider_id in self._settings.embedding_remote_consent)
            self.allow.blockSignals(False)
        same = (provider_id, model) == (self._choice.provider_id, self._choice.model)
        self.use.setEnabled(bool(model) and not same)
        allowed = not remote or provider_id in self._settings.embedding_remote_consent
        self.check.setEnabled(bool(model) and allowed)  # not one word sent before consent
        self.check.setToolTip(
            self.tr("Embed one word with this model and show the result")
            if allowed
            else self.tr("Allow sending documents to {service} first").format(service=service)
        )

    def _allow_toggled(self, on: bool) -> None:
        provider_id, _ = self.shown()
        kept = [p for p in self._settings.embedding_remote_consent if p != provider_id]
        self._settings.embedding_remote_consent = [*kept, provider_id] if on else kept
        self._shown_changed()

    def _setting_changed(self, name: str) -> None:
        if name in ("embedding_provider", "embedding_model"):
            self._show_current()
            self._shown_changed()

    def _show_current(self) -> None:
        self.current.setText(
            self.tr("Now: {model}").format(model=translated(self._choice.describe()))
            if self._choice.chosen
            else self.tr("Now: no embedding model chosen; documents cannot be searched yet.")
        )

    def show_choice(self) -> None:
        """Show the saved choice again (the person declined a change)."""
        index = self.provider.findData(self._choice.provider_id)
        if index >= 0 and index != self.provider.currentIndex():
            self.provider.setCurrentIndex(index)
        self.model.setCurrentText(self._choice.model)
        self._shown_changed()

    # -- Check and Use -------------------------------------------------------------------
    def run_check(self) -> None:
        self.set_result("busy", self.tr("Checking…"))
        self._tasks.run(self._check(self._trial()))

    async def _check(self, trial: EmbedderChoice) -> None:
        try:
            embedder = await trial.current()
            result = await embedder.embed(["Parley"])
        except ParleyError as error:
            self.set_result("error", translated(error))
            return
        size = len(result.vectors[0]) if result.vectors else 0
        self.set_result(
            "ok",
            self.tr("Works: {model} gives vectors of {size} dimensions.").format(
                model=embedder.model, size=size
            ),
        )

    async def usable(self, provider_id: str, model: str) -> EmbedderChoice | None:
        """The choice if the model can be chosen (Ollama says it is there and embeds;
        nothing is sent); else None, and the reason shown where Check shows its result."""
        trial = candidate(self._choice, provider_id, model)
        try:
            await trial.current()
        except ParleyError as error:
            self.set_result("error", translated(error))
            return None
        return trial

    def set_result(self, state: str, words: str) -> None:
        """The line beside Check: ok, error or busy (words "" clears it)."""
        self.result.setText(words)
        self.result.setProperty("state", state)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def _use_clicked(self) -> None:
        provider_id, model = self.shown()
        self.modelChosen.emit(provider_id, model)
