"""Where Parley keeps what it remembers about itself: window layout and logs.

XDG's state dir on Linux (``~/.local/state/parley``), the data dir elsewhere.
``PARLEY_STATE_DIR`` overrides it; a portable install or a test that moved the data dir
(``PARLEY_DATA_DIR``) keeps its state beside its data, under ``state/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.storage.paths import APP_DIR_NAME, data_dir


def state_dir() -> Path:
    override = os.environ.get("PARLEY_STATE_DIR")
    if override:
        return Path(override)
    if os.environ.get("PARLEY_DATA_DIR") or sys.platform in ("win32", "darwin"):
        return data_dir() / "state"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP_DIR_NAME


def logs_dir() -> Path:
    return state_dir() / "logs"
