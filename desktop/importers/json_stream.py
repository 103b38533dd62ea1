"""Reading a JSON file one top-level item at a time, so a 2 GB export is never in memory.

Every format Parley imports is a list of conversations (or one object); the list is read
in chunks and each conversation decoded alone with ``json.JSONDecoder.raw_decode``. The
memory held is about the largest conversation, and a worker thread decoding one gives
the UI thread the interpreter back between items.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, Protocol

from desktop.core.conversation_export import ImportProblem
from desktop.core.text import QT_TRANSLATE_NOOP, Text

CHUNK = 1 << 20
ITEM_LIMIT = 512 << 20
"""A single conversation larger than this (512 MB of text) is refused, not read."""
_SPACE = " \t\r\n"
_DECODER = json.JSONDecoder()


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _problem(template: str, **params: str | int) -> ImportProblem:
    return ImportProblem(Text(template, dict(params)))


class _Buffer:
    def __init__(self, raw: Readable, chunk: int) -> None:
        self._raw = raw
        self._chunk = chunk
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self.text = ""
        self.pos = 0
        self.ended = False

    def more(self) -> bool:
        """Read the next chunk; False at the end of the file."""
        if self.ended:
            return False
        data = self._raw.read(self._chunk)
        try:
            decoded = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise _problem(QT_TRANSLATE_NOOP("core", "The file is not UTF-8 text.")) from error
        if not data:
            self.ended = True
        # drop what was read already, so the buffer holds about one item
        self.text = self.text[self.pos :] + decoded
        self.pos = 0
        return bool(data) or bool(decoded)

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """Decode the next value, reading more of the file until it is whole."""
        self.peek()
        wanted = max(len(self.text) - self.pos, 1)
        while True:
            try:
                item, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self.ended:
                    raise _truncated_or_invalid(self.text, error) from error
                # read until the buffer doubles before trying again (not once per chunk)
                while len(self.text) - self.pos < 2 * wanted and self.more():
                    pass
                wanted = len(self.text) - self.pos
                if wanted > ITEM_LIMIT:
                    raise _problem(
                        QT_TRANSLATE_NOOP(
                            "core",
                            "A conversation in the file (or an app's whole backup, which"
                            " is one piece) is larger than {limit} MB; Parley does not"
                            " read it.",
                        ),
                        limit=ITEM_LIMIT >> 20,
                    ) from error
                continue
            if end == len(self.text) and not self.ended:
                # a number or literal may go on in the next chunk
                self.more()
                continue
            self.pos = end
            return item


def _truncated_or_invalid(text: str, error: json.JSONDecodeError) -> ImportProblem:
    if error.pos >= len(text.rstrip()) - 1 or "Unterminated" in error.msg:
        return _problem(
            QT_TRANSLATE_NOOP("core", "The file ends in the middle: it is incomplete (truncated).")
        )
    return _problem(
        QT_TRANSLATE_NOOP("core", "The file is not valid JSON (line {line}, column {column})."),
        line=error.lineno,
        column=error.colno,
    )


def items(raw: Readable, chunk: int = CHUNK) -> Iterator[Any]:
    """The items of a top-level JSON list, one at a time; a top-level object is one item.

    Raises ImportProblem when the file is not JSON, not UTF-8, or ends too early.
    """
    buffer = _Buffer(raw, chunk)
    first = buffer.peek()
    if first == "":
        raise _problem(QT_TRANSLATE_NOOP("core", "The file is empty."))
    if first != "[":
        yield buffer.value()
        if buffer.peek() != "":
            raise _problem(QT_TRANSLATE_NOOP("core", "The file has more after its JSON."))
        return
    buffer.pos += 1
    if buffer.peek() == "]":
        return
    while True:
        yield buffer.value()
        after = buffer.peek()
        if after == ",":
            buffer.pos += 1
        elif after == "]":
            buffer.pos += 1
            if buffer.peek() != "":
                raise _problem(QT_TRANSLATE_NOOP("core", "The file has more after its JSON."))
            return
        elif after == "":
            raise _problem(
                QT_TRANSLATE_NOOP(
                    "core", "The file ends in the middle: it is incomplete (truncated)."
                )
            )
        else:
            raise _problem(
                QT_TRANSLATE_NOOP("core", "The file is not a JSON list of conversations.")
            )
