"""One JSON object in one file: written atomically, read without surprises.

Settings, the window's state and the download queue each keep a small JSON file. A save
writes a temporary file beside it, syncs it and renames it over the old one, so a crash
leaves either the old file or the new one, never half of either; a killed save's
temporary file is removed at the next start (:func:`remove_interrupted_writes`).
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from desktop.core.errors import FileShapeProblem
from desktop.core.text import QT_TRANSLATE_NOOP, Text


def read_json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None when there is no file.

    Raises OSError or ValueError (UnicodeDecodeError and JSONDecodeError are ValueErrors)
    when the file cannot be read or does not hold a JSON object.
    """
    try:
        raw: Any = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    if not isinstance(raw, dict):
        raise FileShapeProblem(Text(QT_TRANSLATE_NOOP("core", "it does not hold a JSON object")))
    return raw


def write_json_object(path: Path, document: dict[str, Any]) -> None:
    """Replace ``path`` with ``document`` (indented, UTF-8, readable non-ASCII) atomically."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
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


def remove_interrupted_writes(path: Path) -> None:
    """Delete temporary files a killed save of ``path`` left behind.

    They are incomplete copies that never replaced ``path``. Call this only while no
    other save of ``path`` can run (at startup, under the single-instance lock).
    """
    with suppress(OSError):
        for leftover in path.parent.glob(f"{_temporary_prefix(path)}*.tmp"):
            with suppress(OSError):
                leftover.unlink()


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def _fsync_directory(directory: Path) -> None:
    """Makes a rename durable; directories cannot be opened this way on Windows."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
