"""Moving a damaged file out of the way without ever deleting or overwriting anything."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from desktop.core.text import QT_TRANSLATE_NOOP, Text, text


def move_aside(path: Path, label: str, companions: Sequence[str] = ()) -> Path:
    """Rename ``path`` to ``<name>.<label>-<local timestamp>`` next to it and return the new path.

    Each existing companion file ``<path><suffix>`` (e.g. SQLite's ``-wal``) moves along
    to ``<new path><suffix>`` so the set stays usable together. A counter is appended
    when the name is taken, so an earlier casualty is never overwritten.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{path.name}.{label}-{stamp}"
    target = path.with_name(base)
    counter = 2
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", *companions)):
        target = path.with_name(f"{base}-{counter}")
        counter += 1
    os.rename(path, target)
    for suffix in companions:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.rename(companion, Path(f"{target}{suffix}"))
    return target


def set_aside(path: Path, reason: Text) -> Text:
    """Move a file that could not be read out of the way (kept for the person, never
    deleted) and say so: ``reason``, then where the file went or why it stayed."""
    try:
        kept = move_aside(path, "bad")
    except OSError as error:
        return text(
            QT_TRANSLATE_NOOP("core", "{reason} The file could not be moved aside: {error}."),
            reason=reason,
            error=Text.plain(str(error)),
        )
    return text(
        QT_TRANSLATE_NOOP("core", "{reason} The old file was kept as {kept}."),
        reason=reason,
        kept=Text.plain(str(kept)),
    )
