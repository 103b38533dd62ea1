"""Syntax colours for code blocks: a small regex tokenizer, applied line by line, until
Pygments' tokens for a finished block arrive (core.code_tokens, render.code_colours); a
line that has them (``LexedLine``) is coloured from them.

QSyntaxHighlighter re-colours only the lines that change, so a code block that grows
while streaming costs one line of work per new line. A regex per language family
(keywords, strings, comments, numbers, decorators) costs tens of microseconds a line,
an order of magnitude less than a full lexer, which matters at thousands of tokens per
second. Block comments and triple-quoted strings carry over between lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextLayout,
)

from desktop.ui.render.utf16 import utf16_length

PYTHON_WORDS = (
    "False None True and as assert async await break class continue def del elif else except "
    "finally for from global if import in is lambda nonlocal not or pass raise return try "
    "while with yield match case self print len range"
)
C_WORDS = (
    "auto break case catch char class const constexpr continue default delete do double else "
    "enum explicit extern false final float for friend goto if inline int long namespace new "
    "noexcept nullptr operator private protected public return short signed sizeof static "
    "struct switch template this throw true try typedef typename union unsigned using virtual "
    "void volatile while boolean byte extends implements import instanceof interface package "
    "super synchronized throws var val fun func go defer chan map range type fn let mut impl "
    "pub use mod crate trait where match loop move ref self Self async await string bool"
)
JS_WORDS = (
    "async await break case catch class const continue debugger default delete do else "
    "export extends false finally for from function if import in instanceof let new null "
    "of return static super switch this throw true try typeof undefined var void while with "
    "yield interface type enum implements readonly as"
)
SHELL_WORDS = (
    "if then else elif fi for while until do done case esac function in return exit export "
    "local echo cd set unset source sudo"
)
SQL_WORDS = (
    "select from where insert into values update set delete create table index drop alter "
    "join left right inner outer on group by order having limit offset and or not null as "
    "primary key references distinct union all case when then else end"
)


@dataclass(frozen=True, slots=True)
class Grammar:
    pattern: re.Pattern[str]
    spans: tuple[tuple[str, str, str], ...]
    """(opening, closing, kind) of constructs that may run over several lines."""


def _grammar(
    words: str,
    *,
    line_comment: str,
    spans: tuple[tuple[str, str, str], ...] = (),
    ignore_case: bool = False,
    decorators: bool = False,
) -> Grammar:
    span_openers = "|".join(re.escape(opening) for opening, _, _ in spans)
    parts = []
    if span_openers:
        parts.append(f"(?P<span>{span_openers})")
    if line_comment:
        parts.append(f"(?P<comment>{line_comment}.*$)")
    parts += [
        r"(?P<string>\"(?:[^\"\\]|\\.)*\"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)",
        r"(?P<number>\b(?:0[xXbBoO][0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)\b)",
    ]
    if decorators:
        parts.append(r"(?P<decorator>@[\w.]+)")
    if words:
        parts.append(r"(?P<keyword>\b(?:" + "|".join(words.split()) + r")\b)")
    parts.append(r"(?P<type>\b[A-Z][A-Za-z0-9_]*\b)")
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    return Grammar(re.compile("|".join(parts), flags), spans)


PYTHON = _grammar(
    PYTHON_WORDS,
    line_comment="#",
    spans=(('"""', '"""', "string"), ("'''", "'''", "string")),
    decorators=True,
)
C_LIKE = _grammar(C_WORDS, line_comment="//", spans=(("/*", "*/", "comment"),), decorators=True)
JAVASCRIPT = _grammar(JS_WORDS, line_comment="//", spans=(("/*", "*/", "comment"),))
SHELL = _grammar(SHELL_WORDS, line_comment="#")
SQL = _grammar(SQL_WORDS, line_comment="--", spans=(("/*", "*/", "comment"),), ignore_case=True)
GENERIC = _grammar("", line_comment="(?:#|//)")

LANGUAGES: dict[str, Grammar] = {
    **dict.fromkeys(("python", "py", "python3", "py3", "pyi"), PYTHON),
    **dict.fromkeys(
        (
            "c",
            "h",
            "cpp",
            "c++",
            "cc",
            "hpp",
            "java",
            "cs",
            "csharp",
            "go",
            "golang",
            "rust",
            "rs",
            "kotlin",
            "kt",
            "swift",
            "scala",
            "dart",
            "zig",
        ),
        C_LIKE,
    ),
    **dict.fromkeys(
        ("js", "javascript", "jsx", "ts", "typescript", "tsx", "mjs", "json"), JAVASCRIPT
    ),
    **dict.fromkeys(("bash", "sh", "shell", "zsh", "console", "powershell", "ps1"), SHELL),
    **dict.fromkeys(("sql", "sqlite", "postgresql", "mysql"), SQL),
}

LIGHT = {
    "keyword": "#6d28d9",
    "string": "#116329",
    "comment": "#596270",
    "number": "#953800",
    "decorator": "#0a5f75",
    "type": "#1d4ed8",
    "deleted": "#b42318",
}
DARK = {
    "keyword": "#c9b1ff",
    "string": "#a5d6a0",
    "comment": "#9ea7b3",
    "number": "#f2b872",
    "decorator": "#79d8e8",
    "type": "#8fb8ff",
    "deleted": "#ff9e94",
}
"""Token colours, each at least 4.5:1 (WCAG AA) against a code block in its theme, with
room to spare: 4.8:1 or more on backgrounds up to #e3e3e3 (light) and #33363b (dark)
(tests/ui/render/test_code_contrast.py measures them on the drawn block)."""


def grammar_for(language: str) -> Grammar | None:
    """The grammar for a fence's language name, a generic one for other names, or None."""
    if not language:
        return None
    return LANGUAGES.get(language.lower(), GENERIC)


@cache
def _format(kind: str, dark: bool) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setForeground(QColor((DARK if dark else LIGHT)[kind]))
    if kind == "keyword":
        char_format.setFontWeight(QFont.Weight.DemiBold)
    if kind == "comment":
        char_format.setFontItalic(True)
    return char_format


LANGUAGE = QTextFormat.Property.UserProperty.value + 1
"""Block format property naming the language of a code line; other lines are not coloured."""


def apply_lexed(block: QTextBlock, spans: list[tuple[int, int, str]], *, dark: bool) -> None:
    """Colour a code line from Pygments' tokens, now and whenever it is highlighted again;
    the caller lays the changed lines out (QTextDocument.markContentsDirty)."""
    block.setUserData(LexedLine(spans))
    text = block.text()
    wide = not text.isascii()
    ranges = []
    for start, end, kind in spans:
        if wide:
            start, end = utf16_length(text[:start]), utf16_length(text[:end])
        colour = QTextLayout.FormatRange()
        colour.start, colour.length, colour.format = start, end - start, _format(kind, dark)
        ranges.append(colour)
    block.layout().setFormats(ranges)


class LexedLine(QTextBlockUserData):
    """A code line's tokens by Pygments: (start, end, kind) in Python characters."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        super().__init__()
        self.spans = spans


class CodeHighlighter(QSyntaxHighlighter):
    """Colours the code lines of a whole document, each in the language its block names."""

    def __init__(self, document: QTextDocument, *, dark: bool) -> None:
        super().__init__(document)
        self._dark = dark

    @property
    def dark(self) -> bool:
        return self._dark

    def set_dark(self, dark: bool) -> None:
        """Colour for the dark (or light) look from now on, the code shown included."""
        if dark != self._dark:
            self._dark = dark
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        language = self.currentBlock().blockFormat().property(LANGUAGE)
        lexed = self.currentBlockUserData()
        if isinstance(lexed, LexedLine):
            self._paint_lexed(text, lexed.spans)
            return
        grammar = grammar_for(language) if isinstance(language, str) else None
        self.setCurrentBlockState(-1)
        if grammar is None or not text:
            return
        position = 0
        inside = self.previousBlockState()
        wide = not text.isascii()

        def paint(start: int, end: int, kind: str) -> None:
            if wide:
                start, end = utf16_length(text[:start]), utf16_length(text[:end])
            self.setFormat(start, end - start, _format(kind, self._dark))

        if 0 <= inside < len(grammar.spans):
            _, closing, kind = grammar.spans[inside]
            end = text.find(closing)
            if end < 0:
                paint(0, len(text), kind)
                self.setCurrentBlockState(inside)
                return
            paint(0, end + len(closing), kind)
            position = end + len(closing)
        while (match := grammar.pattern.search(text, position)) is not None:
            kind = match.lastgroup or ""
            position = match.end()
            if kind != "span":
                paint(match.start(), position, kind)
                continue
            index = next(i for i, span in enumerate(grammar.spans) if span[0] == match[0])
            _, closing, span_kind = grammar.spans[index]
            end = text.find(closing, position)
            if end < 0:
                paint(match.start(), len(text), span_kind)
                self.setCurrentBlockState(index)
                return
            position = end + len(closing)
            paint(match.start(), position, span_kind)

    def _paint_lexed(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        wide = not text.isascii()
        for start, end, kind in spans:
            if wide:
                start, end = utf16_length(text[:start]), utf16_length(text[:end])
            self.setFormat(start, end - start, _format(kind, self._dark))
