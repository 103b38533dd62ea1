"""Delete, copy and rename, each confirmed in a non-blocking dialog, then run in the background."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.core.errors import ProviderError
from desktop.core.model_records import LocalModel
from desktop.core.pull_name import validate_pull_name
from desktop.providers.ollama import OllamaProvider
from desktop.ui.formatting import format_bytes
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import DESTRUCTIVE, set_kind


class ModelActions(QObject):
    finished = Signal(str)  # what happened, in words
    failed = Signal(str)

    def __init__(
        self,
        provider: Callable[[], OllamaProvider],
        installed: Callable[[], list[LocalModel]],
        tasks: TaskOwner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._provider = provider
        self._installed = installed
        self._tasks = tasks
        self._parent = parent
        self.dialog: QMessageBox | QInputDialog | None = None
        """The dialog open right now (tests drive it)."""

    # -- delete ------------------------------------------------------------------------

    def freed_words(self, model: LocalModel) -> str:
        sharing = [
            other.name
            for other in self._installed()
            if other.digest == model.digest and other.name != model.name
        ]
        if sharing:
            return self.tr("No space is freed: {others} uses the same files.").format(
                others=", ".join(sharing)
            )
        return self.tr("This frees up to {size} on the disk of the Ollama server.").format(
            size=format_bytes(model.size)
        )

    def confirm_delete(self, model: LocalModel) -> QMessageBox:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete model"))
        box.setText(self.tr("Delete {name}?").format(name=model.name))
        box.setInformativeText(
            self.freed_words(model)
            + " "
            + self.tr("To use it again you will have to download it again.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        delete = box.button(QMessageBox.StandardButton.Yes)
        delete.setText(self.tr("Delete"))
        set_kind(delete, DESTRUCTIVE)
        box.finished.connect(lambda result: self._delete_answered(model, result))
        self.dialog = box
        box.open()
        return box

    def _delete_answered(self, model: LocalModel, result: int) -> None:
        self.dialog = None
        if result == QMessageBox.StandardButton.Yes:
            self._tasks.spawn(self._delete(model), name="ollama-delete")

    async def _delete(self, model: LocalModel) -> None:
        try:
            await self._provider().delete(model.name)
        except ProviderError as error:
            self.failed.emit(translated(error))
            return
        self.finished.emit(self.tr("{name} was deleted.").format(name=model.name))

    # -- copy and rename ---------------------------------------------------------------

    def ask_copy(self, model: LocalModel, *, rename: bool = False) -> QInputDialog:
        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle(self.tr("Rename model") if rename else self.tr("Copy model"))
        dialog.setLabelText(
            self.tr("New name for {name}:").format(name=model.name)
            if rename
            else self.tr("Name of the copy of {name}:").format(name=model.name)
        )
        dialog.setTextValue(model.name.split(":", 1)[0] + "-copy")
        dialog.textValueSelected.connect(lambda text: self._copy_chosen(model, text, rename))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _copy_chosen(self, model: LocalModel, text: str, rename: bool) -> None:
        check = validate_pull_name(text)
        if not check.ok:
            hint = translated(check.problem)
            if check.suggestions:
                hint += " " + self.tr("Try {name}.").format(name=check.suggestions[0])
            self.failed.emit(hint)
            return
        self._tasks.spawn(self._copy(model, check.normalized, rename), name="ollama-copy")

    async def _copy(self, model: LocalModel, destination: str, rename: bool) -> None:
        provider = self._provider()
        try:
            await provider.copy(model.name, destination)
            if rename:
                await provider.delete(model.name)
        except ProviderError as error:
            self.failed.emit(translated(error))
            return
        words = (
            self.tr("{old} is now called {new}.")
            if rename
            else self.tr("{old} was copied to {new}.")
        )
        self.finished.emit(words.format(old=model.name, new=destination))
