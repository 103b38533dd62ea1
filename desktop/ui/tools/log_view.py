"""A read-only log that keeps following its end while the person is at the end.

QPlainTextEdit follows the end on append only if the last line is in view at that
moment: after the window shrank, or while the log sat in a hidden tab, the next line
left the view one line short of the end and it stopped following. Here the person's
place decides: at the end, the log stays there through new lines and resizes; scrolled
up, it stays where they are."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget


class LogView(QPlainTextEdit):
    def __init__(self, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setMaximumBlockCount(max_lines)
        self.follows_end = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._moved)
        bar.rangeChanged.connect(self._range_changed)

    def show_lines(self, lines: list[str]) -> None:
        """All of a log anew (another server, or its log began again), seen from its end."""
        self.follows_end = True
        self.setPlainText("\n".join(lines))
        self._to_end()

    def add_lines(self, lines: list[str]) -> None:
        if lines:
            self.appendPlainText("\n".join(lines))

    def _moved(self, value: int) -> None:
        self.follows_end = value >= self.verticalScrollBar().maximum()

    def _range_changed(self, _minimum: int, _maximum: int) -> None:
        if self.follows_end:
            self._to_end()

    def _to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
