"""Why a file cannot become a document, in words for the person (one ParleyError)."""

from __future__ import annotations

from enum import Enum

from desktop.core.errors import ParleyError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

MEGABYTE = 1024 * 1024


class Reason(Enum):
    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    ENCRYPTED = "encrypted"
    NO_TEXT = "no_text"
    UNREADABLE = "unreadable"
    READER_STOPPED = "reader_stopped"


class DocumentProblem(ParleyError):
    """A file that cannot be added; ``reason`` says which kind of problem (for tests, UI)."""

    def __init__(self, reason: Reason, message: Text, *, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole: the reading process sends it to the app (reader_process.py)."""
        return (_rebuilt, (self.reason, self.text, self.detail))


def _rebuilt(reason: Reason, message: Text, detail: str) -> DocumentProblem:
    return DocumentProblem(reason, message, detail=detail)


def unsupported(name: str, kind: str) -> DocumentProblem:
    return DocumentProblem(
        Reason.UNSUPPORTED,
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} is a {kind} file, which Parley cannot read. Add PDF, Word (.docx), "
                "Markdown, HTML, plain text or source code files.",
            ),
            name=Text.plain(name),
            kind=Text.plain(kind),
        ),
    )


def too_large(name: str, size: int, limit: int) -> DocumentProblem:
    return DocumentProblem(
        Reason.TOO_LARGE,
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} is {size} MB; Parley reads documents up to {limit} MB. Split it, or "
                "add only the part you want to ask about.",
            ),
            name=Text.plain(name),
            size=round(size / MEGABYTE),
            limit=limit // MEGABYTE,
        ),
    )


def encrypted(name: str, detail: str = "") -> DocumentProblem:
    return DocumentProblem(
        Reason.ENCRYPTED,
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} is protected by a password, so its text cannot be read. Save a copy "
                "without the password and add that.",
            ),
            name=Text.plain(name),
        ),
        detail=detail,
    )


def no_text(name: str, pages: int) -> DocumentProblem:
    return DocumentProblem(
        Reason.NO_TEXT,
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} has no text to read on any of its {pages} pages: it is probably "
                "scanned images. Run it through text recognition (OCR) first, then add it "
                "again.",
            ),
            name=Text.plain(name),
            pages=pages,
        ),
    )


def empty(name: str) -> DocumentProblem:
    return DocumentProblem(
        Reason.NO_TEXT,
        text(
            QT_TRANSLATE_NOOP("core", "{name} contains no text."),
            name=Text.plain(name),
        ),
    )


def unreadable(name: str, detail: str) -> DocumentProblem:
    return DocumentProblem(
        Reason.UNREADABLE,
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} could not be read: the file is damaged or not what its name says.",
            ),
            name=Text.plain(name),
        ),
        detail=detail,
    )


def reader_stopped(name: str, status: int) -> DocumentProblem:
    """The process reading the file ended without an answer (a crash in the PDF library,
    or it was killed): the file is the likely cause, and nothing of it was stored."""
    return DocumentProblem(
        Reason.READER_STOPPED,
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "Parley could not read {name}: its reader stopped (exit status {status}). The "
                "file may be damaged; save a new copy of it from the program that made it, "
                "then add that copy.",
            ),
            name=Text.plain(name),
            status=status,
        ),
    )
