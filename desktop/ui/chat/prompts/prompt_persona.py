"""The Persona combo of the chat settings: picking one puts its text in the system prompt.

It follows the system prompt field it fills: the persona whose text it holds is shown,
"None" when it is empty, "Custom" once it was edited into something else. The last entry
opens the library window on its Personas tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from desktop.core.prompt_library import Prompt
from desktop.core.prompt_presets import builtin_prompts
from desktop.core.text import CONTEXT

if TYPE_CHECKING:
    from desktop.ui.chat.prompts.prompt_book import PromptBook

NONE, CUSTOM, MANAGE = "none", "custom", "manage"


class PersonaChooser(QComboBox):
    def __init__(self, field: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personaChooser")
        self.field = field
        self.book: PromptBook | None = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(self._chosen)
        field.textChanged.connect(self.follow)
        self.retranslate()

    def use_prompts(self, book: PromptBook) -> None:
        self.book = book
        book.changed.connect(self._fill)
        self._fill()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.setAccessibleName(self.tr("Persona"))
        self.setToolTip(self.tr("A preset system prompt for this chat"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def personas(self) -> list[Prompt]:
        if self.book is not None:
            return self.book.prompts("persona")
        translate = lambda key: QCoreApplication.translate(CONTEXT, key)  # noqa: E731
        return [p for p in builtin_prompts(translate) if p.kind == "persona"]

    def _fill(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("None"), NONE)
        for persona in self.personas():
            self.addItem(persona.name, persona)
            self.setItemData(self.count() - 1, persona.text[:400], Qt.ItemDataRole.ToolTipRole)
        self.addItem(self.tr("Custom"), CUSTOM)
        model = self.model()
        if isinstance(model, QStandardItemModel):  # shown, never chosen
            custom = model.item(self.count() - 1)
            custom.setFlags(custom.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        if self.book is not None:
            self.insertSeparator(self.count())
            self.addItem(self.tr("Manage personas…"), MANAGE)
        self.blockSignals(False)
        self.follow()

    def follow(self) -> None:
        """Show which persona the system prompt holds (None, one of them, or Custom)."""
        words = self.field.toPlainText()
        index = 0
        if words.strip():
            index = self.findData(CUSTOM)
            for row in range(self.count()):
                persona = self.itemData(row)
                if isinstance(persona, Prompt) and persona.text == words:
                    index = row
                    break
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _chosen(self, row: int) -> None:
        data = self.itemData(row)
        if data == MANAGE:
            self.follow()
            if self.book is not None:
                self.book.show_window(self.window(), kind="persona")
        elif data == NONE:
            self.field.setPlainText("")
        elif isinstance(data, Prompt):
            self.field.setPlainText(data.text)
