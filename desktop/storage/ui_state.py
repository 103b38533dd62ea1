"""What the window remembers about itself, apart from the person's preferences.

Geometry, splitter sizes, the sidebar's state and the last conversation change all the
time and mean nothing to move to another machine; preferences (settings.json) change
when the person decides. Kept as JSON in the state dir, written atomically, loaded
leniently like the settings (a bad value falls back to its default). The first load
without a file takes the old fields from settings.json, where they used to live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.storage.json_codec import decode, encode
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.settings import default_settings_path
from desktop.storage.state_paths import state_dir

LEGACY_FIELDS = ("window_geometry", "splitter_sizes", "last_conversation_id")


@dataclass
class UiState:
    window_geometry: str = ""
    """Base64 of Qt's saveGeometry(); opaque here."""
    splitter_sizes: list[int] = field(default_factory=list)
    last_conversation_id: int | None = None
    sidebar_collapsed: bool = False
    settings_section: str = ""
    """The Settings page's last section key ("" = the first one)."""
    schema: int = 1


def default_ui_state_path() -> Path:
    return state_dir() / "ui_state.json"


class UiStateStore:
    """``load()`` never fails; ``save()`` is atomic."""

    def __init__(self, path: Path, *, legacy_settings_path: Path | None = None) -> None:
        self.path = path
        self.legacy_settings_path = legacy_settings_path
        """settings.json to read the old fields from when ``path`` does not exist yet;
        None: :func:`desktop.storage.settings.default_settings_path`."""

    def load(self) -> UiState:
        remove_interrupted_writes(self.path)
        raw = _read_object(self.path)
        if raw is None:
            legacy = _read_object(self.legacy_settings_path or default_settings_path()) or {}
            raw = {name: legacy[name] for name in LEGACY_FIELDS if name in legacy}
        return decode(UiState, raw, [])

    def save(self, state: UiState) -> None:
        write_json_object(self.path, encode(state))


def _read_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; {} when it is damaged, None when it is missing."""
    try:
        return read_json_object(path)
    except (OSError, ValueError):
        return {}
