"""`/` in the composer: a line that starts with it lists the saved prompts, filtered by
what follows; choosing one replaces the `/query` with the prompt's text (after asking for
its variables, when it has some).

The picker opens only while the caret ends a line whose first character is `/` (a `/`
typed later in a line, or with text after the caret, stays plain text). Esc closes it
and leaves the text; so does a space after a query that matches nothing. It stays closed
for that line until the line stops starting with `/`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor

from desktop.core.prompt_library import Prompt
from desktop.ui.chat.composer.composer import ComposerEdit
from desktop.ui.chat.prompts.prompt_book import PromptBook
from desktop.ui.chat.prompts.prompt_form import PromptForm
from desktop.ui.chat.prompts.prompt_picker import PromptPicker


class SlashPrompts(QObject):
    """Watches ``edit`` (a ComposerEdit, whose ``key_hook`` it sets) and runs the picker."""

    def __init__(self, edit: ComposerEdit, book: PromptBook) -> None:
        super().__init__(edit)
        self.edit = edit
        self.book = book
        self.picker: PromptPicker | None = None
        self.form: PromptForm | None = None
        self._closed_line: int | None = None
        self._line = -1
        self._query = ""
        self._inserting = False
        edit.textChanged.connect(self._update)
        edit.cursorPositionChanged.connect(self._update)
        edit.installEventFilter(self)
        edit.key_hook = self._key
        edit.claims_key = lambda event: self.open and event.key() == Qt.Key.Key_Escape
        book.changed.connect(lambda: self._update() if self.open else None)

    @property
    def open(self) -> bool:
        return self.picker is not None and self.picker.isVisible()

    def close(self) -> None:
        if self.picker is not None:
            self.picker.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit:
            if event.type() == QEvent.Type.Resize and self.open:  # the window: follow the box
                QTimer.singleShot(0, self._update)  # once the layout has moved it
            return False
        # Another widget took the keyboard: the list goes. Another window becoming active
        # keeps it, for when the person comes back to the message.
        switched = (
            isinstance(event, QFocusEvent)
            and event.reason() == Qt.FocusReason.ActiveWindowFocusReason
        )
        if event.type() == QEvent.Type.Hide or (
            event.type() == QEvent.Type.FocusOut and not switched
        ):
            self.close()
        return False

    def _update(self) -> None:
        if self._inserting:
            return
        cursor = self.edit.textCursor()
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        after = block.text()[cursor.positionInBlock() :]
        if cursor.hasSelection() or not before.startswith("/") or after.strip():
            self._closed_line = None if not block.text().startswith("/") else self._closed_line
            self.close()
            return
        query = before[1:]
        if self._closed_line == block.blockNumber() or query.startswith(" "):
            self.close()
            return
        picker = self._picker()
        found = picker.show_matches(self.book.prompts("prompt"), query)
        if not found and query.endswith(" "):  # "/word " that names no prompt: plain text
            self._closed_line = block.blockNumber()
            self.close()
            return
        self._line, self._query = block.blockNumber(), query
        picker.place(self.edit.cursorRect(), self.edit.viewport())

    def _picker(self) -> PromptPicker:
        window = self.edit.window()
        if self.picker is None or self.picker.parentWidget() is not window:
            if self.picker is not None:
                self.picker.deleteLater()
            self.picker = PromptPicker(window)
            window.installEventFilter(self)
            self.picker.chosen.connect(self.choose)
            self.picker.manageRequested.connect(self._manage)
        return self.picker

    def _key(self, event: QKeyEvent) -> bool:
        """Keys the open picker takes from the composer (True: handled)."""
        if not self.open or self.picker is None:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._closed_line = self._line
            self.close()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.picker.move_selection(-1 if key == Qt.Key.Key_Up else 1)
            return True
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            prompt = self.picker.current()
            if prompt is not None:
                self.choose(prompt)
                return True
        return False

    def choose(self, prompt: Prompt) -> None:
        """Insert ``prompt`` in place of the `/query`; first its form when it has variables."""
        line, length = self._line, 1 + len(self._query)
        self._closed_line = line
        self.close()
        if not prompt.variables:
            self._replace(line, length, prompt.text)
            return
        form = self.form = PromptForm(prompt, self.edit.window())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.filled.connect(lambda text: self._replace(line, length, text))
        form.finished.connect(self._form_closed)
        form.open()

    def _form_closed(self) -> None:
        self.form = None
        self.edit.setFocus()

    def _replace(self, line: int, length: int, text: str) -> None:
        block = self.edit.document().findBlockByNumber(line)
        if not block.isValid() or not block.text().startswith("/"):
            return  # the line changed meanwhile: the text is not put somewhere else
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right,
            QTextCursor.MoveMode.KeepAnchor,
            min(length, block.length() - 1),
        )
        self._inserting = True
        try:
            cursor.insertText(text)
            self.edit.setTextCursor(cursor)
        finally:
            self._inserting = False
        # A prompt whose last line starts with "/" does not open the picker again.
        self._closed_line = cursor.block().blockNumber()
        self.edit.setFocus()

    def _manage(self) -> None:
        self._closed_line = self._line
        self.close()
        self.book.show_window(self.edit.window())
