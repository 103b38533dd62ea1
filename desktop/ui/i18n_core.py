"""Translate sentences that come from the Qt-free modules (errors, model explanations, notices).

Those modules build English text, often with values filled in ("Ollama at
http://127.0.0.1:11434 refused access (HTTP 401). …"). The catalog holds each sentence as
a template with named fields; a message is matched against the templates, the template is
translated with Qt's translator (context "core") and the matched values are put back,
themselves translated when they are sentences too. Text that matches nothing is shown as
it is, so a sentence missing from the catalog stays readable English.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QCoreApplication

from desktop.ui.i18n_catalog import TEMPLATES

CONTEXT = "core"
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MAX_DEPTH = 3


class _Template:
    def __init__(self, source: str) -> None:
        self.source = source
        pattern: list[str] = []
        seen: set[str] = set()
        position = 0
        for match in _FIELD.finditer(source):
            pattern.append(re.escape(source[position : match.start()]))
            name = match.group(1)
            pattern.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            position = match.end()
        pattern.append(re.escape(source[position:]))
        self.regex = re.compile("".join(pattern), re.DOTALL)
        literals = _FIELD.split(source)[::2]
        self.anchor = max(literals, key=len)
        """The longest fixed piece: a cheap test before the regex."""
        self.weight = len(_FIELD.sub("", source))
        """How much fixed text it has: the most specific template is tried first."""


@cache
def _templates() -> tuple[dict[str, str], tuple[_Template, ...]]:
    plain: dict[str, str] = {}
    patterned: list[_Template] = []
    for entry in TEMPLATES:
        text = str(entry)
        if _FIELD.search(text):
            patterned.append(_Template(text))
        else:
            plain[text] = text
    patterned.sort(key=lambda template: template.weight, reverse=True)
    return plain, tuple(patterned)


def _translate(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def core_text(text: str, _depth: int = 0) -> str:
    """``text`` in the current language when it is a known sentence; otherwise unchanged."""
    stripped = text.strip()
    if not stripped or _depth > _MAX_DEPTH:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    plain, patterned = _templates()
    if stripped in plain:
        return lead + _translate(stripped) + trail
    for template in patterned:
        if template.anchor not in stripped:
            continue
        match = template.regex.fullmatch(stripped)
        if match is None:
            continue
        values = {name: core_text(value, _depth + 1) for name, value in match.groupdict().items()}
        return lead + _fill(_translate(template.source), values) + trail
    return text


def _fill(translated: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), translated)
