"""The person's preferences as a typed, observable dataclass, kept as JSON in the config dir.

Loading never fails: a missing file gives defaults, a damaged one is kept aside and
explained, a value of the wrong type falls back to that field's default. Saving is
atomic, so a crash leaves either the old file or the new one. ``settings.subscribe(cb)``
calls ``cb(field_name)`` after each change (see desktop.storage.observable).
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import tempfile
import types
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from desktop.core.provider_config import AzureMode, ProviderConfig
from desktop.storage.observable import Observable
from desktop.storage.paths import config_dir
from desktop.storage.quarantine import move_aside

_T = TypeVar("_T")


@dataclass
class ProviderEntry:
    """One configured provider as JSON-friendly data: ProviderConfig's fields, no API key.

    The key lives in the OS keyring under :attr:`key_name`; ``key_host`` is the host the
    person confirmed it for. Lists and a header mapping stand in for the config's tuples.
    """

    id: str = ""
    preset: str = "custom"
    name: str = ""
    base_url: str = ""
    enabled: bool = True
    auth: str = ""
    key_host: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    proxy_url: str = ""
    use_system_proxy: bool = True
    ca_bundle: str = ""
    allow_self_signed: bool = False
    azure_mode: str = AzureMode.DEPLOYMENT.value
    api_version: str = ""
    deployments: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    vision_models: list[str] = field(default_factory=list)
    blind_models: list[str] = field(default_factory=list)
    timeout_seconds: float = 120.0
    key_id: str = ""
    """This instance's own keyring entry name (see :func:`new_key_id`); empty in entries
    written before it existed, whose key is still under ``id`` until it is moved."""

    @property
    def key_name(self) -> str:
        """The keyring entry of this provider's API key."""
        return self.key_id or self.id

    def to_config(self) -> ProviderConfig:
        values = dataclasses.asdict(self)
        del values["key_id"]
        values["headers"] = tuple(self.headers.items())
        for name in ("deployments", "models", "vision_models", "blind_models"):
            values[name] = tuple(values[name])
        return ProviderConfig(**values)

    @classmethod
    def from_config(cls, config: ProviderConfig) -> ProviderEntry:
        values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
        values["headers"] = dict(config.headers)
        values["key_id"] = ""
        for name in ("deployments", "models", "vision_models", "blind_models"):
            values[name] = list(values[name])
        return cls(**values)


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
    providers: list[ProviderEntry] = field(default_factory=list)
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
    schema: int = 1


def default_settings_path() -> Path:
    return config_dir() / "settings.json"


def _conforms(value: object, annotation: Any) -> bool:
    """Whether a JSON value fits a field annotation (bool is not accepted as a number).

    A nested dataclass conforms when it is an object; its own fields are checked one by
    one when it is built (see :func:`_build`).
    """
    origin = get_origin(annotation)
    if annotation is type(None):
        return value is None
    if origin in (Union, types.UnionType):
        return any(_conforms(value, option) for option in get_args(annotation))
    if origin is list:
        (item,) = get_args(annotation)
        if dataclasses.is_dataclass(item):
            return isinstance(value, list)  # a bad entry is dropped alone, in _convert
        return isinstance(value, list) and all(_conforms(element, item) for element in value)
    if origin is dict:
        key_type, item = get_args(annotation)
        return isinstance(value, dict) and all(
            _conforms(key, key_type) and _conforms(element, item) for key, element in value.items()
        )
    if dataclasses.is_dataclass(annotation):
        return isinstance(value, dict)
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


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_interrupted_writes(path: Path) -> None:
    """Delete temporary files a killed save of ``path`` left behind.

    They are incomplete copies that never replaced ``path``. Call this only while no
    other save of ``path`` can run (at startup, under the single-instance lock).
    """
    with suppress(OSError):
        for leftover in path.parent.glob(f"{_temporary_prefix(path)}*.tmp"):
            with suppress(OSError):
                leftover.unlink()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=_temporary_prefix(path), suffix=".tmp")
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
        remove_interrupted_writes(self.path)
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
        rejected: list[str] = []
        settings = _build(Settings, raw, "", rejected)
        if rejected:
            self.load_problem = (
                f"Some settings in {self.path.name} had invalid values and were reset to "
                f"their defaults: {', '.join(rejected)}."
            )
        return settings


def _build(kind: type[_T], raw: dict[str, Any], prefix: str, rejected: list[str]) -> _T:
    """``kind`` from a JSON object, field by field: a bad value falls back to its default
    and its dotted name goes to ``rejected``; unknown keys are ignored."""
    hints = get_type_hints(kind)
    values: dict[str, Any] = {}
    for data_field in dataclasses.fields(kind):  # type: ignore[arg-type]
        name = data_field.name
        if name not in raw:
            continue
        if _conforms(raw[name], hints[name]):
            values[name] = _convert(raw[name], hints[name], f"{prefix}{name}", rejected)
        else:
            rejected.append(f"{prefix}{name}")
    return kind(**values)


def _convert(value: Any, annotation: Any, name: str, rejected: list[str]) -> Any:
    """A conforming JSON value as the annotation's type (nested dataclasses are built)."""
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return _build(annotation, value, f"{name}.", rejected)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        kept: list[Any] = []
        for index, element in enumerate(value):
            if _conforms(element, item):
                kept.append(_convert(element, item, f"{name}[{index}]", rejected))
            else:
                rejected.append(f"{name}[{index}]")
        return kept
    if get_origin(annotation) is dict:
        return dict(value)
    return value
