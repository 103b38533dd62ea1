"""Formulas drawn as images, off the frame path: LaTeX → SVG in a worker thread (ziamath),
SVG → a sharp image in the theme's text colour on the UI thread (QtSvg), both cached.

Why ziamath (measured here on 20 formulas an answer uses: fractions, sums, integrals,
matrices, aligned, cases, binomials, accents, blackboard and calligraphic letters):

=================  ============  =================  ==============================
renderer           install       per formula        could not draw
=================  ============  =================  ==============================
ziamath 0.13       4 MB, pure    ~11 ms median      none of the 20
                   Python
matplotlib 3.11    174 MB (with  ~8 ms median,      pmatrix, aligned, cases
mathtext           numpy, …)     280 ms first call
=================  ============  =================  ==============================

Neither needs a web engine. ziamath covers what reasoning models write (environments
included), adds 4 MB instead of 174 MB, and gives vector output that QtSvg (part of
PySide6-Essentials) rasterises sharply at any device pixel ratio and in any colour. Its
10–40 ms a formula is kept off the UI thread: a worker thread turns LaTeX into SVG (pure
Python, no Qt), the UI thread rasterises (~0.3 ms) and caches by (source, size, colour,
device pixel ratio). A formula that cannot be parsed comes back as an error; the view
shows its source, marked.

Images are laid out with vertical alignment "middle", which Qt centres half an x-height
above the baseline, about the math axis: the SVG's view box is padded so the formula's
axis is at its centre, and fractions and sums sit on the line like in a typeset text.
"""

from __future__ import annotations

import queue
import threading
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG_CACHE = 4000
"""Formulas kept as SVG (a few kB each)."""
IMAGE_CACHE = 1500
"""Formulas kept as images, per colour and pixel ratio."""
INLINE_SCALE = 1.15
"""Formulas in a line are this much larger than the text around them (a serif math
font looks smaller than the sans text at one size)."""
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
    """LaTeX to SVG, black, with the math axis at the vertical centre (worker thread)."""
    from ziamath import zmath  # ~0.3 s to import: the first formula pays it, in the worker
    from ziamath.config import config

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
        from xml.etree import ElementTree

        return FormulaSvg(ElementTree.tostring(svg), width, 2 * half)
    except Exception:  # any LaTeX a model writes: what cannot be drawn stays source
        return FormulaSvg(None)


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


class FormulaRenderer(QObject):
    """Turns LaTeX into SVG in one worker thread; asks are answered on the UI thread,
    through the callbacks given (held weakly: a view that went away is not called)."""

    _drawn = Signal(object, object)  # FormulaKey, FormulaSvg: queued to the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._svgs: OrderedDict[FormulaKey, FormulaSvg] = OrderedDict()
        self._images: OrderedDict[tuple[FormulaKey, str, float], QImage] = OrderedDict()
        self._waiting: dict[FormulaKey, list[weakref.WeakMethod[Waiter]]] = {}
        self._asks: queue.SimpleQueue[FormulaKey | None] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._drawn.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

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
        self._asks.put(key)
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="formulas", daemon=True)
            self._worker.start()

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

    def drain(self, timeout: float = 5.0) -> None:
        """Wait until the worker drew what was asked (tests, benchmarks; not the UI)."""
        done = threading.Event()
        self._asks.put(None)  # a marker: everything before it is drawn when it comes
        self._marker = done
        done.wait(timeout)

    def _work(self) -> None:
        with warnings.catch_warnings():  # ziamath finds its font with a deprecated call
            warnings.simplefilter("ignore", DeprecationWarning)
            from ziamath import zmath  # noqa: F401 — imported here once, off the UI thread
        while True:
            key = self._asks.get()
            if key is None:
                marker = getattr(self, "_marker", None)
                if marker is not None:
                    marker.set()
                continue
            self._drawn.emit(key, draw_svg(key))

    def _arrived(self, key: FormulaKey, drawn: FormulaSvg) -> None:
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
        _renderer = FormulaRenderer()
    return _renderer
