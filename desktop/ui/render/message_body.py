"""What a message shows its text in: the answer's markdown or the person's plain words.

A bubble talks to its body through this small protocol instead of asking which kind it
is; a streaming answer's body is fed by the answer renderer alone.
"""

from __future__ import annotations

from typing import Protocol

from desktop.ui.render.auto_height_browser import NaturalWidthBrowser


class MessageBody(Protocol):
    def set_text(self, text: str) -> None:
        """Show a complete text (replaces what was shown)."""

    def text(self) -> str:
        """Exactly the text shown (not the rendered document)."""

    def plain_text(self) -> str:
        """The text as rendered."""


class PlainTextBody(NaturalWidthBrowser):
    """The person's words as they wrote them."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""

    def set_text(self, text: str) -> None:
        self._text = text
        self.setPlainText(text)

    def text(self) -> str:
        return self._text

    def plain_text(self) -> str:
        return self.toPlainText()
