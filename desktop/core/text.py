"""Words for a person as data: a key and parameters, put into a language by the UI.

core, providers and storage cannot call Qt's tr(). They build a :class:`Text` instead: its
key is the English template with named fields ("{where} refused access (HTTP {status})."),
which is also the source Qt's translator looks the sentence up by (context ``core``); its
parameters are values, or Texts themselves ("where" is "{service} at {url}"). What a server
said travels apart, in the error's ``detail``, and is never translated.

desktop/ui/strings.py is the one place a Text becomes words in the language in use;
``str(text)`` gives the English (logs, tests). ``to_json``/``from_json`` let history keep an
error as a key and parameters, so it reads in today's language when the conversation is
opened again.

Templates are marked with :func:`QT_TRANSLATE_NOOP`, a plain function here: lupdate reads
source text, finds the marks and lists the templates in the .ts, so no catalog is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

CONTEXT = "core"
"""The translation context of every template marked in core, providers and storage."""

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

Param = Union[str, int, float, "Text"]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate (under ``context``) and returns it unchanged."""
    return source


@dataclass(frozen=True)
class Text:
    """A sentence to show: its template (the key) and the values of its fields."""

    key: str
    params: Mapping[str, Param] = field(default_factory=dict)
    translated: bool = True
    """False for words that are shown as they are (a server's message, a file name)."""

    @classmethod
    def plain(cls, words: str) -> Text:
        """Words that are never translated (and may contain braces)."""
        return cls(words, {}, translated=False)

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence with ``translate`` applied to this template and every nested one."""
        if not self.translated:
            return self.key
        values = {
            name: value.render(translate) if isinstance(value, Text) else _plain(value)
            for name, value in self.params.items()
        }
        return fill(translate(self.key), values)

    def __str__(self) -> str:
        return self.render(lambda key: key)

    def __bool__(self) -> bool:
        """False for the empty Text (no words at all)."""
        return bool(self.key)

    def replaced(self, old: str, new: str) -> Text:
        """This Text with ``old`` replaced in every value and plain words (a secret masked)."""
        if not self.translated:
            return Text.plain(self.key.replace(old, new))
        params: dict[str, Param] = {
            name: value.replaced(old, new)
            if isinstance(value, Text)
            else value.replace(old, new)
            if isinstance(value, str)
            else value
            for name, value in self.params.items()
        }
        return Text(self.key, params)

    def to_json(self) -> dict[str, Any]:
        if not self.translated:
            return {"plain": self.key}
        params = {
            name: value.to_json() if isinstance(value, Text) else value
            for name, value in self.params.items()
        }
        return {"key": self.key, "params": params}

    @classmethod
    def from_json(cls, data: object) -> Text:
        """The Text ``to_json`` wrote; anything else (an old row's plain text) as plain words."""
        if isinstance(data, str):
            return cls.plain(data)
        if not isinstance(data, dict):
            return cls.plain(str(data))
        if "plain" in data:
            return cls.plain(str(data["plain"]))
        raw = data.get("params")
        params: dict[str, Param] = {}
        for name, value in raw.items() if isinstance(raw, dict) else ():
            if isinstance(value, dict):
                params[str(name)] = cls.from_json(value)
            elif isinstance(value, str | int | float):
                params[str(name)] = value
            else:
                params[str(name)] = str(value)
        return cls(str(data.get("key", "")), params)


NOTHING = Text.plain("")
"""No words: an empty message."""


def text(key: str, **params: Param) -> Text:
    """``Text(key, params)``: for call sites that read better with keywords."""
    return Text(key, params)


def as_text(words: str | Text) -> Text:
    """A Text for ``words``; a str is taken as words shown as they are."""
    return words if isinstance(words, Text) else Text.plain(words)


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced; unknown fields and other braces kept."""
    return _FIELD.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def _plain(value: str | int | float) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
