"""An answer's markdown as plain text, for "Copy as plain text": what a person reads,
without the marks (emphasis, headings, fences, table rules, link syntax).

Code keeps every character (its fences go); formulas keep their LaTeX source, which is
how math reads as text; a link keeps its address in brackets; table rows become
tab-separated lines, so they paste into a spreadsheet as cells.
"""

from __future__ import annotations

import re

from desktop.core.markdown_blocks import BlockKind, split_blocks
from desktop.core.math_spans import find_formulas, footnote_marks

_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^ {0,3}(?:[-*_]\s*){3,}$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^(\s*)(?:>\s?)+")
_TASK = re.compile(r"^(\s*)[-*+]\s+\[([ xX])\]\s+")
_BULLET = re.compile(r"^(\s*)[*+]\s+")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def _inline(text: str) -> str:
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:  # inline code is left exactly as written
        spans.append(match[2])
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE_SPAN.sub(keep, text)
    for start, end, formula in reversed(find_formulas(text)):  # so is math
        spans.append(formula.source)
        text = f"{text[:start]}\x00{len(spans) - 1}\x00{text[end:]}"
    text = footnote_marks(text)
    text = _IMAGE.sub(lambda m: f"{m[1] or 'image'} ({m[2]})", text)
    text = _LINK.sub(lambda m: m[1] if m[1] == m[2] else f"{m[1]} ({m[2]})", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m[m.lastindex or 0], text)
    text = _EMPHASIS.sub(lambda m: m[2], text)
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m[1])], text)


def _prose_line(line: str) -> str | None:
    """One line of prose as plain text (None: the line goes)."""
    if _RULE.match(line) or (_TABLE_RULE.match(line) and "-" in line):
        return None
    heading = _HEADING.match(line)
    if heading:
        return _inline(heading[1])
    line = _QUOTE.sub(r"\1", line)
    task = _TASK.match(line)
    if task:
        mark = "☐" if task[2] == " " else "☑"
        line = f"{task[1]}{mark} {line[task.end() :]}"
    else:
        line = _BULLET.sub(r"\1- ", line)
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
        return "\t".join(_inline(cell) for cell in cells)
    return _inline(line)


def plain_text(markdown: str) -> str:
    """``markdown`` as a person would type it into a plain text editor."""
    out: list[str] = []
    for block in split_blocks(markdown):
        if block.kind is BlockKind.CODE:
            out.append(block.code + "\n")
            continue
        lines = [_prose_line(line) for line in block.source.split("\n")]
        out.append("\n".join(line for line in lines if line is not None))
    return "".join(out).strip("\n") + ("\n" if markdown.endswith("\n") else "")
