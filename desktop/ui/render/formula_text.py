"""The formulas of one document: placeholders become images, their source is what copies.

The markdown goes into the document with each formula as a placeholder character
(core.math_spans). :meth:`DocumentFormulas.place` replaces each with the formula's image
when it is drawn already, else with its source in a quiet colour, kept selected until the
worker's SVG arrives (then that selection becomes the image: only its line is laid out
again). A formula that cannot be drawn keeps its source, underlined in the warning colour,
with a tooltip. Each image carries its source (``FORMULA``), so selected text and
:func:`source_text` give back the LaTeX as written.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import (
    QFontInfo,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QTextEdit

from desktop.core.formula_svg import FormulaKey, FormulaSvg
from desktop.core.math_spans import PLACEHOLDERS, Formula, formula_index
from desktop.ui.render.formula_images import FormulaRenderer, Look
from desktop.ui.render.utf16 import utf16_length

FORMULA = QTextFormat.Property.UserProperty.value + 2
"""Char format property: the formula's source, delimiters included."""
OBJECT = "\ufffc"


def source_text(document: QTextDocument, start: int = 0, end: int | None = None) -> str:
    """The document's text from ``start`` to ``end``, formulas as their source."""
    end = document.characterCount() - 1 if end is None else end
    parts: list[str] = []
    block = document.findBlock(start)
    first = True
    while block.isValid() and block.position() <= end:
        if not first:
            parts.append("\n")
        first = False
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            lo = max(start, fragment.position())
            hi = min(end, fragment.position() + fragment.length())
            if lo < hi:
                source = fragment.charFormat().property(FORMULA)
                text = fragment.text()[lo - fragment.position() : hi - fragment.position()]
                if isinstance(source, str) and source and OBJECT in text:
                    parts.append(text.replace(OBJECT, source))
                else:
                    parts.append(text)
            iterator += 1
        block = block.next()
    return "".join(parts).replace("\u2029", "\n").replace("\u2028", "\n")


def _shown_source(formula: Formula) -> str:
    """The source as shown in its line (a display formula's line breaks would start new
    paragraphs); copying gives the source as written (``FORMULA``)."""
    return formula.source.replace("\n", " ")


class DocumentFormulas:
    """Places and recolours the formulas of ``view``'s document."""

    def __init__(self, view: QTextEdit, renderer: FormulaRenderer) -> None:
        self._view = view
        self._renderer = renderer
        self._pending: dict[FormulaKey, list[tuple[QTextCursor, Formula]]] = {}
        """The formulas waiting for the worker, by what it is asked to draw."""
        self._shown: dict[str, tuple[FormulaKey, FormulaSvg]] = {}  # resource name → formula
        self._count = 0

    @property
    def shown(self) -> int:
        """Formulas drawn as images."""
        return len(self._shown)

    @property
    def pending(self) -> int:
        """Formulas waiting for the worker."""
        return sum(len(waiting) for waiting in self._pending.values())

    def place(self, start: int, formulas: list[Formula]) -> None:
        """Replace the placeholders from ``start`` to the end with ``formulas``."""
        document = self._view.document()
        cursor = QTextCursor(document)
        size = float(QFontInfo(self._view.font()).pixelSize())
        block = document.findBlock(start)
        while block.isValid():
            text = block.text()
            only = len(text) == 1
            marks = [match.start() for match in PLACEHOLDERS.finditer(text)]
            for offset in reversed(marks):  # right to left: positions before stay valid
                index = formula_index(text[offset])
                if index is None or index >= len(formulas):
                    continue
                formula = formulas[index]
                at = block.position() + utf16_length(text[:offset])
                cursor.setPosition(at)
                cursor.setPosition(at + 1, QTextCursor.MoveMode.KeepAnchor)
                self._put(cursor, formula, FormulaKey(formula.latex, formula.display, size))
                if only and formula.display:
                    centred = QTextBlockFormat()
                    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                    cursor.mergeBlockFormat(centred)
            block = block.next()

    def _put(self, cursor: QTextCursor, formula: Formula, key: FormulaKey) -> None:
        drawn = self._renderer.drawn(key)
        if drawn is not None:
            self._insert(cursor, formula, key, drawn)
            return
        waiting = QTextCharFormat(cursor.charFormat())
        waiting.setForeground(self._view.palette().color(QPalette.ColorRole.PlaceholderText))
        waiting.setProperty(FORMULA, formula.source)
        start = cursor.selectionStart()
        cursor.insertText(_shown_source(formula), waiting)
        selection = QTextCursor(cursor)
        selection.setPosition(start)
        selection.setPosition(cursor.position(), QTextCursor.MoveMode.KeepAnchor)
        selection.setKeepPositionOnInsert(True)  # text appended right after stays outside
        self._pending.setdefault(key, []).append((selection, formula))
        self._renderer.ask(key, self._arrived, self._look())

    def _insert(
        self, cursor: QTextCursor, formula: Formula, key: FormulaKey, drawn: FormulaSvg
    ) -> None:
        if drawn.svg is None:  # broken LaTeX: readable as source, marked
            broken = QTextCharFormat(cursor.charFormat())
            broken.clearForeground()
            broken.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            broken.setUnderlineColor(self._view.palette().color(QPalette.ColorRole.BrightText))
            broken.setToolTip(
                QCoreApplication.translate("BlockDocumentView", "This formula could not be drawn")
            )
            broken.setProperty(FORMULA, formula.source)
            cursor.insertText(_shown_source(formula), broken)
            return
        name = f"formula:{self._count}"
        self._count += 1
        self._shown[name] = (key, drawn)
        self._add_resource(name, key, drawn)
        image = QTextImageFormat()
        image.setName(name)
        image.setWidth(drawn.width)
        image.setHeight(drawn.height)
        image.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        image.setProperty(FORMULA, formula.source)
        image.setToolTip(formula.source)
        cursor.insertImage(image)

    def _look(self) -> Look:
        colour = self._view.palette().color(QPalette.ColorRole.Text).name()
        return Look(colour, max(1.0, self._view.devicePixelRatioF()))

    def _add_resource(self, name: str, key: FormulaKey, drawn: FormulaSvg) -> None:
        image = self._renderer.image(key, drawn, self._look())
        self._view.document().addResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(name), image
        )

    def _arrived(self, key: FormulaKey, drawn: FormulaSvg) -> None:
        if not shiboken6.isValid(self._view):  # the view went away meanwhile
            return
        for cursor, formula in self._pending.pop(key, []):
            if cursor.selectedText() == _shown_source(formula):  # else the text was drawn again
                self._insert(cursor, formula, key, drawn)

    def refresh(self) -> None:
        """The text colour or the pixel ratio changed: the images are drawn again."""
        if not self._shown:
            return
        for name, (key, drawn) in self._shown.items():
            self._add_resource(name, key, drawn)
        document = self._view.document()
        document.markContentsDirty(0, document.characterCount())

    def reset(self) -> None:
        """The document was cleared."""
        self._pending.clear()
        self._shown.clear()
