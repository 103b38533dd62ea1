"""What Parley keeps per model on the Models page: the defaults a new chat starts with,
and what it learned from Ollama's measurements of loaded models.

:class:`PerModelKeeping` is attached to a built Models page (the window calls it when it
builds the page): it fills the details panel's Memory and "Defaults for new chats"
sections, opens the defaults dialog, and learns from each model /api/ps lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.core.chat_parameters import thinks_in_levels
from desktop.core.measured_fit import FitRatios, Measurement, fit_key, learn
from desktop.core.model_defaults import ModelDefaults, ModelDefaultsBook
from desktop.core.model_records import LocalModel, ModelDetails
from desktop.services.provider_registry import LOCAL_OLLAMA_ID
from desktop.ui.models.defaults_dialog import ModelDefaultsDialog
from desktop.ui.models.fit_section import defaults_html, estimator, memory_html

if TYPE_CHECKING:
    from desktop.ui.models.model_list_model import ModelListModel
    from desktop.ui.models.pane import ModelManagerPane


class PerModelKeeping(QObject):
    def __init__(
        self,
        pane: ModelManagerPane,
        models: ModelListModel,
        defaults: ModelDefaultsBook,
        fit: FitRatios,
        available_ram: Callable[[], int | None],
    ) -> None:
        super().__init__(pane)
        self._pane = pane
        self._models = models
        self._defaults = defaults
        self._fit = fit
        self.available_ram = available_ram
        """Free memory now (the machine's; tests give their own)."""
        self.measurements: dict[str, Measurement] = {}
        """The last measurement of each model loaded while the page was seen."""
        self._learned: set[tuple[str, int, int, int]] = set()
        self.dialog: ModelDefaultsDialog | None = None
        """The defaults dialog opened last (tests drive it)."""
        details = pane.details
        details.memory_html = self._memory
        details.defaults_html = self._defaults_line
        details.defaultsRequested.connect(self.open_defaults)
        pane.running.runningChanged.connect(self.learn)
        pane.details_cache.detailsReady.connect(lambda *_: self.learn())
        self.learn()
        details.refresh()

    # -- measured fit -------------------------------------------------------------------

    def learn(self) -> None:
        """Compare each loaded model with Parley's estimate at its context (once per load)."""
        learned = False
        for run in self._pane.running.running:
            local = self._models.find(run.name)
            mark = (run.name, run.context_length or 0, run.size, run.size_vram)
            if local is None or not run.context_length or not run.size or mark in self._learned:
                continue
            details = self._pane.details_cache.get(local.digest)
            if details is None:  # the real layer shape first: learn when it arrives
                self._pane.details_cache.request([local], first=True)
                continue
            estimate_at = estimator(local, details)
            self._learned.add(mark)
            if estimate_at is None:
                continue
            measurement = Measurement(
                run.name,
                run.context_length,
                estimate_at(run.context_length).total_bytes,
                run.size,
                run.size_vram,
            )
            key = fit_key(local.family, local.quantization)
            try:
                self._fit.record(key, learn(self._fit.correction(key), measurement))
            except OSError as error:  # kept for this session all the same
                self._pane.show_message(
                    self.tr("What Parley learned about memory could not be saved: {error}").format(
                        error=error
                    )
                )
            self.measurements[run.name] = measurement
            learned = True
        if learned:
            self._pane.details.refresh()

    def _memory(self, model: LocalModel, details: ModelDetails | None) -> str:
        correction = self._fit.correction(fit_key(model.family, model.quantization))
        measurement = self.measurements.get(model.name)
        return memory_html(model, details, correction, measurement, self.available_ram())

    # -- defaults for new chats -----------------------------------------------------------

    def _defaults_line(self, model: LocalModel) -> str:
        return defaults_html(self._defaults.defaults_for(LOCAL_OLLAMA_ID, model.name))

    def open_defaults(self, name: str) -> ModelDefaultsDialog:
        model = self._models.find(name)
        details = self._pane.details_cache.get(model.digest) if model is not None else None
        capabilities = details.capabilities if details else model.capabilities if model else ()
        family = details.family if details else model.family if model else ""
        dialog = ModelDefaultsDialog(
            name,
            self._defaults.defaults_for(LOCAL_OLLAMA_ID, name),
            can_think="thinking" in capabilities,
            leveled=thinks_in_levels(name, family),
            parent=self._pane,
        )
        dialog.saved.connect(lambda defaults: self._save(name, defaults))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, name: str, defaults: ModelDefaults) -> None:
        try:
            self._defaults.set_defaults(LOCAL_OLLAMA_ID, name, defaults)
        except OSError as error:
            self._pane.show_message(
                self.tr("The defaults for {name} could not be saved: {error}").format(
                    name=name, error=error
                )
            )
            return
        self._pane.show_message(
            self.tr("New chats with {name} start with these settings.").format(name=name)
            if defaults
            else self.tr("New chats with {name} start with the usual settings.").format(name=name)
        )
        self._pane.details.refresh()
