"""A provider box and an editable model box, as a form (Settings → Default model and the
embedding model of Settings → Documents): the providers set up, then the models the
chosen provider lists, with a name the list does not show still typeable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout

from desktop.services.provider_registry import ModelChoice
from desktop.ui.design import Space
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry, ProviderSlot
from desktop.ui.strings import add_named_row, provider_name, relabel_row


class ProviderModelPicker:
    """``offered``: the providers to list; ``listed``: the models of theirs to list."""

    def __init__(
        self,
        registry: ProviderRegistry,
        *,
        offered: Callable[[ProviderSlot], bool],
        listed: Callable[[ModelChoice], bool],
    ) -> None:
        self._registry = registry
        self._offered = offered
        self._listed = listed
        self.provider = QComboBox()
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setMinimumContentsLength(28)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(Space.L)
        add_named_row(self.form, self.provider)  # the labels' texts: retranslate
        add_named_row(self.form, self.model)

    def provider_id(self) -> str:
        return str(self.provider.currentData() or "")

    def relabel(self, provider: str, model: str) -> None:
        """The rows' labels, and the providers' names, in the language in use."""
        relabel_row(self.provider, provider)
        relabel_row(self.model, model)
        for index in range(self.provider.count()):
            slot = self._registry.slot(str(self.provider.itemData(index)))
            if slot is not None:
                self.provider.setItemText(index, provider_name(slot.name))

    def fill_providers(self, chosen: str, *, name_gone: bool = False) -> None:
        """List the providers offered, ``chosen`` (else the local Ollama) selected, without
        signalling; ``name_gone``: a chosen provider no longer set up is still listed."""
        self.provider.blockSignals(True)
        self.provider.clear()
        for slot in self._registry.slots():
            if self._offered(slot):
                self.provider.addItem(provider_name(slot.name), slot.id)
        if name_gone and chosen and self.provider.findData(chosen) < 0:
            self.provider.addItem(chosen, chosen)
        self.provider.setCurrentIndex(max(self.provider.findData(chosen or LOCAL_OLLAMA_ID), 0))
        self.provider.blockSignals(False)

    async def fill_models(self, saved: tuple[str, str]) -> list[str]:
        """List the chosen provider's models; show ``saved`` (provider id, model) when it
        is this provider's, else what was typed. Returns the names listed."""
        slot = self._registry.slot(self.provider_id())
        names: list[str] = []
        if slot is not None:
            group = await self._registry.models_of(slot)
            names = [choice.model for choice in group.models if self._listed(choice)]
        typed = self.model.currentText()
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(names)
        provider_id, model = saved
        if self.provider_id() == provider_id and model:
            self.model.setCurrentText(model)
        elif typed:
            self.model.setCurrentText(typed)
        elif not names:
            self.model.setCurrentText("")
        self.model.blockSignals(False)
        return names
