"""A cited passage, opened from a Sources entry or an ``[n]`` link: the document's name,
the page or section, and the passage marked inside the text around it."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette, QTextCharFormat
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.cited_sources import CitedSource
from desktop.ui.chat.documents.sources_view import cursor_at
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.storage.document_store import DocumentStore

AROUND = 800
"""Characters of the document shown before and after the passage."""


class PassageViewer(QWidget):
    def __init__(
        self, store: DocumentStore, tasks: TaskOwner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("passageViewer")
        self.resize(720, 560)
        self._store = store
        self._tasks = tasks
        self.source: CitedSource | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName("passageTitle")
        self.title.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("passageWhere")
        self.text = QTextBrowser()
        self.text.setObjectName("passageText")
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(self.text, 1)
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Close):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(self.close)
            self.addAction(action)
        self.loaded = asyncio.Event()

    def show_source(self, source: CitedSource) -> None:
        self.source = source
        self.loaded.clear()
        self.title.setText(f"[{source.number}] {source.document}")
        self.retranslate()
        self.text.setPlainText(self.tr("Loading…"))
        self.show()
        self.raise_()
        self._tasks.spawn(self._load(source), name="passage")

    def retranslate(self) -> None:
        source = self.source
        if source is None:
            return
        self.setWindowTitle(
            self.tr("Passage [{n}] — {name}").format(n=source.number, name=source.document)
        )
        parts = []
        if source.page:
            parts.append(self.tr("Page {page}").format(page=source.page))
        if source.section:
            parts.append(source.section)
        parts.append(self.tr("{n} tokens sent").format(n=source.tokens))
        self.where.setText(" · ".join(parts))

    async def _load(self, source: CitedSource) -> None:
        text: str | None = None
        if source.document_id is not None:
            try:
                text = await asyncio.to_thread(self._store.document_text, source.document_id)
            except KeyError:
                text = None
        if self.source is not source:
            return
        if text is None:
            self.text.setPlainText(
                self.tr("This document was removed from the chat, so the passage cannot be shown.")
            )
            self.loaded.set()
            return
        start = max(0, source.start - AROUND)
        end = min(len(text), source.end + AROUND)
        shown = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        self.text.setPlainText(shown)
        offset = (1 if start else 0) - start
        cursor = cursor_at(self.text.document(), source.start + offset, source.end + offset)
        mark = QTextCharFormat()
        palette = self.palette()
        tint = palette.color(QPalette.ColorRole.Highlight)
        tint.setAlpha(60)  # the passage stands out and stays easy to read
        mark.setBackground(tint)
        cursor.mergeCharFormat(mark)
        self.text.setTextCursor(
            cursor_at(self.text.document(), source.start + offset, source.start + offset)
        )
        self.text.ensureCursorVisible()
        self.loaded.set()

    def passage_text(self) -> str:
        """The marked passage (tests)."""
        source = self.source
        if source is None:
            return ""
        return self.text.toPlainText()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
