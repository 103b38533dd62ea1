"""Saved prompts and personas: variables, filling them in, and the JSON people exchange.

A *prompt* is text the person inserts into the composer (with ``/`` and its name); a
*persona* is a system prompt preset for a chat. Both may hold variables written
``{{topic}}``; :func:`fill` puts the person's values in their place.

The exchange format (also the library file's format)::

    {"format": "parley-prompts", "version": 1,
     "prompts": [{"name": "...", "text": "...", "kind": "prompt", "tags": ["..."]}]}

A newer version, another shape, or a prompt without a name or text is refused with a
:class:`PromptFileProblem` saying what is wrong; nothing is half imported. On import a name
already in the library is kept once when the text is the same, and otherwise the imported
one is kept beside it under a new name ("Name (2)"): nothing is lost or overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from desktop.core.errors import FileShapeProblem
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

FORMAT = "parley-prompts"
FORMAT_VERSION = 1
Kind = Literal["prompt", "persona"]
KINDS: tuple[Kind, ...] = ("prompt", "persona")

_VARIABLE = re.compile(r"\{\{\s*([^{}\s][^{}]*?)\s*\}\}")
MAX_NAME = 200


class PromptFileProblem(FileShapeProblem):
    """A prompt file (or a prompt's text) is not what Parley can read; ``text`` says why."""


@dataclass(frozen=True)
class Prompt:
    name: str
    text: str
    kind: Kind = "prompt"
    tags: tuple[str, ...] = ()
    builtin: bool = field(default=False, compare=False)
    """Shipped with Parley (shown in the person's language, read-only, never exported)."""

    @property
    def variables(self) -> list[str]:
        return variables(self.text)

    def to_mapping(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": self.name, "text": self.text, "kind": self.kind}
        if self.tags:
            entry["tags"] = list(self.tags)
        return entry


def variables(template: str) -> list[str]:
    """The names of ``template``'s ``{{variables}}``, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for match in _VARIABLE.finditer(template):
        seen.setdefault(match.group(1), None)
    return list(seen)


def unmatched_braces(template: str) -> int | None:
    """Where a ``{{`` without its ``}}`` (or a ``}}`` without its ``{{``) starts; None
    when every variable is closed. Such text is still inserted as it is."""
    rest = _VARIABLE.sub(lambda m: " " * len(m.group(0)), template)
    positions = [i for i in (rest.find("{{"), rest.find("}}")) if i >= 0]
    return min(positions) if positions else None


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by ``values[name]``; a variable without
    a value stays as written, so nothing typed is lost."""

    def value(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    return _VARIABLE.sub(value, template)


def matching(prompts: Iterable[Prompt], query: str) -> list[Prompt]:
    """The prompts whose name (or a tag) contains ``query``, case-insensitively: names that
    start with it first, then the rest, each group in the given order."""
    wanted = query.strip().casefold()
    first: list[Prompt] = []
    then: list[Prompt] = []
    for prompt in prompts:
        name = prompt.name.casefold()
        if name.startswith(wanted):
            first.append(prompt)
        elif wanted in name or any(wanted in tag.casefold() for tag in prompt.tags):
            then.append(prompt)
    return first + then


def unique_name(name: str, taken: Iterable[str]) -> str:
    """``name``, or "name (2)", "name (3)"… when it is taken (case-insensitively)."""
    used = {n.casefold() for n in taken}
    if name.casefold() not in used:
        return name
    base = re.sub(r" \(\d+\)$", "", name)
    counter = 2
    while f"{base} ({counter})".casefold() in used:
        counter += 1
    return f"{base} ({counter})"


def export_document(prompts: Iterable[Prompt]) -> dict[str, Any]:
    """The exchange document of ``prompts`` (built-in ones are left out)."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "prompts": [p.to_mapping() for p in prompts if not p.builtin],
    }


def parse_document(raw: object) -> list[Prompt]:
    """The prompts of an exchange document; PromptFileProblem when it is not one."""
    if isinstance(raw, list):  # a bare list of prompts, as other apps export them
        raw = {"version": FORMAT_VERSION, "prompts": raw}
    if not isinstance(raw, dict):
        raise _problem(QT_TRANSLATE_NOOP("core", "it does not hold a JSON object"))
    version = raw.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise _problem(QT_TRANSLATE_NOOP("core", "its version is not a number"))
    if version > FORMAT_VERSION:
        raise PromptFileProblem(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "it was written by a newer Parley (prompt format {version}; "
                    "this one reads up to {supported})",
                ),
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    if raw.get("format", FORMAT) != FORMAT:
        raise PromptFileProblem(
            text(
                QT_TRANSLATE_NOOP("core", "it is a {format} file, not a prompt library"),
                format=Text.plain(str(raw.get("format"))[:80]),
            )
        )
    entries = raw.get("prompts")
    if not isinstance(entries, list):
        raise _problem(QT_TRANSLATE_NOOP("core", "it has no list of prompts"))
    return [_prompt_from(entry, number) for number, entry in enumerate(entries, 1)]


def _prompt_from(entry: object, number: int) -> Prompt:
    if not isinstance(entry, dict):
        raise _entry_problem(number, QT_TRANSLATE_NOOP("core", "it is not an object"))
    name, body = entry.get("name"), entry.get("text", entry.get("content"))
    if not isinstance(name, str) or not name.strip():
        raise _entry_problem(number, QT_TRANSLATE_NOOP("core", "it has no name"))
    if not isinstance(body, str) or not body.strip():
        raise _entry_problem(number, QT_TRANSLATE_NOOP("core", "it has no text"))
    kind = entry.get("kind", "prompt")
    if kind not in KINDS:
        raise _entry_problem(number, QT_TRANSLATE_NOOP("core", "its kind is not prompt or persona"))
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _entry_problem(number, QT_TRANSLATE_NOOP("core", "its tags are not a list of words"))
    return Prompt(name.strip()[:MAX_NAME], body, kind, tuple(t.strip() for t in tags if t.strip()))


def _problem(reason: str) -> PromptFileProblem:
    return PromptFileProblem(Text(reason))


def _entry_problem(number: int, reason: str) -> PromptFileProblem:
    return PromptFileProblem(
        text(
            QT_TRANSLATE_NOOP("core", "prompt number {number} cannot be read: {reason}"),
            number=number,
            reason=Text(reason),
        )
    )


@dataclass(frozen=True)
class ImportOutcome:
    prompts: list[Prompt]
    """The library after the import."""
    added: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    """(name in the file, name it was kept under) for names already in use."""
    skipped: int = 0
    """Prompts already in the library with the same name and text."""


def merge(library: Sequence[Prompt], incoming: Iterable[Prompt]) -> ImportOutcome:
    """``library`` with ``incoming`` added by the rule in the module docstring."""
    result = list(library)
    added = skipped = 0
    renamed: list[tuple[str, str]] = []
    for prompt in incoming:
        same = next(
            (
                p
                for p in result
                if p.kind == prompt.kind and p.name.casefold() == prompt.name.casefold()
            ),
            None,
        )
        if same is not None and same.text == prompt.text:
            skipped += 1
            continue
        name = unique_name(prompt.name, (p.name for p in result if p.kind == prompt.kind))
        if name != prompt.name:
            renamed.append((prompt.name, name))
        result.append(replace(prompt, name=name, builtin=False))
        added += 1
    return ImportOutcome(result, added, renamed, skipped)
