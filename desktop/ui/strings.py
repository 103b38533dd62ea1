"""The one place where the Qt-free layers' Texts (errors, notices, explanations) become words.

A :class:`~desktop.core.text.Text` carries its English template as key and its values
apart; here the template, and each nested one, is looked up in the installed translator
(context ``core``) and the values are filled in. Words marked plain (a server's own
message, a file name) are shown as they are. Widgets keep the Text and call :func:`translated`
again on ``QEvent.LanguageChange``, so a message already on screen follows a switch.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

from desktop.core.errors import ParleyError
from desktop.core.text import CONTEXT, Text


def _translate(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, key)


def translated(words: Text | str | BaseException | None) -> str:
    """``words`` in the language in use: a Text translated, an error's text, a str as is."""
    if words is None:
        return ""
    if isinstance(words, ParleyError):
        words = words.text
    elif isinstance(words, BaseException):
        return str(words)
    if isinstance(words, str):
        return words
    return words.render(_translate)


def number(value: int) -> str:
    """A count as the language in use writes it (1,234 / 1,234)."""
    return QLocale().toString(value)


def counted(count: int, one: str, many: str) -> str:
    """``one`` (already translated) for 1, else ``many``, with ``{count}`` filled in (other
    fields stay for the caller, written ``{{name}}`` in both): English has two forms, and
    Qt's %n without an English catalog gives "1 prompts"."""
    return (one if count == 1 else many).format(count=number(count))


def provider_name(name: str) -> str:
    """A provider's name: a preset's descriptive name ("LiteLLM proxy") in the language in
    use; brands and names people typed stay as they are."""
    return QCoreApplication.translate(CONTEXT, name) if name else name


def add_named_row(form: QFormLayout, field: QWidget | QLayout) -> None:
    """A form row whose label a retranslate() fills in (see relabel_row); the label is the
    field's buddy, so a screen reader reads it as the field's name."""
    label = QLabel()
    if isinstance(field, QWidget):
        label.setBuddy(field)
    form.addRow(label, field)


def relabel_row(field: QWidget | QLayout, text: str) -> None:
    """Set the label a QFormLayout shows beside ``field`` (forms own those labels)."""
    parent = field.parentWidget()
    while parent is not None:
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)
                return
        parent = parent.parentWidget()


def text_of(words: Text | str | BaseException | None) -> Text:
    """``words`` as a Text to keep and translate again later (an error's ``text``)."""
    if isinstance(words, Text):
        return words
    if isinstance(words, ParleyError):
        return words.text
    return Text.plain("" if words is None else str(words))
