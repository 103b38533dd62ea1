"""The person's preferences as a typed dataclass, kept as JSON in the config dir.

Loading never fails: a missing file gives defaults, a damaged one is kept aside and
explained, a value of the wrong type falls back to that field's default. Saving is
atomic, so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import types
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from desktop.storage.paths import config_dir
from desktop.storage.quarantine import move_aside


@dataclass
class Settings:
    ollama_host: str = ""
    """Empty means OLLAMA_HOST, or Ollama's default when that is unset."""
    last_model: str = ""
    last_conversation_id: int | None = None
    window_geometry: str = ""
    """Base64 of Qt's saveGeometry(); opaque here."""
    splitter_sizes: list[int] = field(default_factory=list)
    schema: int = 1


def default_settings_path() -> Path:
    return config_dir() / "settings.json"


def _conforms(value: object, annotation: Any) -> bool:
    """Whether a JSON value fits a field annotation (bool is not accepted as a number)."""
    origin = get_origin(annotation)
    if annotation is type(None):
        return value is None
    if origin in (Union, types.UnionType):
        return any(_conforms(value, option) for option in get_args(annotation))
    if origin is list:
        (item,) = get_args(annotation)
        return isinstance(value, list) and all(_conforms(element, item) for element in value)
    if annotation is bool or annotation is str:
        return isinstance(value, annotation)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    raise TypeError(f"Settings cannot check a field of type {annotation!r}; teach _conforms")


def _fsync_directory(directory: Path) -> None:
    """Makes a rename durable; directories cannot be opened this way on Windows."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: str | None = None
        """After :meth:`load`, a plain explanation of anything that was wrong, else None."""

    def load(self) -> Settings:
        self.load_problem = None
        try:
            raw: Any = json.loads(self.path.read_bytes().decode("utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("it does not hold a JSON object")
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError) as error:
            self._keep_bad_file(error)
            return Settings()
        return self._from_mapping(raw)

    def save(self, settings: Settings) -> None:
        text = json.dumps(dataclasses.asdict(settings), indent=2, ensure_ascii=False) + "\n"
        _write_atomically(self.path, text.encode("utf-8"))

    def _keep_bad_file(self, error: Exception) -> None:
        reason = f"{self.path.name} could not be read ({error}); default settings are in use."
        try:
            kept = move_aside(self.path, "bad")
        except OSError as move_error:
            self.load_problem = f"{reason} The file could not be moved aside: {move_error}."
        else:
            self.load_problem = f"{reason} The old file was kept as {kept}."

    def _from_mapping(self, raw: dict[str, Any]) -> Settings:
        hints = get_type_hints(Settings)
        values: dict[str, Any] = {}
        rejected: list[str] = []
        for settings_field in dataclasses.fields(Settings):
            name = settings_field.name
            if name not in raw:
                continue
            if _conforms(raw[name], hints[name]):
                values[name] = raw[name]
            else:
                rejected.append(name)
        if rejected:
            self.load_problem = (
                f"Some settings in {self.path.name} had invalid values and were reset to "
                f"their defaults: {', '.join(rejected)}."
            )
        return Settings(**values)
