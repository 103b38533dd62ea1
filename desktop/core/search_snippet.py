"""A search hit's excerpt as a person wants to read it in one line.

The index gives text as it was written: Markdown with ``` fences, ``#`` headings, ``**``,
list markers, links and blank lines. :func:`clean_snippet` keeps the words and the hit
marks (HIT_START/HIT_END) and drops the rest, collapses whitespace, and starts the line
shortly before the first hit so a narrow row still shows it.
"""

from __future__ import annotations

import re

from desktop.core.conversation import HIT_END, HIT_START

LEAD_CHARS = 24
"""How much text to keep before the first hit."""

_FENCE = re.compile(r"(```+|~~~+)[\w+#.-]*")
_LINE_MARKERS = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"(\*\*|~~)(?=\S)|(?<=\S)(\*\*|~~)")  # not __: __init__
_BACKTICKS = re.compile(r"`+")
_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")
_PIPES = re.compile(r"\s*\|\s*")
_SPACE = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """``text`` without Markdown markers, on one line."""
    text = _FENCE.sub(" ", text)
    text = _LINE_MARKERS.sub(" ", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _BACKTICKS.sub("", text)
    text = _TABLE_RULE.sub(" ", text)
    text = _PIPES.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def clean_snippet(snippet: str, lead: int = LEAD_CHARS) -> str:
    """The excerpt as one clean line that shows its first hit within ``lead`` characters.

    An excerpt cut from a longer text keeps its "…" at the cut ends."""
    cut_before = snippet.startswith("…")
    cut_after = snippet.endswith("…")
    text = plain_text(snippet.strip("…"))
    text = text.replace(f"{HIT_START} ", f" {HIT_START}").replace(f" {HIT_END}", f"{HIT_END} ")
    first = text.find(HIT_START)
    if first > lead:
        start = text.find(" ", first - lead, first)
        start = first - lead if start < 0 else start + 1
        text = text[start:]
        cut_before = True
    text = text.strip()
    return ("…" if cut_before else "") + text + ("…" if cut_after and text else "")


def split_marked(text: str) -> list[tuple[str, bool]]:
    """``text`` as runs of (words, whether they are a hit), marks removed."""
    runs: list[tuple[str, bool]] = []
    hit = False
    for part in re.split(f"([{HIT_START}{HIT_END}])", text):
        if part == HIT_START:
            hit = True
        elif part == HIT_END:
            hit = False
        elif part:
            runs.append((part, hit))
    return runs


def mark_terms(text: str, terms: list[str]) -> str:
    """``text`` with every case-insensitive occurrence of each term marked as a hit."""
    spans: list[tuple[int, int]] = []
    folded = text.casefold()
    if len(folded) != len(text):  # casefold changed lengths (ß → ss): fall back to lower()
        folded = text.lower()
    for term in terms:
        needle = term.casefold() if len(term.casefold()) == len(term) else term.lower()
        start = 0
        while needle and (index := folded.find(needle, start)) >= 0:
            spans.append((index, index + len(needle)))
            start = index + len(needle)
    if not spans:
        return text
    spans.sort()
    merged = [spans[0]]
    for begin, end in spans[1:]:
        if begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    out: list[str] = []
    last = 0
    for begin, end in merged:
        out += [text[last:begin], HIT_START, text[begin:end], HIT_END]
        last = end
    out.append(text[last:])
    return "".join(out)
