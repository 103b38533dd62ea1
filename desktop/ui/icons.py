"""The application icon, from resources/ (checkout or bundle) or the installed theme."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop.resources import resource_path


def app_icon() -> QIcon:
    svg = resource_path("icons", "parley.svg")
    return QIcon(str(svg)) if svg.exists() else QIcon.fromTheme("parley")
