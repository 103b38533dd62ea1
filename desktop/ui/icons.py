"""The application icon, from resources/ in a checkout or the installed theme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def app_icon() -> QIcon:
    svg = _RESOURCES / "icons" / "parley.svg"
    return QIcon(str(svg)) if svg.exists() else QIcon.fromTheme("parley")
