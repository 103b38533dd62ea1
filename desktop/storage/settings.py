"""The person's preferences as a typed, observable dataclass, kept as JSON in the config dir.

Loading never fails: a missing file gives defaults, a damaged one is kept aside and
explained, a value of the wrong type falls back to that field's default. Saving is
atomic, so a crash leaves either the old file or the new one. ``settings.subscribe(cb)``
calls ``cb(field_name)`` after each change (see desktop.storage.observable).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import words_of
from desktop.core.provider_config import ProviderConfig
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.json_codec import decode, encode
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.observable import Observable
from desktop.storage.paths import config_dir
from desktop.storage.quarantine import set_aside


def new_key_id(provider_id: str) -> str:
    """A keyring entry name no other provider instance, in this or any earlier
    configuration, has used: a removed provider's leftover key is never taken for a new
    one's (defect 20)."""
    return f"{provider_id}.{secrets.token_hex(6)}"


@dataclass
class Settings(Observable):
    ollama_host: str = ""
    """Empty means OLLAMA_HOST, or Ollama's default when that is unset."""
    ollama_enabled: bool = True
    """Whether the local Ollama (``ollama_host``) is offered in the model picker."""
    providers: list[ProviderConfig] = field(default_factory=list)
    default_provider: str = ""
    """Provider id of the default model; empty: the local Ollama."""
    default_model: str = ""
    last_model: str = ""
    last_provider: str = ""
    """Provider id of ``last_model``; empty: the local Ollama."""
    image_max_edge: int = 2048
    """Attached images are scaled down to at most this many pixels on their longest edge."""
    language: str = ""
    """Empty: follow the system language; else a translation's code ("en", "zh_CN")."""
    theme: str = ""
    """Empty: follow the system's light or dark scheme; else "light" or "dark"."""
    tool_round_cap: int = 10
    """The most rounds of tool calls one answer may make (the tool loop stops it then)."""
    tools_read_only_allowed: bool = False
    """Tools their server marks read-only run without asking (the person opted in)."""
    backup_daily: bool = True
    """A backup of the history each day, the last 7 kept (desktop.storage.backup_schedule)."""
    backup_folder: str = ""
    """Where backups go; empty: ``backups`` in the data folder."""
    embedding_provider: str = ""
    """Provider id of the model that embeds documents; empty: the local Ollama."""
    embedding_model: str = ""
    """The model that embeds documents' chunks and questions; empty: none chosen yet."""
    embedding_remote_consent: list[str] = field(default_factory=list)
    """Provider ids the person agreed may receive documents' text (remote embedders)."""
    schema: int = 1


def default_settings_path() -> Path:
    return config_dir() / "settings.json"


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: Text | None = None
        """After :meth:`load`, a plain explanation of anything that was wrong, else None."""

    def load(self) -> Settings:
        self.load_problem = None
        remove_interrupted_writes(self.path)
        try:
            raw = read_json_object(self.path)
        except (OSError, ValueError) as error:
            self._keep_bad_file(error)
            return Settings()
        return Settings() if raw is None else self._from_mapping(raw)

    def save(self, settings: Settings) -> None:
        write_json_object(self.path, encode(settings))

    def _keep_bad_file(self, error: Exception) -> None:
        reason = text(
            QT_TRANSLATE_NOOP(
                "core", "{file} could not be read ({error}); default settings are in use."
            ),
            file=self.path.name,
            error=words_of(error),
        )
        self.load_problem = set_aside(self.path, reason)

    def _from_mapping(self, raw: dict[str, object]) -> Settings:
        rejected: list[str] = []
        settings = decode(Settings, raw, rejected)
        if rejected:
            self.load_problem = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Some settings in {file} had invalid values and were reset to their "
                    "defaults: {names}.",
                ),
                file=self.path.name,
                names=Text.plain(", ".join(rejected)),
            )
        return settings
