"""Where Parley keeps its files, per platform conventions.

``PARLEY_CONFIG_DIR`` / ``PARLEY_DATA_DIR`` override everything (tests and portable
installs use them); otherwise XDG on Linux, Application Support on macOS, AppData on
Windows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "parley"


def _platform_base(xdg_var: str, linux_default: str, mac_sub: str, win_var: str) -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get(win_var) or Path.home() / "AppData" / "Roaming")
    if sys.platform == "darwin":
        return Path.home() / "Library" / mac_sub
    return Path(os.environ.get(xdg_var) or Path.home() / linux_default)


def config_dir() -> Path:
    override = os.environ.get("PARLEY_CONFIG_DIR")
    if override:
        return Path(override)
    base = _platform_base("XDG_CONFIG_HOME", ".config", "Preferences", "APPDATA")
    return base / APP_DIR_NAME


def data_dir() -> Path:
    override = os.environ.get("PARLEY_DATA_DIR")
    if override:
        return Path(override)
    base = _platform_base("XDG_DATA_HOME", ".local/share", "Application Support", "LOCALAPPDATA")
    return base / APP_DIR_NAME
