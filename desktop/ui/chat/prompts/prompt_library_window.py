"""The prompt library window: prompts and personas, added, edited, duplicated, deleted,
imported and exported as JSON.

Not modal; one per window (PromptBook.show_window). Valid changes in the editor are kept
when the person moves to another entry, tab, or closes the window (nothing typed is lost
to a click); a draft that cannot be saved (no name, no text, a name taken) is left.
Its file choosers and the delete question are opened with ``open()``;
``import_path``/``export_path`` do the work and say how it went in the status line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.prompt_library import Kind, Prompt, unique_name
from desktop.ui.chat.prompts.prompt_book import PromptBook
from desktop.ui.chat.prompts.prompt_editor import PromptEditor
from desktop.ui.design import Space
from desktop.ui.strings import counted, translated

KIND_ROLE = Qt.ItemDataRole.UserRole


class PromptLibraryWindow(QDialog):
    def __init__(self, book: PromptBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptLibrary")
        self.book = book
        self.resize(820, 540)
        self.file_dialog: QFileDialog | None = None
        self.question: QMessageBox | None = None
        self._filling = self._writing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.L, Space.L, Space.L, Space.M)
        layout.setSpacing(Space.M)
        self.tabs = QTabBar()
        self.tabs.setObjectName("promptKinds")
        self.tabs.addTab("")
        self.tabs.addTab("")
        self.tabs.setExpanding(False)
        self.tabs.currentChanged.connect(self._kind_changed)
        layout.addWidget(self.tabs)

        body = QHBoxLayout()
        body.setSpacing(Space.L)
        left = QVBoxLayout()
        left.setSpacing(Space.S)
        self.list = QListWidget()
        self.list.setObjectName("promptLibraryList")
        self.list.setFixedWidth(250)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(self._moved)
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(Space.XS)
        self.new_button, self.duplicate_button, self.delete_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.delete_button.setProperty("kind", "destructive")
        self.new_button.clicked.connect(self.new_prompt)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self._ask_delete)
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        body.addLayout(left)
        self.editor = PromptEditor(self._name_taken)
        self.editor.saveRequested.connect(self.save)
        body.addWidget(self.editor, 1)
        layout.addLayout(body, 1)

        bottom = QHBoxLayout()
        self.import_button, self.export_button = QPushButton(), QPushButton()
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        self.status = QLabel()
        self.status.setObjectName("promptLibraryStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        for button in self.findChildren(QPushButton):  # Enter in a field never deletes or closes
            button.setAutoDefault(False)
        book.changed.connect(lambda: None if self._writing else self._fill())
        self.retranslate()
        if book.store.load_problem:
            self._say(translated(book.store.load_problem), problem=True)

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setWindowTitle(self.tr("Prompt library"))
        self.tabs.setTabText(0, self.tr("Prompts"))
        self.tabs.setTabText(1, self.tr("Personas"))
        self.list.setAccessibleName(self.tr("Prompts and personas"))
        self.new_button.setText(self.tr("New"))
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.delete_button.setText(self.tr("Delete"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- what is shown -------------------------------------------------------------
    @property
    def kind(self) -> Kind:
        return "persona" if self.tabs.currentIndex() == 1 else "prompt"

    def show_kind(self, kind: Kind) -> None:
        self.tabs.setCurrentIndex(1 if kind == "persona" else 0)

    def _fill(self, select: Prompt | None = None) -> None:
        self._filling = True
        try:
            self._refill(select)
        finally:
            self._filling = False

    def _refill(self, select: Prompt | None) -> None:
        current = select or self.editor.prompt
        self.list.blockSignals(True)
        self.list.clear()
        chosen = 0
        for prompt in self.book.prompts(self.kind):
            label = prompt.name + ("  ·  " + self.tr("built-in") if prompt.builtin else "")
            item = QListWidgetItem(label)
            item.setData(KIND_ROLE, prompt)
            self.list.addItem(item)
            if current is not None and (prompt.name, prompt.kind) == (current.name, current.kind):
                chosen = self.list.count() - 1
        self.list.blockSignals(False)
        self.list.setCurrentRow(chosen if self.list.count() else -1)
        self._show_current()

    def _current(self) -> Prompt | None:
        item = self.list.currentItem()
        return cast("Prompt | None", item.data(KIND_ROLE)) if item is not None else None

    def _kind_changed(self, _index: int) -> None:
        if not self._keep_unsaved():
            self._fill()

    def _moved(self, current: QListWidgetItem | None, _previous: object) -> None:
        target = current.data(KIND_ROLE) if current is not None else None
        if not self._keep_unsaved(target):
            self._show_current()

    def _keep_unsaved(self, select: Prompt | None = None) -> bool:
        """Save the editor's valid, unsaved changes before it shows something else; True
        when it did (the list was filled again, ``select`` chosen)."""
        if self._filling or not self.editor.unsaved() or not self.editor.can_save():
            return False
        self.save(self.editor.draft(), select=select)
        return True

    def done(self, result: int) -> None:
        self._keep_unsaved()
        super().done(result)

    def _show_current(self) -> None:
        prompt = self._current()
        self.editor.show_prompt(prompt, self.kind)
        self.duplicate_button.setEnabled(prompt is not None)
        self.delete_button.setEnabled(prompt is not None and not prompt.builtin)

    def _name_taken(self, name: str, kind: Kind) -> bool:
        return any(
            p.name.casefold() == name.casefold() for p in self.book.prompts(kind) if not p.builtin
        )

    # -- changes -------------------------------------------------------------------
    def new_prompt(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.editor.show_prompt(None, self.kind)
        self.editor.name.setFocus()

    def save(self, draft: Prompt, select: Prompt | None = None) -> None:
        """Keep ``draft`` in place of the prompt being edited (or as a new one), then show
        ``select`` (default: the draft)."""
        mine = self.book.own()
        editing = self.editor.prompt
        index = next((i for i, p in enumerate(mine) if editing is not None and p == editing), None)
        if index is None:
            mine.append(draft)
        else:
            mine[index] = draft
        if self._write(mine, select or draft):
            self._say(self.tr("Saved “{name}”.").format(name=draft.name))

    def duplicate(self) -> None:
        prompt = self._current()
        if prompt is None:
            return
        mine = self.book.own()
        name = unique_name(prompt.name, (p.name for p in self.book.prompts(prompt.kind)))
        copy = replace(prompt, name=name, builtin=False)
        self._write([*mine, copy], copy)
        self.editor.name.setFocus()
        self.editor.name.selectAll()

    def delete(self, prompt: Prompt) -> None:
        self._write([p for p in self.book.own() if p != prompt], None)
        self._say(self.tr("Deleted “{name}”.").format(name=prompt.name))

    def _ask_delete(self) -> None:
        prompt = self._current()
        if prompt is None or prompt.builtin:
            return
        box = self.question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete"),
            self.tr("Delete “{name}”? This cannot be undone.").format(name=prompt.name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.clicked.connect(lambda: self.delete(prompt))
        box.open()

    def _write(self, prompts: list[Prompt], select: Prompt | None) -> bool:
        self._writing = True
        try:
            self.book.store.replace_all(prompts)
        except OSError as error:
            self._say(
                self.tr("Could not save the library: {error}").format(error=error), problem=True
            )
            return False
        finally:
            self._writing = False
        self._fill(select)
        return True

    # -- import and export ---------------------------------------------------------
    def import_path(self, path: Path) -> None:
        """Add the prompts of ``path``; the status line says what happened."""
        try:
            outcome = self.book.store.import_file(path)
        except (OSError, ValueError) as error:
            self._say(
                self.tr("{file} was not imported: {reason}. Your library is unchanged.").format(
                    file=path.name, reason=translated(error)
                ),
                problem=True,
            )
            return
        words = [
            counted(
                outcome.added, self.tr("Imported 1 prompt."), self.tr("Imported {count} prompts.")
            )
        ]
        if outcome.renamed:
            words.append(
                self.tr("Names already in use were kept beside the old ones: {names}.").format(
                    names=", ".join(f"“{new}”" for _, new in outcome.renamed)
                )
            )
        if outcome.skipped:
            words.append(
                counted(
                    outcome.skipped,
                    self.tr("1 was already in the library."),
                    self.tr("{count} were already in the library."),
                )
            )
        self._say(" ".join(words))

    def export_path(self, path: Path) -> None:
        try:
            count = self.book.store.export_file(path)
        except OSError as error:
            self._say(self.tr("Could not export: {error}").format(error=error), problem=True)
            return
        self._say(
            counted(
                count,
                self.tr("Exported 1 prompt to {{file}}."),
                self.tr("Exported {count} prompts to {{file}}."),
            ).format(file=path.name)
        )

    def _choose_import(self) -> None:
        dialog = self._file_dialog(self.tr("Import prompts"), QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(lambda name: self.import_path(Path(name)))
        dialog.open()

    def _choose_export(self) -> None:
        dialog = self._file_dialog(self.tr("Export prompts"), QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.selectFile("parley-prompts.json")
        dialog.fileSelected.connect(lambda name: self.export_path(Path(name)))
        dialog.open()

    def _file_dialog(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        dialog = self.file_dialog = QFileDialog(self, title)
        dialog.setAcceptMode(mode)
        dialog.setNameFilters([self.tr("Prompt libraries (*.json)"), self.tr("All files (*)")])
        return dialog

    def _say(self, words: str, *, problem: bool = False) -> None:
        self.status.setText(words)
        self.status.setProperty("problem", problem)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
