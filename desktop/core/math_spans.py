"""Finds the formulas in a block of markdown prose, and hides them from the markdown parser.

Delimiters: display ``$$…$$`` and ``\\[…\\]`` (may span lines), inline ``\\(…\\)`` and
``$…$``. A single ``$`` follows the rules pandoc uses so that prices stay text: the
opening one is followed by a non-space, the closing one is preceded by a non-space and
not followed by a digit, and both sit on one line ("$5 and $10", "$5-$10" are text).
``\\$`` is a dollar sign. Nothing inside an inline code span is math.

A formula is only found once its closing delimiter is there, so a streaming answer shows
an unfinished formula as the text it is so far, and the formula once it closes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

PLACEHOLDER_BASE = 0xE000
"""Formula ``n`` of a block stands in the markdown as the private-use character
``PLACEHOLDER_BASE + n`` (one UTF-16 unit, left alone by the markdown parser)."""
MAX_FORMULAS = 0x1800
"""More formulas than this in one block stay text (the private-use area's size)."""
PLACEHOLDERS = re.compile(f"[{chr(PLACEHOLDER_BASE)}-{chr(PLACEHOLDER_BASE + MAX_FORMULAS - 1)}]")
"""Any placeholder character (found by one scan, not a test per character)."""

_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_DISPLAY = re.compile(r"\$\$(?P<dollar>.+?)\$\$|\\\[(?P<bracket>.+?)\\\]", re.DOTALL)
_INLINE = re.compile(
    r"\\\((?P<paren>[^\n]+?)\\\)"
    r"|(?<![\\$])\$(?P<dollar>[^\s$](?:[^\n$]*?[^\s$\\])?)\$(?![\d$])"
)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:[ \t]*", re.MULTILINE)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_PAIRED = "b|i|em|strong|sub|sup|u|s|del|kbd|mark|small|code"
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)")


@dataclass(frozen=True, slots=True)
class Formula:
    source: str
    """Exactly as written, delimiters included (what copying gives back)."""
    latex: str
    """Between the delimiters."""
    display: bool


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _CODE_SPAN.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_formulas(text: str) -> list[tuple[int, int, Formula]]:
    """The formulas of ``text`` as (start, end, formula), in order, not overlapping."""
    code = _code_spans(text)
    found: list[tuple[int, int, Formula]] = []
    for match in _DISPLAY.finditer(text):
        latex = match["dollar"] if match["dollar"] is not None else match["bracket"]
        if latex.strip() and not _inside(code, *match.span()):
            found.append((match.start(), match.end(), Formula(match[0], latex.strip(), True)))
    taken = code + [(start, end) for start, end, _ in found]
    for match in _INLINE.finditer(text):
        latex = match["paren"] if match["paren"] is not None else match["dollar"]
        if latex.strip() and not _inside(taken, *match.span()):
            found.append((match.start(), match.end(), Formula(match[0], latex.strip(), False)))
    found.sort(key=lambda item: item[0])
    return found[:MAX_FORMULAS]


def placeholder(index: int) -> str:
    return chr(PLACEHOLDER_BASE + index)


def formula_index(char: str) -> int | None:
    """The formula a placeholder character stands for (None: not a placeholder)."""
    index = ord(char) - PLACEHOLDER_BASE
    return index if 0 <= index < MAX_FORMULAS else None


@dataclass(frozen=True, slots=True)
class PreparedProse:
    markdown: str
    """The prose for the markdown parser: formulas replaced by placeholders, images
    by links, footnote marks by superscripts."""
    formulas: list[Formula]


def prepare_prose(text: str) -> PreparedProse:
    """Markdown ready for a parser that knows no math, images fetched by nobody and no
    footnotes. Formulas are hidden (see :func:`placeholder`); ``![alt](url)`` becomes a
    link to the image (opening it is the person's choice); ``[^1]`` becomes ¹ and a
    footnote's definition line starts with it."""
    if "$" not in text and "\\" not in text and "[" not in text and "<" not in text:
        return PreparedProse(text, [])  # the common case: nothing to look at
    formulas: list[Formula] = []
    parts: list[str] = []
    last = 0
    for start, end, formula in find_formulas(text):
        parts += [text[last:start], placeholder(len(formulas))]
        formulas.append(formula)
        last = end
    parts.append(text[last:])
    markdown = "".join(parts)
    if "<" in markdown:
        markdown = _outside_code(markdown, _safe_html)
    if "[" in markdown:
        markdown = _outside_code(markdown, _links_and_notes)
    return PreparedProse(markdown, formulas)


def _image_link(tag: re.Match[str]) -> str:
    attributes = {
        m[1].lower(): m[2] if m[2] is not None else m[3] for m in _ATTRIBUTE.finditer(tag[0])
    }
    source = attributes.get("src", "")
    return f"[🖼 {attributes.get('alt') or source}]({source})" if source else ""


def _safe_html(text: str) -> str:
    """Raw HTML that Qt's markdown reader would swallow the rest of the paragraph into
    (an unclosed ``<br>``, ``<img …>``, ``Vec<T>``): a line break, a link, or text.
    Simple paired tags that are closed later (``<b>…</b>``, ``<sub>``) stay HTML."""
    text = _BREAK.sub("<br/>", text)
    text = _IMG_TAG.sub(_image_link, text)

    def tag(match: re.Match[str]) -> str:
        name = match[2].lower()
        if name == "br" or (
            re.fullmatch(_PAIRED, name)
            and (match[1] or f"</{name}>" in text[match.end() :].lower())
        ):
            return match[0]
        return "\\" + match[0]  # shown as written

    return _TAG.sub(tag, text)


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of ``text`` that are not inline code."""
    parts: list[str] = []
    last = 0
    for start, end in _code_spans(text):
        parts += [change(text[last:start]), text[start:end]]
        last = end
    parts.append(change(text[last:]))
    return "".join(parts)


def _superscript(label: str) -> str:
    return label.translate(_SUPERSCRIPT) if label.isdigit() else f"[{label}]"


def footnote_marks(text: str) -> str:
    """``[^1]`` as ¹, and a footnote's definition line starting with it."""
    text = _FOOTNOTE_DEF.sub(lambda m: _superscript(m["label"]) + " ", text)
    return _FOOTNOTE_REF.sub(lambda m: _superscript(m["label"]), text)


def _links_and_notes(text: str) -> str:
    text = _IMAGE.sub(lambda m: f"[🖼 {m['alt'] or m['url']}]({m['url']})", text)
    return footnote_marks(text)
