"""A finished code block's tokens, by Pygments, as coloured kinds per line (no Qt).

Pygments knows ~600 languages but costs 50–250 ms for 2,000 lines, plus up to 60 ms to
build a lexer the first time: it runs in a worker thread, for finished blocks only (the
growing block keeps the regex highlighter, which costs microseconds a line).

A fence without a language is guessed: a few cheap signs first (shebang, diff headers,
JSON, SQL, Dockerfile, …), then Pygments' ``guess_lexer`` on the first ``GUESS_CHARS``
only (it tries every lexer: ~100 ms for 1,500 characters, and unreliable on little text;
measured here: it calls a 3-line Rust function "Text only"). A guess it is not sure of
leaves the block uncoloured rather than coloured wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GUESS_CHARS = 1500
GUESS_MIN_SCORE = 0.3
"""Pygments' own confidence (0–1) below which a guess is not used."""

Span = tuple[int, int, str]
"""(start, end, kind) in a line, in Python characters."""

_SIGNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\A#!.*\b(?:ba|z)?sh\b"), "bash"),
    (re.compile(r"\A#!.*\bpython"), "python"),
    (re.compile(r"\A(?:diff --git|--- \S.*\n\+\+\+ |@@ -\d)"), "diff"),
    (re.compile(r"\A\s*[\[{]\s*\"", re.ASCII), "json"),
    (re.compile(r"\A\s*(?:FROM\s+\S+)(?:\s+AS\s+\w+)?\s*$", re.MULTILINE), "docker"),
    (re.compile(r"\A\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|WITH)\b", re.IGNORECASE), "sql"),
    (re.compile(r"^\s*(?:def |class \w+[(:]|import \w|from \w[\w.]* import )", re.M), "python"),
    (re.compile(r"^\s*(?:fn |let mut |use \w+::|impl\b|pub fn )", re.M), "rust"),
    (re.compile(r"^\s*(?:package main|func \w+\(|import \()", re.M), "go"),
    (re.compile(r"^\s*(?:#include\s*<|int main\s*\()", re.M), "cpp"),
    (re.compile(r"^\s*(?:const |let |function |export |import .* from )", re.M), "javascript"),
    (re.compile(r"^\s*(?:\$ |sudo |apt(?:-get)? |pip install |npm |cd |ls )", re.M), "console"),
    (re.compile(r"\A(?:---\n)?[\w-]+:(?:\s|$)", re.M), "yaml"),
)


@dataclass(frozen=True, slots=True)
class LexedCode:
    language: str
    """Pygments' name for the language used (or guessed); "" when not coloured."""
    lines: list[list[Span]]
    alias: str = ""
    """The short name a fence would use ("python"), for a guessed language's label."""


def kind_of(token: object, value: str) -> str | None:
    """Our colour kind for a Pygments token type (None: plain)."""
    from pygments import token as t

    if token in t.Comment:
        return "comment"
    if token in t.Keyword.Type or token in t.Name.Builtin or token in t.Name.Class:
        return "type"
    if token in t.Keyword or token in t.Operator.Word or token in t.Generic.Heading:
        return "keyword"
    if token in t.Generic.Subheading or token in t.Name.Tag:
        return "keyword"
    if token in t.String or token in t.Generic.Inserted:
        return "string"
    if token in t.Generic.Deleted:
        return "deleted"
    if token in t.Number or token in t.Literal.Date:
        return "number"
    if token in t.Name.Decorator or token in t.Name.Function or token in t.Name.Attribute:
        return "decorator"
    if token in t.Name and value[:1].isupper() and value[1:2].islower():
        return "type"  # as the regex highlighter does: a capitalised name is a type
    return None


def _guess(code: str) -> str:
    for pattern, name in _SIGNS:
        if pattern.search(code[:GUESS_CHARS]):
            return name
    from pygments.lexers import guess_lexer
    from pygments.util import ClassNotFound

    try:
        lexer = guess_lexer(code[:GUESS_CHARS])
    except ClassNotFound:
        return ""
    score = type(lexer).analyse_text(code[:GUESS_CHARS])
    return lexer.aliases[0] if lexer.aliases and score >= GUESS_MIN_SCORE else ""


def lex(code: str, language: str) -> LexedCode:
    """The tokens of ``code`` in ``language`` (guessed when empty), line by line."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    name = language.strip().lower() or _guess(code)
    if not name or name == "text":
        return LexedCode("", [])
    try:
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=True)  # line rules need \n
    except ClassNotFound:
        return LexedCode("", [])
    lines: list[list[Span]] = [[]]
    column = 0
    for token, value in lexer.get_tokens(code):
        kind = kind_of(token, value)
        for number, part in enumerate(value.split("\n")):
            if number:
                lines.append([])
                column = 0
            if kind is not None and part.strip():
                lines[-1].append((column, column + len(part), kind))
            column += len(part)
    alias = lexer.aliases[0] if lexer.aliases else name
    return LexedCode(lexer.name, lines[: code.count("\n") + 1], alias)
