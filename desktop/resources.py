"""Finds Parley's resources/ folder (icons, translations, desktop entry) without Qt.

In a checkout it sits beside the ``desktop`` package; in a PyInstaller bundle the spec
copies it next to the bundled modules, under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a resource; callers check ``exists()`` (a wheel install ships none)."""
    return resources_dir().joinpath(*parts)
