"""A formula's LaTeX as SVG (ziamath), black, its math axis at the vertical centre; no Qt.

Runs in the render worker process (core.render_jobs); the UI colours and rasterises the
SVG (ui/render/formula_images.py says why ziamath, and how the axis centring aligns it).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

INLINE_SCALE = 1.15
"""Formulas in a line are this much larger than the text around them (a serif math font
looks smaller than the sans text at one size)."""
DISPLAY_SCALE = 1.3
"""Display formulas are this much larger than the text around them."""


@dataclass(frozen=True, slots=True)
class FormulaKey:
    latex: str
    display: bool
    size: float
    """The text's size, in pixels."""


@dataclass(frozen=True, slots=True)
class FormulaSvg:
    svg: bytes | None
    """None: the LaTeX could not be drawn."""
    width: float = 0.0
    height: float = 0.0


def draw_svg(key: FormulaKey) -> FormulaSvg:
    """LaTeX to SVG in black (any LaTeX a model writes: what cannot be drawn gives None)."""
    with warnings.catch_warnings():  # ziamath finds its font with a deprecated call
        warnings.simplefilter("ignore", DeprecationWarning)
        from ziamath import zmath  # ~0.3 s the first time
        from ziamath.config import config
    from xml.etree import ElementTree

    config.svg2 = False  # plain paths: QtSvg draws no <symbol> referenced by href
    try:
        size = key.size * (DISPLAY_SCALE if key.display else INLINE_SCALE)
        math = zmath.Latex(key.latex, size=size, inline=not key.display, color="#000000")
        svg = math.svgxml()
        box = math.node.bbox
        axis = math.node.units_to_points(math.font.math.consts.axisHeight)
        margin = 1.0
        half = max(box.ymax - axis, axis - box.ymin) + margin
        width = box.xmax - box.xmin + 2 * margin
        svg.attrib["viewBox"] = f"{box.xmin - margin} {-axis - half} {width} {2 * half}"
        svg.attrib["width"], svg.attrib["height"] = f"{width}", f"{2 * half}"
        return FormulaSvg(ElementTree.tostring(svg), width, 2 * half)
    except Exception:  # any LaTeX a model writes
        return FormulaSvg(None)
