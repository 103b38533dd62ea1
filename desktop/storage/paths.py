"""Where Parley keeps its files, per platform conventions.

``PARLEY_CONFIG_DIR`` / ``PARLEY_DATA_DIR`` override everything (tests and portable
installs use them); otherwise XDG on Linux, Application Support on macOS, AppData on
Windows.
"""

from __future__ import annotations

import contextlib
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


# Conversations and their pictures are the person's alone: owner-only on POSIX.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
GROUP_AND_OTHERS = 0o077


def _posix() -> bool:
    return os.name == "posix"


def private_dir(path: Path) -> Path:
    """``path`` created if missing (parents too) and made owner-only (0700 when new;
    an existing folder loses what group and others may do)."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if _posix():
        # A folder of someone else's (a shared PARLEY_DATA_DIR) is theirs to set.
        with contextlib.suppress(PermissionError):
            _tighten(path)
    return path


def private_file(path: Path) -> Path:
    """``path`` created empty if missing (0600), and made owner-only either way.

    Created before SQLite opens it, so its ``-wal`` and ``-shm`` files, which SQLite
    gives the database's own permissions, are owner-only from their first byte.
    """
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(descriptor)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """An existing file made owner-only (written by an older version, or under a lax
    umask). Absent files, and files this user may not change, are left to their owner."""
    if _posix():
        with contextlib.suppress(FileNotFoundError, PermissionError):
            _tighten(path)


def _tighten(path: Path) -> None:
    """Take every permission away from group and others; the owner's stay as they are."""
    mode = path.stat().st_mode & 0o777
    if mode & GROUP_AND_OTHERS:
        os.chmod(path, mode & ~GROUP_AND_OTHERS)
