"""Per-model defaults for new chats in one JSON file beside the settings (atomic writes).

    {"version": 1, "models": {"ollama-local\\tqwen3:4b": {"parameters": {...},
                                                       "system_prompt": "..."}}}

Keyed by provider id and model name. A damaged file is moved aside (never deleted) and
explained in ``load_problem``; new chats then start with the plain defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.errors import words_of
from desktop.core.model_defaults import ModelDefaults
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.paths import config_dir
from desktop.storage.quarantine import set_aside

FORMAT_VERSION = 1


def default_model_defaults_path() -> Path:
    return config_dir() / "model-defaults.json"


def _key(provider_id: str, model: str) -> str:
    return f"{provider_id}\t{model}"


class ModelDefaultsStore:
    """Satisfies desktop.core.model_defaults.ModelDefaultsBook."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: Text | None = None
        self._models: dict[str, ModelDefaults] = {}
        self._listeners: list[Callable[[str, str], None]] = []
        self._load()

    def subscribe(self, listener: Callable[[str, str], None]) -> None:
        """``listener(provider_id, model)`` after each saved change."""
        self._listeners.append(listener)

    def defaults_for(self, provider_id: str, model: str) -> ModelDefaults | None:
        return self._models.get(_key(provider_id, model))

    def set_defaults(self, provider_id: str, model: str, defaults: ModelDefaults) -> None:
        """Keep ``defaults`` for the model (empty defaults remove its entry) and save."""
        key = _key(provider_id, model)
        if defaults:
            self._models[key] = defaults
        else:
            self._models.pop(key, None)
        models = {name: entry.to_mapping() for name, entry in sorted(self._models.items())}
        write_json_object(self.path, {"version": FORMAT_VERSION, "models": models})
        for listener in self._listeners:
            listener(provider_id, model)

    def _load(self) -> None:
        remove_interrupted_writes(self.path)
        try:
            raw: dict[str, Any] | None = read_json_object(self.path)
        except (OSError, ValueError) as error:
            reason = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The per-model defaults {file} could not be read ({error}); "
                    "new chats start with the usual settings.",
                ),
                file=self.path.name,
                error=words_of(error),
            )
            self.load_problem = set_aside(self.path, reason)
            return
        models = raw.get("models") if raw else None
        if not isinstance(models, dict):
            return
        for key, entry in models.items():
            defaults = ModelDefaults.from_mapping(entry)
            if isinstance(key, str) and "\t" in key and defaults:
                self._models[key] = defaults
