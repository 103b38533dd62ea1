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
(ui/render/background.py); the UI thread's part of a formula is ~0.7 ms (rasterise, put in
its line). Cached by (source, display, size) as SVG and by (…, colour, pixel ratio) as
image. A formula that cannot be parsed comes back without SVG: the view shows its
source, marked.

Images are laid out with vertical alignment "middle", which Qt centres half an x-height
above the baseline, about the math axis: the SVG's view box is padded so the formula's
axis is at its centre, and fractions and sums sit on the line as in typeset text.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desktop.core.formula_svg import FormulaKey, FormulaSvg
from desktop.ui.render.background import RenderWorker, render_worker

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


class FormulaRenderer:
    """Draws formulas in the render worker (ui/render/background.py) and caches them;
    asks are answered on the UI thread, through the callbacks given (held weakly: a view
    that went away is not called)."""

    def __init__(self, worker: RenderWorker) -> None:
        self._worker = worker
        self._svgs: OrderedDict[FormulaKey, FormulaSvg] = OrderedDict()
        self._images: OrderedDict[tuple[FormulaKey, str, float], QImage] = OrderedDict()
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

    def ask(self, key: FormulaKey, waiter: Waiter) -> None:
        """Draw ``key`` in the worker; ``waiter`` (a bound method) is called with it."""
        waiting = self._waiting.get(key)
        reference = weakref.WeakMethod(waiter)
        if waiting is not None:
            if reference not in waiting:
                waiting.append(reference)
            return
        self._waiting[key] = [reference]
        self._worker.run("formula", (key,), self._arrived, key)

    def image(self, key: FormulaKey, drawn: FormulaSvg, colour: QColor, ratio: float) -> QImage:
        """The drawn formula as an image (cached by source, size, colour and ratio)."""
        image_key = (key, colour.name(), ratio)
        image = self._images.get(image_key)
        if image is None:
            image = self._images[image_key] = rasterise(drawn, colour, ratio)
            if len(self._images) > IMAGE_CACHE:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(image_key)
        return image

    def _arrived(self, key: FormulaKey, drawn: FormulaSvg | None) -> None:
        drawn = drawn if drawn is not None else FormulaSvg(None)
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
