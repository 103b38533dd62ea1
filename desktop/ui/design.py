"""Parley's design tokens: colour roles for light and dark, spacing, type sizes and radii.

Everything a style rule or a layout needs to agree on lives here, so the window, the chat
and the settings share one rhythm. Style sheets (theme_rules.py and each part's look.py)
use the tokens as ``{name}`` fields: every :class:`Colors` field, ``space_xs`` … ``space_xxl``,
``radius_s`` / ``radius_m`` / ``radius_l`` and ``font_caption`` … ``font_display`` (points).
Layouts use the Python names (``Space.M``, ``Radius.M``, ``Type.BODY``).

The palettes are calm neutral greys with one accent, the blue of Parley's icon. Text on
its background, muted text, the accent's white label and links all reach WCAG AA (4.5:1)
in both themes (tests/ui/test_theme.py measures them).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


class Space:
    """The spacing scale in pixels: margins, gaps between controls, padding."""

    XS = 4
    S = 8
    M = 12
    L = 16
    XL = 24
    XXL = 32


class Radius:
    """Corner radii in pixels: small controls, inputs and cards, large cards and popups."""

    S = 6
    M = 8
    L = 12


class Type:
    """The type scale in points (Qt's unit for fonts), from captions to the page heading."""

    CAPTION = 8.5
    SMALL = 9.0
    BODY = 10.0
    TITLE = 11.0
    HEADING = 13.0
    DISPLAY = 16.0


@dataclass(frozen=True)
class Colors:
    """Colour roles. Field names are stable: other parts' style rules use them."""

    window: str
    """The app's background: the rail, the sidebar, behind cards."""
    base: str
    """Content surfaces: the chat column, inputs, lists, cards."""
    alternate: str
    """A subtle fill: code blocks, hovered rows, quiet buttons on hover."""
    text: str
    muted: str
    """Secondary text: hints, captions, metadata."""
    border: str
    accent: str
    """The one accent: primary buttons, the selected page, focus rings, selections."""
    accent_text: str
    """Text and icons on the accent."""
    user_bg: str
    """The person's own messages."""
    warning: str
    """Errors and destructive actions."""
    warning_bg: str
    caution: str
    success: str
    hit_bg: str
    """A search hit's highlight."""
    link: str
    # Added with the visual system (December 2026).
    hover: str
    """A hovered row, rail entry or quiet button."""
    selected: str
    """A selected row or the current page in the rail: a tint of the accent."""
    selected_text: str
    """Text and icons on ``selected``."""
    accent_hover: str
    accent_pressed: str
    warning_text: str
    """Text on a filled ``warning`` (a destructive button on hover)."""
    scrollbar: str
    """A scroll bar's handle."""
    scrollbar_hover: str
    input_border: str
    """Borders of text fields and combos (a little stronger than ``border``)."""
    surface_raised: str
    """Popups, menus and tooltips, above the window."""
    focus: str
    """The keyboard focus ring."""


LIGHT_COLORS = Colors(
    window="#f6f6f7",
    base="#ffffff",
    alternate="#f1f1f3",
    text="#1c1c1f",
    muted="#686870",
    border="#e3e3e7",
    accent="#2e62de",
    accent_text="#ffffff",
    user_bg="#edf2fd",
    warning="#c0362c",
    warning_bg="#fdeeec",
    caution="#8f5500",
    success="#1e7b34",
    hit_bg="#fde293",
    link="#2754c5",
    hover="#ececef",
    selected="#e6edfc",
    selected_text="#1f4fc4",
    accent_hover="#2754c5",
    accent_pressed="#2148ad",
    warning_text="#ffffff",
    scrollbar="#cdcdd3",
    scrollbar_hover="#a9a9b1",
    input_border="#d6d6dc",
    surface_raised="#ffffff",
    focus="#2e62de",
)
DARK_COLORS = Colors(
    window="#161618",
    base="#1e1e21",
    alternate="#27272b",
    text="#ececef",
    muted="#a1a1aa",
    border="#2f2f34",
    accent="#2f63e0",
    accent_text="#ffffff",
    user_bg="#22304f",
    warning="#f28b82",
    warning_bg="#3a2525",
    caution="#f0b35a",
    success="#7fd39a",
    hit_bg="#6b5a1e",
    link="#8fb0ff",
    hover="#26262b",
    selected="#243252",
    selected_text="#c9d8ff",
    accent_hover="#3a6df0",
    accent_pressed="#2754c5",
    warning_text="#1e1e21",
    scrollbar="#3d3d44",
    scrollbar_hover="#56565f",
    input_border="#3a3a40",
    surface_raised="#232327",
    focus="#6f97ff",
)


def colors_for(dark: bool) -> Colors:
    return DARK_COLORS if dark else LIGHT_COLORS


def tokens(colors: Colors) -> dict[str, str]:
    """Every ``{name}`` a style sheet may use: the colour roles and the scales."""
    values = {field.name: getattr(colors, field.name) for field in fields(colors)}
    for name in ("XS", "S", "M", "L", "XL", "XXL"):
        values[f"space_{name.lower()}"] = f"{getattr(Space, name)}px"
    for name in ("S", "M", "L"):
        values[f"radius_{name.lower()}"] = f"{getattr(Radius, name)}px"
    for name in ("CAPTION", "SMALL", "BODY", "TITLE", "HEADING", "DISPLAY"):
        values[f"font_{name.lower()}"] = f"{getattr(Type, name)}pt"
    return values
