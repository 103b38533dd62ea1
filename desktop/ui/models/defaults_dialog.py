"""What a new chat with one model starts with: system prompt, sampling, context, thinking.

    ┌ Defaults for new chats with qwen3:4b ──────────────────────┐
    │ System prompt   [You answer in one short paragraph.     ]  │
    │ Temperature     [0.30 ]   Top P [Default]                  │
    │ Context window  [16384]                                    │
    │ Seed            [Random]  Max tokens [No limit]            │
    │ Thinking        [As the model does ▾]                      │
    │ Chats already started keep their own settings.             │
    │ [Clear]                               [Cancel] [Save]      │
    └────────────────────────────────────────────────────────────┘

Unlike a variant, nothing is sent to Ollama: the values are kept in Parley and copied into
a chat when the model is picked for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat_parameters import THINK_LEVELS, ChatParameters
from desktop.core.model_defaults import ModelDefaults
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.theme import PRIMARY, QUIET, set_kind

MAX_CONTEXT = 1 << 21
MAX_SEED = (1 << 31) - 1


def _decimal(minimum: float, maximum: float, step: float) -> QDoubleSpinBox:
    """Its lowest value (one step below ``minimum``) means "the model's default"."""
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(minimum - step, maximum)
    box.setSingleStep(step)
    box.setValue(box.minimum())
    return box


def _whole(minimum: int, maximum: int, step: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setSingleStep(step)
    box.setValue(minimum)
    return box


class ModelDefaultsDialog(QDialog):
    saved = Signal(object)  # ModelDefaults (empty: cleared)

    def __init__(
        self,
        model: str,
        defaults: ModelDefaults | None,
        *,
        can_think: bool = True,
        leveled: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("defaultsDialog")
        self.model = model
        self.heading = QLabel()
        self.heading.setObjectName("variantHeading")
        self.system_edit = QPlainTextEdit()
        self.system_edit.setObjectName("variantSystem")
        self.system_edit.setTabChangesFocus(True)
        self.system_edit.setMaximumHeight(110)
        self.temperature = _decimal(0.0, 2.0, 0.1)
        self.top_p = _decimal(0.0, 1.0, 0.05)
        self.context = _whole(0, MAX_CONTEXT, 1024)
        self.seed = _whole(-1, MAX_SEED, 1)
        self.max_tokens = _whole(0, 1 << 20, 256)
        self.think = QComboBox()
        self._think_values: list[bool | str | None] = [None]
        if can_think:
            self._think_values += [*THINK_LEVELS, False] if leveled else [True, False]
        for _value in self._think_values:
            self.think.addItem("")
        self.think.setEnabled(can_think)
        self.note = WrappingLabel()
        self.note.setObjectName("variantStatus")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        set_kind(self.save_button, PRIMARY)
        self.clear_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ResetRole)
        set_kind(self.clear_button, QUIET)

        self.labels = [QLabel() for _ in range(6)]
        self.pair_labels = [QLabel(), QLabel()]
        sampling = QHBoxLayout()
        sampling.addWidget(self.temperature, 1)
        sampling.addWidget(self.pair_labels[0])
        sampling.addWidget(self.top_p, 1)
        limits = QHBoxLayout()
        limits.addWidget(self.seed, 1)
        limits.addWidget(self.pair_labels[1])
        limits.addWidget(self.max_tokens, 1)
        form = QFormLayout()
        form.addRow(self.labels[0], self.system_edit)
        form.addRow(self.labels[1], sampling)
        form.addRow(self.labels[2], self.context)
        form.addRow(self.labels[3], limits)
        form.addRow(self.labels[4], self.think)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(lambda: self.load(ModelDefaults()))
        self.retranslate()
        self.load(defaults or ModelDefaults())
        self.resize(560, 420)

    def retranslate(self) -> None:
        """Every text in the language in use (at start, and after a switch)."""
        self.setWindowTitle(self.tr("Defaults for new chats"))
        self.heading.setText(self.tr("Defaults for new chats with {name}").format(name=self.model))
        words = (
            self.tr("System prompt"),
            self.tr("Temperature"),
            self.tr("Context window"),
            self.tr("Seed"),
            self.tr("Thinking"),
        )
        for label, text in zip(self.labels, words, strict=False):
            label.setText(text)
        self.pair_labels[0].setText(self.tr("Top P"))
        self.pair_labels[1].setText(self.tr("Max tokens"))
        self.system_edit.setPlaceholderText(
            self.tr("What the model is told at the start of each new chat (optional)")
        )
        for box in (self.temperature, self.top_p):
            box.setSpecialValueText(self.tr("Default"))
        self.temperature.setAccessibleName(self.tr("Temperature"))
        self.top_p.setAccessibleName(self.tr("Top P"))
        self.context.setSpecialValueText(self.tr("Auto"))
        self.context.setAccessibleName(self.tr("Context window in tokens"))
        self.seed.setSpecialValueText(self.tr("Random"))
        self.max_tokens.setSpecialValueText(self.tr("No limit"))
        names: dict[bool | str | None, str] = {
            None: self.tr("As the model does"),
            True: self.tr("On"),
            False: self.tr("Off"),
            "low": self.tr("Low"),
            "medium": self.tr("Medium"),
            "high": self.tr("High"),
        }
        for index, value in enumerate(self._think_values):
            self.think.setItemText(index, names[value])
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(
            self.tr("New chats with this model start with the usual settings")
        )
        self.note.setText(
            self.tr(
                "A new chat takes these when this model is picked for it. Chats already "
                "started keep their own settings. Nothing is sent to Ollama."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def load(self, defaults: ModelDefaults) -> None:
        parameters = defaults.parameters
        self.system_edit.setPlainText(defaults.system_prompt)
        for box, value in (
            (self.temperature, parameters.temperature),
            (self.top_p, parameters.top_p),
        ):
            box.setValue(box.minimum() if value is None else value)
        self.context.setValue(parameters.num_ctx or 0)
        self.seed.setValue(-1 if parameters.seed is None else parameters.seed)
        self.max_tokens.setValue(parameters.max_tokens or 0)
        think = parameters.think if parameters.think in self._think_values else None
        self.think.setCurrentIndex(self._think_values.index(think))

    def defaults(self) -> ModelDefaults:
        """What the fields say now."""

        def number(box: QDoubleSpinBox) -> float | None:
            return None if box.value() <= box.minimum() else round(box.value(), 2)

        parameters = ChatParameters(
            temperature=number(self.temperature),
            top_p=number(self.top_p),
            num_ctx=self.context.value() or None,
            seed=None if self.seed.value() < 0 else self.seed.value(),
            max_tokens=self.max_tokens.value() or None,
            think=self._think_values[self.think.currentIndex()],
        )
        return ModelDefaults(parameters, self.system_edit.toPlainText().strip())

    def _save(self) -> None:
        self.saved.emit(self.defaults())
        self.accept()
