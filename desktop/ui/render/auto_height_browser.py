"""A read-only rich text view as tall as its content, scrolled by the page around it."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QResizeEvent, QTextDocument, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from desktop.ui.render.grow_in_place import paint_growth_only


class NothingLoaded(QTextDocument):
    """A document that loads no resource by name: model and person text may hold raw
    HTML's <img src="file:…">, which a plain QTextDocument would read from the disk.
    What a view shows (formulas) it adds to the document itself."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None


class AutoHeightBrowser(QTextBrowser):
    """Text wraps at words (anywhere in a word longer than a line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(NothingLoaded(self))
        self.setOpenExternalLinks(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        paint_growth_only(self, self.viewport())
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, size: QSizeF | None = None) -> None:
        document = self.document()
        height = int((size or document.size()).height()) + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def lay_out_at(self, width: int) -> None:
        """Lay the document out ``width`` pixels wide while hidden: a hidden widget only
        learns its size once shown, and its text would be laid out twice."""
        self.resize(width, self.height())
        self.viewport().resize(width - 2 * self.frameWidth(), self.viewport().height())
        if self.document().textWidth() != self.viewport().width():  # else laid out again
            self.document().setTextWidth(self.viewport().width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        old, new = event.oldSize(), event.size()
        if old.width() != new.width() and self.document().textWidth() == self.viewport().width():
            # Laid out at this width already (lay_out_at): only the height is news.
            event = QResizeEvent(new, QSize(new.width(), old.height()))
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())


class NaturalWidthBrowser(AutoHeightBrowser):
    """Plain text as wide as its longest line: a layout that aligns it (rather than
    stretching it) gives it that width, up to its maximum, where it wraps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._natural: tuple[int, str, int] | None = None  # revision, font, width

    def sizeHint(self) -> QSize:
        return QSize(self._natural_width(), self.height())

    def _natural_width(self) -> int:
        """Measured again only when the text or the font changed."""
        revision, font = self.document().revision(), self.font().key()
        if self._natural is None or self._natural[:2] != (revision, font):
            metrics = self.fontMetrics()
            lines = self.toPlainText().split("\n")
            widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
            margins = 2 * (self.document().documentMargin() + self.frameWidth())
            self._natural = (revision, font, widest + math.ceil(margins) + 4)
        return self._natural[2]
