"""The person's prompt library in one JSON file beside the settings (atomic writes).

The file holds the exchange document of desktop.core.prompt_library, so a copy of it can
be imported elsewhere as it is. A damaged file, or one written by a newer Parley, is
moved aside (never deleted) and explained in ``load_problem``; the library then starts
empty and Parley's built-in prompts are still there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from desktop.core.errors import words_of
from desktop.core.prompt_library import (
    ImportOutcome,
    Prompt,
    export_document,
    merge,
    parse_document,
)
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.paths import config_dir
from desktop.storage.quarantine import set_aside


def default_prompt_library_path() -> Path:
    return config_dir() / "prompts.json"


class PromptLibraryStore:
    """The person's own prompts and personas (not the built-in ones), in their order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: Text | None = None
        self._prompts: list[Prompt] = []
        self._listeners: list[Callable[[], None]] = []
        self._load()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` after each saved change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def prompts(self) -> list[Prompt]:
        return list(self._prompts)

    def replace_all(self, prompts: Iterable[Prompt]) -> None:
        """Keep ``prompts`` (in this order) as the library and save it."""
        kept = [p for p in prompts if not p.builtin]
        write_json_object(self.path, export_document(kept))
        self._prompts = kept
        for listener in list(self._listeners):
            listener()

    def import_file(self, path: Path) -> ImportOutcome:
        """Add the prompts of an exchange file (see core.prompt_library.merge) and save.

        Raises OSError or ValueError (PromptFileProblem among them) with the library as it
        was when the file cannot be read or is not a prompt library.
        """
        raw = json.loads(path.read_bytes().decode("utf-8"))
        outcome = merge(self._prompts, parse_document(raw))
        if outcome.added:
            self.replace_all(outcome.prompts)
        return outcome

    def export_file(self, path: Path, prompts: Iterable[Prompt] | None = None) -> int:
        """Write ``prompts`` (default: the whole library) as an exchange file; how many."""
        document = export_document(self._prompts if prompts is None else prompts)
        write_json_object(path, document)
        return len(document["prompts"])

    def _load(self) -> None:
        remove_interrupted_writes(self.path)
        try:
            raw = read_json_object(self.path)
            if raw is None:
                return
            self._prompts = parse_document(raw)
        except (OSError, ValueError) as error:
            reason = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The prompt library {file} could not be read ({error}); it starts empty.",
                ),
                file=self.path.name,
                error=words_of(error),
            )
            self.load_problem = set_aside(self.path, reason)
