"""From a file to a :class:`DocumentText`, or a DocumentProblem saying why not.

Blocking (file reads, PDF parsing): the app runs it in a child process
(reader_process.py). A file over :data:`MAX_BYTES` is refused before a byte of it is
read, so a 500 MB file costs nothing and leaves nothing half-indexed.
"""

from __future__ import annotations

from pathlib import Path

from desktop.documents import problems
from desktop.documents.blocks import DocumentText
from desktop.documents.docx_text import docx_text
from desktop.documents.html_text import html_text
from desktop.documents.pdf_text import pdf_text
from desktop.documents.text_formats import code_text, decode, markdown_text, plain_text

MAX_BYTES = 100 * 1024 * 1024
SNIFF_BYTES = 8192

PLAIN = {".txt", ".text", ".log", ".rst", ".csv", ".tsv", ".ini", ".cfg", ".conf", ""}
MARKDOWN = {".md", ".markdown", ".mdown", ".mkd"}
HTML = {".html", ".htm", ".xhtml"}
CODE = {
    ".py": "python", ".pyi": "python", ".js": "javascript", ".mjs": "javascript",
    ".jsx": "javascript", ".ts": "typescript", ".tsx": "typescript", ".c": "c", ".h": "c",
    ".cc": "cpp", ".cpp": "cpp", ".hpp": "cpp", ".cs": "csharp", ".java": "java",
    ".kt": "kotlin", ".go": "go", ".rs": "rust", ".rb": "ruby", ".php": "php",
    ".swift": "swift", ".scala": "scala", ".sh": "shell", ".bash": "shell", ".zsh": "shell",
    ".ps1": "powershell", ".sql": "sql", ".r": "r", ".lua": "lua", ".pl": "perl",
    ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".xml": "xml",
    ".css": "css", ".scss": "scss", ".vue": "vue", ".dart": "dart", ".zig": "zig",
}  # fmt: skip
# Files people may try that are not text: named, so the message says what they are.
KNOWN_BINARY = {
    ".doc": "Word 97–2003", ".xls": "Excel", ".xlsx": "Excel", ".ppt": "PowerPoint",
    ".pptx": "PowerPoint", ".odt": "OpenDocument", ".rtf": "RTF", ".epub": "EPUB",
    ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image", ".gif": "GIF image",
    ".zip": "zip archive", ".exe": "program", ".mp3": "audio", ".mp4": "video",
}  # fmt: skip


def extract(path: Path) -> DocumentText:
    """The text and structure of ``path``; raises DocumentProblem when it has none to give."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise problems.unreadable(name, str(error)) from None
    suffix = path.suffix.lower()
    if suffix in KNOWN_BINARY:
        raise problems.unsupported(name, KNOWN_BINARY[suffix])
    if size > MAX_BYTES:
        raise problems.too_large(name, size, MAX_BYTES)
    if suffix == ".pdf":
        document = pdf_text(path)
    elif suffix == ".docx":
        document = docx_text(path)
    else:
        document = _text_file(path, suffix)
    if not document.blocks:
        raise problems.empty(name)
    return document


def _text_file(path: Path, suffix: str) -> DocumentText:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise problems.unreadable(path.name, str(error)) from None
    known = suffix in PLAIN or suffix in MARKDOWN or suffix in HTML or suffix in CODE
    if not known and not _looks_like_text(data[:SNIFF_BYTES]):
        raise problems.unsupported(path.name, suffix.lstrip(".").upper() or "binary")
    if data.startswith(b"%PDF-"):
        return pdf_text(path)
    text = decode(data)
    if suffix in MARKDOWN:
        return markdown_text(text)
    if suffix in HTML:
        return html_text(text)
    if suffix in CODE:
        return code_text(text, CODE[suffix])
    return plain_text(text)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 4  # a character cut at the sniffing limit
    return True
