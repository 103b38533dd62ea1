"""Plain text, Markdown and source code: decoding and their blocks."""

from __future__ import annotations

import re

from desktop.documents.blocks import BlockKind, DocumentText

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A top-level definition names the section of the code after it.
DEFINITION = re.compile(
    r"^(?:export\s+)?(?:async\s+)?(?:pub\s+)?"
    r"(?:def|class|function|func|fn|interface|struct|impl|module|sub|proc)\s+([A-Za-z_][\w.]*)"
)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; newlines as \\n."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[str]:
    return [part for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


def plain_text(text: str) -> DocumentText:
    document = DocumentText("text")
    for paragraph in paragraphs(text):
        document.add(BlockKind.PARAGRAPH, paragraph)
    return document


def markdown_text(text: str) -> DocumentText:
    """ATX headings, fenced code blocks (kept whole) and paragraphs."""
    document = DocumentText("markdown")
    lines: list[str] = []
    fence: str | None = None
    code: list[str] = []

    def flush() -> None:
        if lines:
            document.add(BlockKind.PARAGRAPH, "\n".join(lines))
            lines.clear()

    for line in text.split("\n"):
        if fence is not None:
            code.append(line)
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                document.add(BlockKind.CODE, "\n".join(code))
                code, fence = [], None
            continue
        opening = FENCE.match(line)
        if opening:
            flush()
            fence, code = opening.group(1), [line]
            continue
        heading = ATX_HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            document.add(BlockKind.HEADING, line.strip(), level=level, title=heading.group(2))
            continue
        if not line.strip():
            flush()
            continue
        lines.append(line)
    flush()
    if code:  # an unclosed fence runs to the end of the file
        document.add(BlockKind.CODE, "\n".join(code))
    return document


def code_text(text: str, language: str) -> DocumentText:
    """Blocks at blank lines; a top-level definition starts a section named after it."""
    document = DocumentText(f"code:{language}")
    for block in paragraphs(text):
        first = block.lstrip("\n").split("\n", 1)[0]
        definition = DEFINITION.match(first)
        if definition and not first[:1].isspace():
            document.open_section(definition.group(1), 1)
        document.add(BlockKind.CODE, block)
    return document
