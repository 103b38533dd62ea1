"""Under an answer: the sources it was sent (document, page or section, mode, tokens
each and in all); each opens its passage. ``[n]`` in the answer's drawn text becomes a
link to the same passage (done once the text is finished, never while it streams)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.core.cited_sources import SentSources
from desktop.ui.strings import number

SCHEME = "parley-source"
CITATION = QRegularExpression(r"\[(\d{1,3})\]")
ROW_GAP_PX = 4
"""Between two sources: each reads as a row of its own, as the answer's lines do."""


def source_url(message_id: int, number: int) -> str:
    return f"{SCHEME}:{message_id}/{number}"


def parse_source_url(url: str) -> tuple[int, int] | None:
    scheme, _, rest = url.partition(":")
    message, _, source = rest.partition("/")
    if scheme != SCHEME or not (message.isdigit() and source.isdigit()):
        return None
    return int(message), int(source)


def link_citations(
    document: QTextDocument, message_id: int, sent: SentSources, colour: QColor | None = None
) -> int:
    """Make each ``[n]`` naming a sent source a link to it; returns how many were linked.

    Only the drawn document changes: the answer's text (what Copy copies) stays as sent.
    """
    linked = 0
    cursor = document.find(CITATION, 0)
    while not cursor.isNull():
        match = CITATION.match(cursor.selectedText())
        wanted = int(match.captured(1)) if match.hasMatch() else 0
        if sent.by_number(wanted) is not None and not cursor.charFormat().isAnchor():
            link = QTextCharFormat()
            link.setAnchor(True)
            link.setAnchorHref(source_url(message_id, wanted))
            link.setFontUnderline(False)
            link.setFontWeight(600)
            if colour is not None:
                link.setForeground(colour)
            cursor.mergeCharFormat(link)
            linked += 1
        cursor = document.find(CITATION, cursor.selectionEnd())
    return linked


def recolour_citations(document: QTextDocument, colour: QColor) -> None:
    """The citation links in ``colour`` (light and dark switched)."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref().startswith(f"{SCHEME}:"):
                cursor = cursor_at(
                    document, fragment.position(), fragment.position() + fragment.length()
                )
                tint = QTextCharFormat()
                tint.setForeground(colour)
                cursor.mergeCharFormat(tint)
            iterator += 1
        block = block.next()


def mode_text(mode: str) -> str:
    return {
        "whole": QCoreApplication.translate("SourcesView", "whole documents"),
        "retrieved": QCoreApplication.translate("SourcesView", "retrieved passages"),
        "keywords": QCoreApplication.translate(
            "SourcesView", "passages found by keywords (no embedding model)"
        ),
    }.get(mode, mode)


class SourcesView(QFrame):
    """The answer's sources; ``passageRequested(message id, source number)``."""

    passageRequested = Signal(int, int)

    def __init__(self, message_id: int, sent: SentSources, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerSources")
        self.message_id = message_id
        self.sent = sent
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName("answerSourcesHeading")
        layout.addWidget(self.heading)
        self.list = QLabel()
        self.list.setObjectName("answerSourcesList")
        self.list.setTextFormat(Qt.TextFormat.RichText)
        self.list.setWordWrap(True)
        self.list.linkActivated.connect(self._link)
        layout.addWidget(self.list)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(
            self.tr("Sources · {mode} · {tokens} tokens").format(
                mode=mode_text(self.sent.mode), tokens=number(self.sent.tokens)
            )
        )
        cost = self.tr("{n} tokens")  # not inside the f-string: lupdate would not see it
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link).name()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        rows = [
            f'<p style="margin: 0 0 {ROW_GAP_PX}px 0"><a href="{source.number}"'
            f' style="color: {link}; text-decoration: none">'
            f"[{source.number}] {html.escape(source.label)}</a>"
            f' <span style="color: {muted}">'
            f"· {html.escape(cost.format(n=number(source.tokens)))}</span></p>"
            for source in self.sent.sources
        ]
        self.list.setText("".join(rows))

    def text(self) -> str:
        return f"{self.heading.text()}\n{self.list.text()}"

    def _link(self, href: str) -> None:
        if href.isdigit():
            self.passageRequested.emit(self.message_id, int(href))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate()  # the links' colour is the palette's at setText


def cursor_at(document: QTextDocument, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor
