"""Formulas drawn as images, off the frame path: LaTeX → SVG in the render worker process
(core.formula_svg, ziamath), SVG → a sharp image in the theme's text colour on the UI
thread (QtSvg), both cached.

Why ziamath. Measured here (Python 3.11, 2 shared cores) on 20 formulas a reasoning model
writes (fractions, sums, integrals, limits, pmatrix, aligned, cases, binomials, accents,
blackboard and calligraphic letters):

=================  ===================  =====================  =======================
renderer           install              LaTeX → image          could not draw
=================  ===================  =====================  =======================
ziamath 0.13       4 MB, pure Python    ~8–11 ms median,       none of the 20
                   (+ latex2mathml)     45 ms the worst
matplotlib 3.11    174 MB with numpy,   ~8 ms median,          pmatrix, aligned, cases
mathtext           fonttools, pillow…   280 ms the first
=================  ===================  =====================  =======================

Neither needs a web engine; ziamath covers the environments models use, adds 4 MB instead
of 174 MB, and gives vectors that QtSvg (in PySide6-Essentials) rasterises sharply at any
device pixel ratio and in any colour. Its milliseconds are spent in the worker process
(ui/render/background.py), and the image is rasterised in the look its view asked for on
the thread that receives the SVG: the UI thread only puts it in its line. Cached by
(source, display, size) as SVG and by (…, colour, pixel ratio) as image. A formula that
cannot be parsed comes back without SVG: the view shows its source, marked.

Images are laid out with vertical alignment "middle", which Qt centres half an x-height
above the baseline, about the math axis: the SVG's view box is padded so the formula's
axis is at its centre, and fractions and sums sit on the line as in typeset text.
"""

from __future__ import annotations

import logging
import weakref
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desktop.core.formula_svg import FormulaKey, FormulaSvg
from desktop.ui.render.background import RenderWorker, render_worker

log = logging.getLogger(__name__)
SVG_CACHE = 4000
"""Formulas kept as SVG (a few kB each)."""
IMAGE_CACHE = 1500
"""Formulas kept as images, per colour and pixel ratio."""


def rasterise(drawn: FormulaSvg, colour: QColor, ratio: float) -> QImage:
    """The SVG as an image ``ratio`` times its size, in ``colour`` (UI thread)."""
    assert drawn.svg is not None
    svg = drawn.svg.replace(b"#000000", colour.name().encode())
    renderer = QSvgRenderer(QByteArray(svg))
    size = QSize(max(1, round(drawn.width * ratio)), max(1, round(drawn.height * ratio)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


Waiter = Callable[[FormulaKey, FormulaSvg], None]


class Look(NamedTuple):
    """What a view draws formulas in: its text colour (by name) and its pixel ratio."""

    colour: str
    ratio: float


class _Delivered(NamedTuple):
    drawn: FormulaSvg | None
    look: Look
    image: QImage | None


def _rasterised_in(look: Look, drawn: FormulaSvg | None) -> _Delivered:
    """The formula with its image in ``look`` (on the thread receiving it from the worker:
    QImage and QSvgRenderer work off the UI thread)."""
    if drawn is None or drawn.svg is None:
        return _Delivered(drawn, look, None)
    try:
        return _Delivered(drawn, look, rasterise(drawn, QColor(look.colour), look.ratio))
    except Exception:  # never take the receiving thread down: the UI thread tries again
        log.exception("a formula could not be rasterised ahead")
        return _Delivered(drawn, look, None)


class FormulaRenderer:
    """Draws formulas in the render worker (ui/render/background.py) and caches them;
    asks are answered on the UI thread, through the callbacks given (held weakly: a view
    that went away is not called)."""

    def __init__(self, worker: RenderWorker) -> None:
        self._worker = worker
        self._svgs: OrderedDict[FormulaKey, FormulaSvg] = OrderedDict()
        self._images: OrderedDict[tuple[FormulaKey, Look], QImage] = OrderedDict()
        self._waiting: dict[FormulaKey, list[weakref.WeakMethod[Waiter]]] = {}

    @property
    def busy(self) -> bool:
        """Formulas are asked for and not delivered yet."""
        return bool(self._waiting)

    def drawn(self, key: FormulaKey) -> FormulaSvg | None:
        """The SVG if it is drawn already (else None)."""
        drawn = self._svgs.get(key)
        if drawn is not None:
            self._svgs.move_to_end(key)
        return drawn

    def ask(self, key: FormulaKey, waiter: Waiter, look: Look) -> None:
        """Draw ``key`` in the worker, its image in ``look`` ahead; ``waiter`` (a bound
        method) is called with it."""
        waiting = self._waiting.get(key)
        reference = weakref.WeakMethod(waiter)
        if waiting is not None:
            if reference not in waiting:
                waiting.append(reference)
            return
        self._waiting[key] = [reference]
        self._worker.run("formula", (key,), self._arrived, key, partial(_rasterised_in, look))

    def image(self, key: FormulaKey, drawn: FormulaSvg, look: Look) -> QImage:
        """The drawn formula as an image (cached by source, size, colour and ratio)."""
        image = self._images.get((key, look))
        if image is None:
            image = rasterise(drawn, QColor(look.colour), look.ratio)
            self._keep(key, look, image)
        else:
            self._images.move_to_end((key, look))
        return image

    def _keep(self, key: FormulaKey, look: Look, image: QImage) -> None:
        self._images[(key, look)] = image
        if len(self._images) > IMAGE_CACHE:
            self._images.popitem(last=False)

    def _arrived(self, key: FormulaKey, delivered: _Delivered) -> None:
        drawn = delivered.drawn if delivered.drawn is not None else FormulaSvg(None)
        if delivered.image is not None:
            self._keep(key, delivered.look, delivered.image)
        self._svgs[key] = drawn
        if len(self._svgs) > SVG_CACHE:
            self._svgs.popitem(last=False)
        for reference in self._waiting.pop(key, []):
            waiter = reference()
            if waiter is not None:
                waiter(key, drawn)


_renderer: FormulaRenderer | None = None


def formula_renderer() -> FormulaRenderer:
    """The one renderer of the application (a cache of a pure function, like
    functools.cache: every answer shares it, and its worker thread)."""
    global _renderer
    if _renderer is None:
        _renderer = FormulaRenderer(render_worker())
    return _renderer
