"""The header row over each code block: its language, then Copy and Save… on the right.

The row is a one-row table (small, laid out once). Its words are ours, so they follow the
language in use; a block that names no language says "code" until Pygments guesses one,
and then the author's kind of name (the lexer's alias), which no longer follows it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrameFormat,
    QTextTable,
    QTextTableCellFormat,
)
from PySide6.QtWidgets import QTextEdit

from desktop.ui.render.code_saving import save_code
from desktop.ui.render.table_style import header_row_format
from desktop.ui.render.utf16 import utf16_length

COPIED_FEEDBACK_MS = 1500
COPY_SCHEME = "copy"
SAVE_SCHEME = "save"


# Each word is ours, in the view's context: lupdate reads translate() calls, not wrappers.
def _code_word() -> str:
    return QCoreApplication.translate("BlockDocumentView", "code")


def _copy_word() -> str:
    return QCoreApplication.translate("BlockDocumentView", "Copy")


def _save_word() -> str:
    return QCoreApplication.translate("BlockDocumentView", "Save…")


def _selection(view: QTextEdit, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _replace_selected(cursor: QTextCursor, text: str) -> None:
    """Put ``text`` where ``cursor`` selects, in the same format; keep it selected."""
    start = cursor.selectionStart()
    cursor.insertText(text, cursor.charFormat())
    cursor.setPosition(start)
    cursor.setPosition(start + utf16_length(text), QTextCursor.MoveMode.KeepAnchor)


class CodeHeaders:
    """The header rows of one view's code blocks, with the code their links copy or save."""

    def __init__(self, view: QTextEdit) -> None:
        self._view = view
        self._label_format = QTextCharFormat()
        self._label_format.setFontPointSize(max(1.0, view.font().pointSizeF() - 1))
        self._link_format = QTextCharFormat(self._label_format)
        self._link_format.setAnchor(True)
        self._row_format = header_row_format()
        self._cell = QTextTableCellFormat()
        self._cell.setBottomBorder(1)
        self._cell.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        self._cell.setBottomPadding(4)
        self._right = QTextBlockFormat()
        self._right.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._rows: list[QTextTable] = []
        self.copy_links: list[QTextCursor] = []
        """For each copyable code block: a cursor selecting its Copy link."""
        self.save_links: list[QTextCursor] = []
        """For each copyable code block: a cursor selecting its Save… link."""
        self._code_words: list[QTextCursor] = []
        """The "code" label of each block that names no language (ours to translate)."""
        self._unnamed: dict[int, QTextCursor] = {}
        """That label for each copyable block, by its index, until a language is guessed."""
        self._codes: list[str] = []
        self._languages: list[str] = []

    def take_colours(self, rule: QColor, muted: QColor, link: QColor) -> None:
        """The colours of rows made from now on (recolour() brings the others)."""
        self._cell.setBottomBorderBrush(rule)
        self._label_format.setForeground(muted)
        self._link_format.setForeground(link)

    def add(self, cursor: QTextCursor, language: str, code: str, *, copyable: bool) -> None:
        """A header row at ``cursor`` (the start of a code frame); Copy and Save… when
        ``copyable`` (a finished block), for ``code``. The cursor ends in the label cell."""
        row = cursor.insertTable(1, 2, self._row_format)
        self._rows.append(row)
        for column in (0, 1):
            row.cellAt(0, column).setFormat(self._cell)
        label_start = cursor.position()
        cursor.insertText(language or _code_word(), self._label_format)
        if not language:
            label = _selection(self._view, label_start, cursor.position())
            self._code_words.append(label)
            if copyable:
                self._unnamed[len(self._codes)] = label
        if not copyable:
            return
        index = len(self._codes)
        self._codes.append(code)
        self._languages.append(language)
        links = row.cellAt(0, 1).firstCursorPosition()
        links.setBlockFormat(self._right)
        copy_start = links.position()
        links.insertText(_copy_word(), self._link(COPY_SCHEME, index))
        copy_end = links.position()
        links.insertText("   ", self._label_format)
        save_start = links.position()
        links.insertText(_save_word(), self._link(SAVE_SCHEME, index))
        # Selected only now: a selection ending at the insertion point would grow with it.
        self.copy_links.append(_selection(self._view, copy_start, copy_end))
        self.save_links.append(_selection(self._view, save_start, links.position()))

    def _link(self, scheme: str, index: int) -> QTextCharFormat:
        link = QTextCharFormat(self._link_format)
        link.setAnchorHref(f"{scheme}:{index}")
        return link

    def name_guessed(self, index: int, alias: str) -> None:
        """Copyable block ``index`` without a language was lexed as ``alias``: say so."""
        label = self._unnamed.pop(index, None)
        if label is not None and alias:
            self._code_words.remove(label)  # the author's kind of word now, not ours
            _replace_selected(label, alias)

    def retranslate(self) -> None:
        """The words already drawn, in the language now in use."""
        for link in self.copy_links:
            _replace_selected(link, _copy_word())
        for label in self._code_words:
            _replace_selected(label, _code_word())
        for link in self.save_links:
            _replace_selected(link, _save_word())

    def recolour(self) -> None:
        """Rows drawn before take the colours in force (call inside one edit)."""
        for row in self._rows:
            for column in (0, 1):
                row.cellAt(0, column).setFormat(self._cell)
            _selection(self._view, row.firstPosition(), row.lastPosition()).mergeCharFormat(
                self._label_format
            )
        for link in self.copy_links + self.save_links:
            link.mergeCharFormat(self._link_format)

    def link_text(self, index: int) -> str:
        """What Copy link ``index`` says now."""
        return self.copy_links[index].selectedText()

    def copy(self, index: int) -> None:
        """Put code block ``index`` on the clipboard; its link says Copied for a moment."""
        if not 0 <= index < len(self._codes):
            return
        QGuiApplication.clipboard().setText(self._codes[index])
        link = self.copy_links[index]
        _replace_selected(link, QCoreApplication.translate("BlockDocumentView", "Copied"))
        QTimer.singleShot(
            COPIED_FEEDBACK_MS,
            self._view,
            lambda: _replace_selected(link, _copy_word()),
        )

    def follow(self, url: QUrl) -> bool:
        """Copy or save the code a header link names; False for any other link."""
        scheme, index = url.scheme(), url.path()
        if scheme not in (COPY_SCHEME, SAVE_SCHEME):
            return False
        if index.isdigit() and int(index) < len(self._codes):
            if scheme == COPY_SCHEME:
                self.copy(int(index))
            else:
                save_code(self._view, self._codes[int(index)], self._languages[int(index)])
        return True

    def reset(self) -> None:
        """The document was cleared: no rows any more."""
        for held in (self._rows, self.copy_links, self.save_links, self._code_words):
            held.clear()
        self._unnamed.clear()
        self._codes.clear()
        self._languages.clear()
