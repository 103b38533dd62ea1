"""Parley's icons: the app icon, and the interface icons drawn in the look's colours.

The interface icons are Lucide's SVGs (ISC licence, resources/icons/ui/LICENSE), drawn in
``currentColor``. :func:`icon` returns a QIcon whose engine paints the SVG in the colour
role it was asked for (the text colour unless told), read from the look in force when it
paints: switching light/dark repaints every icon in its new colour without rebuilding
anything. Disabled icons take the muted colour, checked ones the selected colour.

Cost, measured here (December 2026, a loaded 2-core machine): QtSvg's import ~1 ms, this
module a few ms beyond what the app imports anyway, the first ten icons 6-16 ms. qtawesome
1.4.2 with Phosphor: ~550-600 ms to import (QtPy, its fonts' charmaps) and ~100 ms for the
first ten icons.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.resources import resource_path
from desktop.ui.design import Colors, colors_for

NAMES = frozenset(
    {
        "arrow-down",
        "arrow-up",
        "box",
        "brain",
        "check",
        "chevron-down",
        "chevron-left",
        "chevron-right",
        "chevron-up",
        "circle-alert",
        "cloud",
        "copy",
        "cpu",
        "download",
        "ellipsis",
        "external-link",
        "eye",
        "file-text",
        "folder-open",
        "image-plus",
        "info",
        "keyboard",
        "lock",
        "log-out",
        "message-square",
        "panel-left",
        "paperclip",
        "pencil",
        "pin",
        "plug",
        "refresh-cw",
        "search",
        "server",
        "settings",
        "share",
        "sparkles",
        "square",
        "square-pen",
        "trash-2",
        "triangle-alert",
        "wrench",
        "x",
    }
)
"""The icons shipped in resources/icons/ui (Lucide's names)."""


def app_icon() -> QIcon:
    svg = resource_path("icons", "parley.svg")
    return QIcon(str(svg)) if svg.exists() else QIcon.fromTheme("parley")


def icon(name: str, role: str = "text", checked_role: str = "selected_text") -> QIcon:
    """The Lucide icon ``name`` drawn in the colour role ``role`` of the look in force.

    ``checked_role`` colours it while its button is checked (a rail entry, a toggle).
    """
    if name not in NAMES:
        raise KeyError(f"no icon named {name!r} in resources/icons/ui")
    for field in (role, checked_role):
        if field not in Colors.__dataclass_fields__:
            raise KeyError(f"no colour role {field!r}")
    return QIcon(ThemedSvgEngine(name, role, checked_role))


def current_colors() -> Colors:
    app = QGuiApplication.instance()
    return colors_for(bool(app is not None and app.property("parleyDark")))


class ThemedSvgEngine(QIconEngine):
    """Paints one SVG in a colour role of the current look; pixmaps cached per colour."""

    def __init__(self, name: str, role: str, checked_role: str) -> None:
        super().__init__()
        self._name = name
        self._role = role
        self._checked_role = checked_role
        self._pixmaps: dict[tuple[int, int, str], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return ThemedSvgEngine(self._name, self._role, self._checked_role)

    def key(self) -> str:
        return "parley-svg"

    def iconName(self) -> str:
        return self._name

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        target = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        renderer(self._name, self._color(mode, state)).render(painter, target)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        color = self._color(mode, state)
        side = max(1, round(min(size.width(), size.height()) * scale))
        cached = self._pixmaps.get((side, round(scale * 100), color))
        if cached is not None:
            return cached
        pixmap = QPixmap(side, side)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer(self._name, color).render(painter, QRectF(0, 0, side, side))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        self._pixmaps[(side, round(scale * 100), color)] = pixmap
        return pixmap

    def _color(self, mode: QIcon.Mode, state: QIcon.State) -> str:
        colors = current_colors()
        if mode == QIcon.Mode.Disabled:
            return colors.muted
        if state == QIcon.State.On:
            return str(getattr(colors, self._checked_role))
        return str(getattr(colors, self._role))


@cache
def renderer(name: str, color: str) -> QSvgRenderer:
    """The icon's SVG in one colour (shared by every icon of that name and colour)."""
    path = resource_path("icons", "ui", f"{name}.svg")
    source = path.read_text(encoding="utf-8") if path.exists() else ""
    return QSvgRenderer(QByteArray(source.replace("currentColor", color).encode()))
