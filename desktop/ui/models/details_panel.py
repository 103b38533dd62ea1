"""Everything about the selected model, and what a person can do with it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model_records import LocalModel, ModelDetails
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.formatting import format_bytes, format_date
from desktop.ui.icons import icon
from desktop.ui.models.capability_badges import capability_label, embedding_only
from desktop.ui.models.model_explanation import fit_sentence, name_parts
from desktop.ui.theme import DESTRUCTIVE, PRIMARY, QUIET, set_kind

LONG_TEXT = 4000
DEFAULTS_LINK = "parley:defaults"
INFO_VALUE = 120
DOCUMENT_STYLE = """
h4 { font-size: 10pt; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }
td { padding: 1px 12px 1px 0; vertical-align: top; }
pre { font-size: 9pt; }
"""
"""Sizes and spacing only: the colours come from the palette, so a change of look applies."""


def _pre(text: str) -> str:
    shown = text if len(text) <= LONG_TEXT else text[:LONG_TEXT] + "\n…"
    return f"<pre style='white-space: pre-wrap'>{html.escape(shown)}</pre>"


def _heading(title: str) -> str:
    return f"<h4>{html.escape(title)}</h4>"


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(value)}</td></tr>"
        for key, value in pairs
    )
    return f"<table>{cells}</table>"


class ModelDetailsPanel(QWidget):
    """The selected model: its name whole, its figures, its actions, then everything else."""

    chatRequested = Signal(str)
    deleteRequested = Signal(object)  # LocalModel
    copyRequested = Signal(object)
    renameRequested = Signal(object)
    variantRequested = Signal(str)  # the model a variant is made from
    editRequested = Signal(str)  # a variant to edit in place
    defaultsRequested = Signal(str)  # the model whose defaults for new chats to edit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: LocalModel | None = None
        self._details: ModelDetails | None = None
        self.memory_html: Callable[[LocalModel, ModelDetails | None], str] | None = None
        """The Memory section (estimate beside Ollama's measurement); None: the estimate."""
        self.defaults_html: Callable[[LocalModel], str] | None = None
        """What a new chat with the model starts with; None: no such section."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 8)
        layout.setSpacing(6)

        top = QHBoxLayout()
        top.setSpacing(4)
        self.name_label = WrappingLabel()
        self.name_label.setObjectName("detailName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.name_label, 1)
        self.copy_name_button = QToolButton()
        self.copy_name_button.setIcon(icon("copy", "muted"))
        set_kind(self.copy_name_button, QUIET)
        top.addWidget(self.copy_name_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.facts_label = WrappingLabel()
        self.facts_label.setObjectName("detailFacts")
        layout.addWidget(self.facts_label)
        self.capabilities_label = WrappingLabel()
        self.capabilities_label.setObjectName("detailCapabilities")
        layout.addWidget(self.capabilities_label)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 4, 0, 4)
        self.chat_button = QPushButton(icon("message-square", "accent_text"), "")
        set_kind(self.chat_button, PRIMARY)
        self.copy_button = QPushButton()
        self.rename_button = QPushButton()
        set_kind(self.copy_button, QUIET)
        set_kind(self.rename_button, QUIET)
        self.variant_button = QPushButton()
        self.edit_button = QPushButton()
        set_kind(self.variant_button, QUIET)
        set_kind(self.edit_button, QUIET)
        self.delete_button = QPushButton(icon("trash-2", "warning"), "")
        set_kind(self.delete_button, DESTRUCTIVE)
        for button in (
            self.chat_button,
            self.copy_button,
            self.rename_button,
            self.variant_button,
            self.edit_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)

        self.view = QTextBrowser()
        self.view.setObjectName("modelFacts")
        self.view.setOpenExternalLinks(False)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMinimumHeight(36)  # it scrolls; the page must fit 640 px high
        self.view.document().setDefaultStyleSheet(DOCUMENT_STYLE)
        self.view.document().setDocumentMargin(2)
        layout.addWidget(self.view, 1)
        self._header = (
            self.name_label,
            self.copy_name_button,
            self.facts_label,
            self.capabilities_label,
            self.chat_button,
            self.copy_button,
            self.rename_button,
            self.variant_button,
            self.delete_button,
        )
        self.chat_button.clicked.connect(lambda: self._emit_name(self.chatRequested))
        self.copy_name_button.clicked.connect(self.copy_name)
        self.copy_button.clicked.connect(lambda: self._emit_model(self.copyRequested))
        self.rename_button.clicked.connect(lambda: self._emit_model(self.renameRequested))
        self.delete_button.clicked.connect(lambda: self._emit_model(self.deleteRequested))
        self.variant_button.clicked.connect(lambda: self._emit_name(self.variantRequested))
        self.edit_button.clicked.connect(lambda: self._emit_name(self.editRequested))
        self.view.setOpenLinks(False)  # its one link opens the defaults, never a page
        self.view.anchorClicked.connect(self._link_clicked)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the language in use (at start, and after a switch)."""
        self.copy_name_button.setToolTip(self.tr("Copy name"))
        self.copy_name_button.setAccessibleName(self.tr("Copy the model's name"))
        self.chat_button.setText(self.tr("Chat"))
        self.chat_button.setAccessibleName(self.tr("Chat with this model"))
        self.copy_button.setText(self.tr("Copy…"))
        self.copy_button.setAccessibleName(self.tr("Copy the model under a new name"))
        self.rename_button.setText(self.tr("Rename…"))
        self.variant_button.setText(self.tr("Variant…"))
        self.variant_button.setToolTip(
            self.tr("Make a new model from this one with your own system prompt and parameters")
        )
        self.edit_button.setText(self.tr("Edit…"))
        self.edit_button.setToolTip(
            self.tr("Change this variant's system prompt, parameters or template")
        )
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the model from Ollama"))
        self.view.setAccessibleName(self.tr("Details of the selected model"))
        self.show_model(self._model, self._details)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def model(self) -> LocalModel | None:
        return self._model

    def show_model(self, model: LocalModel | None, details: ModelDetails | None = None) -> None:
        self._model, self._details = model, details
        for widget in self._header:
            widget.setVisible(model is not None)
            widget.setEnabled(model is not None)
        self.edit_button.hide()  # shown below for a variant whose details are known
        if model is None:
            hint = self.tr("Select a model to see what it is and what it needs.")
            self.view.setHtml(f"<p style='margin-top:24px'>{html.escape(hint)}</p>")
            return
        capabilities = details.capabilities if details else model.capabilities
        self.name_label.setText(breakable(model.name))
        self.name_label.setAccessibleName(model.name)
        self.facts_label.setText(self._facts(model))
        self.capabilities_label.setText(self._can(capabilities))
        self.capabilities_label.setVisible(bool(capabilities))
        chat = not embedding_only(capabilities)
        self.chat_button.setEnabled(chat)
        self.edit_button.setVisible(bool(details and details.parent_model))
        self.chat_button.setToolTip(
            self.tr("Chat with this model")
            if chat
            else self.tr("An embedding model turns text into numbers; it cannot chat.")
        )
        self.view.setHtml(self._html(model, details))

    def refresh(self) -> None:
        """Show the selected model again (its measurement or defaults changed)."""
        self.show_model(self._model, self._details)

    def show_details(self, digest: str, details: ModelDetails) -> None:
        """Details arrived from the background; shown if they belong to the selected model."""
        if self._model is not None and self._model.digest == digest:
            self.show_model(self._model, details)

    def copy_name(self) -> None:
        if self._model is not None:
            QGuiApplication.clipboard().setText(self._model.name)

    def text(self) -> str:
        """Everything shown about the model, as plain text (the header, then the rest)."""
        if self._model is None:
            return self.view.toPlainText()
        head = [self._model.name, self.facts_label.text(), self.capabilities_label.text()]
        return "\n".join([*head, self.view.toPlainText()])

    def open_defaults(self) -> None:
        """The defaults for new chats with the selected model, to edit."""
        self._emit_name(self.defaultsRequested)

    def _link_clicked(self, url: QUrl) -> None:
        if url.toString() == DEFAULTS_LINK:
            self.open_defaults()

    def _emit_name(self, signal: SignalInstance) -> None:
        if self._model is not None:
            signal.emit(self._model.name)

    def _emit_model(self, signal: SignalInstance) -> None:
        if self._model is not None:
            signal.emit(self._model)

    def _facts(self, model: LocalModel) -> str:
        parts = [
            self.tr("{count} parameters").format(count=model.parameter_size)
            if model.parameter_size
            else "",
            model.quantization,
            self.tr("{size} on disk").format(size=format_bytes(model.size)),
            model.family,
        ]
        return " · ".join(part for part in parts if part)

    def _can(self, capabilities: tuple[str, ...]) -> str:
        words = " · ".join(capability_label(c) for c in capabilities)
        if embedding_only(capabilities):
            return self.tr("Embedding model: turns text into numbers for search; cannot chat.")
        return self.tr("Can: {list}").format(list=words)

    def _html(self, model: LocalModel, details: ModelDetails | None) -> str:
        facts = [
            (self.tr("Size on disk"), format_bytes(model.size)),
            (self.tr("Digest"), model.digest),
            (self.tr("Modified"), format_date(model.modified_at)),
            (self.tr("Family"), model.family or "?"),
            (self.tr("Parameters"), model.parameter_size or "?"),
            (self.tr("Quantization"), model.quantization or "?"),
            (self.tr("Format"), model.format or "?"),
        ]
        parts = [_heading(self.tr("Memory"))]
        if self.memory_html is not None:
            parts.append(self.memory_html(model, details))
        else:
            parts.append(f"<p>{html.escape(fit_sentence(model, details))}</p>")
        if self.defaults_html is not None and not embedding_only(model.capabilities):
            parts.append(_heading(self.tr("Defaults for new chats")))
            parts.append(self.defaults_html(model))
            change = html.escape(self.tr("Set the defaults for new chats…"))
            parts.append(f"<p><a href='{DEFAULTS_LINK}'>{change}</a></p>")
        parts.append(_heading(self.tr("What the name says")))
        parts.append(_rows(name_parts(model.name)))
        parts.append(_heading(self.tr("Facts")))
        parts.append(_rows(facts))
        if details is None:
            loading = self.tr("Loading details from Ollama…")
            parts.append(f"<p><i>{html.escape(loading)}</i></p>")
            return "".join(parts)
        parts.append(self._capabilities_html(details))
        numbers = [
            (self.tr("Context length"), _number(details.context_length)),
            (self.tr("Embedding length"), _number(details.embedding_length)),
            (self.tr("Architecture"), details.architecture or "?"),
        ]
        parts.append(_rows(numbers))
        for title, text in (
            (self.tr("Parameters"), details.parameters),
            (self.tr("System prompt"), details.system),
            (self.tr("Template"), details.template),
            (self.tr("License"), details.license),
        ):
            if text:
                parts.append(_heading(title) + _pre(text))
        if details.model_info:
            info = [(key, _info_value(value)) for key, value in sorted(details.model_info.items())]
            parts.append(_heading(self.tr("Model info")) + _rows(info))
        return "".join(parts)

    def _capabilities_html(self, details: ModelDetails) -> str:
        words = ", ".join(capability_label(c) for c in details.capabilities) or "?"
        text = self.tr("Capabilities: {list}.").format(list=words)
        if embedding_only(details.capabilities):
            text += " " + self.tr(
                "This is an embedding model: it turns text into numbers for search and "
                "retrieval, and cannot chat."
            )
        return _heading(self.tr("Capabilities")) + f"<p>{html.escape(text)}</p>"


def breakable(name: str) -> str:
    """The name with a zero-width break after each ``/`` so a long hf.co/… name wraps
    between its parts instead of running off the panel."""
    return name.replace("/", "/\u200b")


def _number(value: int | None) -> str:
    return f"{value:,}" if value is not None else "?"


def _info_value(value: object) -> str:
    text = str(value)
    return text if len(text) <= INFO_VALUE else text[:INFO_VALUE] + "…"
