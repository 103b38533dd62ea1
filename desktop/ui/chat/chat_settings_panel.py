"""Per-conversation settings: system prompt and sampling parameters, "Default" when unset.

The Persona combo above the system prompt fills it from a preset (desktop/ui/chat/
prompt_persona.py); editing the prompt afterwards shows "Custom". The Documents row picks
the collections the conversation draws on (once the app gave the library).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.core.chat_parameters import DEFAULT_CONTEXT_WINDOW, ChatParameters
from desktop.ui.chat.composer.tools_chooser import ToolsChooser
from desktop.ui.chat.prompts.prompt_persona import PersonaChooser
from desktop.ui.documents.collections_chooser import CollectionsChooser
from desktop.ui.strings import relabel_row

if TYPE_CHECKING:
    from desktop.ui.chat.prompts.prompt_book import PromptBook
    from desktop.ui.documents.library import DocumentLibrary

SAVE_DELAY_MS = 400
MAX_CONTEXT = 1 << 21
MAX_SEED = (1 << 31) - 1


def _number(minimum: float, maximum: float, step: float, default_text: str) -> QDoubleSpinBox:
    """A spin box whose lowest value (one step below ``minimum``) means "default"."""
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(minimum - step, maximum)
    box.setSingleStep(step)
    box.setSpecialValueText(default_text)
    box.setValue(box.minimum())
    return box


def _whole(minimum: int, maximum: int, step: int, special_text: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setSingleStep(step)
    box.setSpecialValueText(special_text)
    box.setValue(minimum)
    return box


class ChatSettingsPanel(QFrame):
    parametersChanged = Signal(object)  # ChatParameters
    systemPromptChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatSettings")
        self._think: bool | str | None = None
        self._loading = False
        form = QFormLayout(self)
        form.setContentsMargins(12, 6, 12, 6)
        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setPlaceholderText(
            self.tr("Optional: how the model should behave in this conversation")
        )
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        self.system_prompt.setMaximumHeight(70)
        self.persona = PersonaChooser(self.system_prompt)
        form.addRow(self.tr("Persona"), self.persona)
        form.addRow(self.tr("System prompt"), self.system_prompt)
        default = self.tr("Default")
        self.temperature = _number(0.0, 2.0, 0.1, default)
        self.temperature.setAccessibleName(self.tr("Temperature"))
        self.temperature.setToolTip(self.tr("Higher is more varied, lower more focused"))
        self.top_p = _number(0.0, 1.0, 0.05, default)
        self.top_p.setAccessibleName(self.tr("Top P"))
        self.context = _whole(0, MAX_CONTEXT, 1024, self.tr("Auto"))
        self.context.setAccessibleName(self.tr("Context window in tokens"))
        self.context.setToolTip(
            self.tr(
                "Tokens the model can see at once. Auto: the model's own window, "
                "at most {n}. Always sent to Ollama, so nothing is cut silently."
            ).format(n=DEFAULT_CONTEXT_WINDOW)
        )
        self.seed = _whole(-1, MAX_SEED, 1, self.tr("Random"))
        self.seed.setAccessibleName(self.tr("Seed"))
        self.max_tokens = _whole(0, 1 << 20, 256, self.tr("No limit"))
        self.max_tokens.setAccessibleName(self.tr("Maximum answer length in tokens"))
        row1 = self.row1 = QHBoxLayout()
        row1.addWidget(self.temperature)
        row1.addWidget(self.top_p)
        form.addRow(self.tr("Temperature · Top P"), row1)
        form.addRow(self.tr("Context window"), self.context)
        row2 = self.row2 = QHBoxLayout()
        row2.addWidget(self.seed)
        row2.addWidget(self.max_tokens)
        form.addRow(self.tr("Seed · Max tokens"), row2)
        self.tools = ToolsChooser()
        self.tools.choiceChanged.connect(self._changed)
        form.addRow(self.tr("Tools"), self.tools)
        self.collections = CollectionsChooser()
        self.collections.choiceChanged.connect(self._changed)
        form.addRow(self.tr("Collections"), self.collections)

        self._prompt_timer = QTimer(self)
        self._prompt_timer.setSingleShot(True)
        self._prompt_timer.setInterval(SAVE_DELAY_MS)
        self._prompt_timer.timeout.connect(
            lambda: self.systemPromptChanged.emit(self.system_prompt.toPlainText())
        )
        self.system_prompt.textChanged.connect(self._prompt_edited)
        # A persona chosen takes effect at once, even for a message sent right after it.
        self.persona.activated.connect(lambda _row: self.flush())
        for box in (self.temperature, self.top_p):
            box.valueChanged.connect(self._changed)
        for spin in (self.context, self.seed, self.max_tokens):
            spin.valueChanged.connect(self._changed)

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.system_prompt.setPlaceholderText(
            self.tr("Optional: how the model should behave in this conversation")
        )
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        relabel_row(self.system_prompt, self.tr("System prompt"))
        relabel_row(self.persona, self.tr("Persona"))
        self.temperature.setAccessibleName(self.tr("Temperature"))
        self.temperature.setToolTip(self.tr("Higher is more varied, lower more focused"))
        self.top_p.setAccessibleName(self.tr("Top P"))
        self.context.setAccessibleName(self.tr("Context window in tokens"))
        self.context.setToolTip(
            self.tr(
                "Tokens the model can see at once. Auto: the model's own window, "
                "at most {n}. Always sent to Ollama, so nothing is cut silently."
            ).format(n=DEFAULT_CONTEXT_WINDOW)
        )
        self.seed.setAccessibleName(self.tr("Seed"))
        self.max_tokens.setAccessibleName(self.tr("Maximum answer length in tokens"))
        relabel_row(self.context, self.tr("Context window"))
        relabel_row(self.row1, self.tr("Temperature · Top P"))
        relabel_row(self.row2, self.tr("Seed · Max tokens"))
        relabel_row(self.tools, self.tr("Tools"))
        relabel_row(self.collections, self.tr("Collections"))
        for box in (self.temperature, self.top_p):
            box.setSpecialValueText(self.tr("Default"))
        self.context.setSpecialValueText(self.tr("Auto"))
        self.seed.setSpecialValueText(self.tr("Random"))
        self.max_tokens.setSpecialValueText(self.tr("No limit"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def use_prompts(self, book: PromptBook) -> None:
        """Offer the library's personas (the built-in ones are offered without it)."""
        self.persona.use_prompts(book)

    def use_documents(self, library: DocumentLibrary) -> None:
        """Offer the library's collections for this conversation to draw on."""
        self.collections.use_library(library)

    def load(self, parameters: ChatParameters, system_prompt: str) -> None:
        """Show a conversation's settings without reporting them as changes."""
        self._loading = True
        try:
            self._think = parameters.think
            self.system_prompt.setPlainText(system_prompt)
            self.temperature.setValue(
                self.temperature.minimum()
                if parameters.temperature is None
                else parameters.temperature
            )
            self.top_p.setValue(
                self.top_p.minimum() if parameters.top_p is None else parameters.top_p
            )
            self.context.setValue(parameters.num_ctx or 0)
            self.seed.setValue(-1 if parameters.seed is None else parameters.seed)
            self.max_tokens.setValue(parameters.max_tokens or 0)
            self.tools.load(parameters.tool_servers, parameters.tools_off)
            self.collections.load(parameters.collections)
        finally:
            self._loading = False
        self._prompt_timer.stop()

    def parameters(self) -> ChatParameters:
        def number(box: QDoubleSpinBox) -> float | None:
            return None if box.value() <= box.minimum() else round(box.value(), 2)

        return ChatParameters(
            temperature=number(self.temperature),
            top_p=number(self.top_p),
            num_ctx=self.context.value() or None,
            seed=None if self.seed.value() < 0 else self.seed.value(),
            max_tokens=self.max_tokens.value() or None,
            think=self._think,
            tool_servers=self.tools.choice()[0],
            tools_off=self.tools.choice()[1],
            collections=self.collections.choice(),
        )

    def set_think(self, think: bool | str | None) -> None:
        self._think = think
        if not self._loading:
            self.parametersChanged.emit(self.parameters())

    def flush(self) -> None:
        """Report a system prompt edit still waiting for its save delay."""
        if self._prompt_timer.isActive():
            self._prompt_timer.stop()
            self.systemPromptChanged.emit(self.system_prompt.toPlainText())

    def _prompt_edited(self) -> None:
        if not self._loading:
            self._prompt_timer.start()

    def _changed(self, *_: object) -> None:
        if not self._loading:
            self.parametersChanged.emit(self.parameters())
