"""Collect the sentences Parley's Qt-free modules can show a person, for Qt's translation tools.

desktop/core, desktop/providers and desktop/storage never import Qt, so their messages
(errors, model explanations, notices) cannot call tr(). This script reads their source,
keeps every string or f-string that reads like a sentence, turns f-string fields into
named placeholders ("{where} refused access (HTTP {status})") and writes
desktop/ui/i18n_core_catalog.py: QT_TRANSLATE_NOOP markers that lupdate puts in the .ts
under the "core" context. At run time desktop/ui/i18n_core.py matches a message against
these templates and translates it, fields included.

    python packaging/i18n/extract_core_strings.py          # rewrite the catalog
    python packaging/i18n/extract_core_strings.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("desktop/core", "desktop/providers", "desktop/storage")
UI_SOURCES = "desktop/ui"
CATALOG = ROOT / "desktop" / "ui" / "i18n_catalog.py"
CONTEXT = "core"

_WORD = re.compile(r"[A-Za-z]{2,}")
_FIELD = re.compile(r"\{[^{}]*\}")
_SQL = re.compile(
    r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|ALTER|WITH|DROP|AND|ROLLBACK|FROM|ORDER|WHERE)\b"
)
_COLUMNS = re.compile(r"\s*\w+(\.\w+)?(\s*,\s*\w+(\.\w+)?)+\s*")
"""A list of column names (``id, title, updated_at``): SQL, not a sentence."""
_LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
_SKIP_FUNCTIONS = {"__repr__"}
_MARKERS = ("%(", "(?", "\\s", "\\d", "[^", "^(", "{%", "<details>")
NOT_SHOWN = frozenset(
    {
        # Matched against what a server says; never shown.
        "no space left on device",
        "not enough space",
        "file does not exist",
        "verifying sha256 digest",
        "removing unused layers",
        # Log-only details carried in ProviderError.detail.
        "the stream ended without a success line",
        "the stream ended without a done line",
        "the stream ended without message_stop",
        "the stream ended without a finish reason or [DONE]",
        "no bytes for {stall} s",
        # Programming errors and internals, not for a person.
        "Settings cannot check a field of type {annotation}; teach _conforms",
        "no provider preset {preset_id}; known presets: {known}",
        "no conversation with id {conversation_id}",
        "no message with id {message_id}",
    }
)
# Too short for the sentence test, but shown: the "where" of most provider errors.
SHOWN_ANYWAY = frozenset({"{service} at {url}"})


def _name_of(node: ast.expr) -> str:
    """A readable placeholder name for an f-string field, e.g. self._endpoint.where -> where."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        if node.attr.startswith("__"):
            return _name_of(node.value)
        return node.attr
    if isinstance(node, ast.Call):
        for arg in node.args:
            return _name_of(arg)
        return _name_of(node.func)
    if isinstance(node, ast.BoolOp):
        return _name_of(node.values[0])
    for child in ast.walk(node):
        if child is not node and isinstance(child, ast.Name | ast.Attribute):
            return _name_of(child)
    return "value"


def _template(node: ast.JoinedStr) -> str:
    parts: list[str] = []
    used: dict[str, str] = {}
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            continue
        assert isinstance(value, ast.FormattedValue)
        source = ast.unparse(value.value)
        name = _name_of(value.value).strip("_").lower() or "value"
        if used.get(name, source) != source:
            number = 2
            while f"{name}{number}" in used and used[f"{name}{number}"] != source:
                number += 1
            name = f"{name}{number}"
        used[name] = source
        parts.append("{" + name + "}")
    return "".join(parts)


def _reads_like_a_sentence(text: str) -> bool:
    if text in SHOWN_ANYWAY:
        return True
    literal = _FIELD.sub("", text)
    if len(_WORD.findall(literal)) < 3 or " " not in literal.strip():
        return False
    if _SQL.match(text) or _COLUMNS.fullmatch(text) or any(m in text for m in _MARKERS):
        return False
    return text.strip() not in NOT_SHOWN


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Docstrings, log calls, __repr__ bodies and the pieces inside f-strings."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(value) for value in node.values)
        is_log = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LOG_METHODS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"log", "logger", "logging"}
        )
        if is_log or (isinstance(node, ast.FunctionDef) and node.name in _SKIP_FUNCTIONS):
            skipped.update(id(child) for child in ast.walk(node) if child is not node)
    return skipped


def strings_in(source: str) -> Iterator[str]:
    tree = ast.parse(source)
    skipped = _skipped_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            text = _template(node)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if _reads_like_a_sentence(text):
            yield text.strip()


def collect(root: Path = ROOT) -> list[str]:
    found: dict[str, None] = {}
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            for text in strings_in(path.read_text(encoding="utf-8")):
                found.setdefault(text, None)
    return sorted(found)


def _quoted(text: str) -> str:
    """A literal as ruff format writes it: double quotes unless that needs more escapes."""
    if '"' in text and "'" not in text:
        return repr(text)
    body = repr(text)[1:-1] if repr(text)[0] == "'" else repr(text)[1:-1].replace("\\'", "'")
    return '"' + body.replace("\\'", "'").replace('"', '\\"') + '"'


def _wrapper_context(tree: ast.Module) -> str | None:
    """The literal context of a module's ``_tr(text)`` helper around QCoreApplication.translate."""
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.name == "_tr"):
            continue
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "translate"
                and call.args
            ):
                first = call.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    return first.value
                if isinstance(first, ast.Name):
                    return constants.get(first.id)
    return None


def wrapped_ui_strings(root: Path = ROOT) -> list[tuple[str, str]]:
    """(context, text) of ``_tr("…")`` calls in UI modules: lupdate cannot see through them."""
    found: dict[tuple[str, str], None] = {}
    for path in [*sorted((root / UI_SOURCES).rglob("*.py")), root / "desktop" / "app.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = _wrapper_context(tree)
        if context is None:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault((context, node.args[0].value), None)
    return sorted(found)


def render(templates: list[str], wrapped: list[tuple[str, str]]) -> str:
    lines = [
        "# ruff: noqa: E501",
        '"""Generated by packaging/i18n/extract_core_strings.py: do not edit by hand.',
        "",
        "Every sentence desktop/core, desktop/providers and desktop/storage can show a person,",
        'f-string fields named, so that lupdate puts them in the .ts (context "core"), and',
        "the UI texts that modules translate through a ``_tr`` helper lupdate cannot read.",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEMPLATES: tuple[object, ...] = (",
    ]
    lines += [f'    QT_TRANSLATE_NOOP("{CONTEXT}", {_quoted(text)}),' for text in templates]
    lines += [")", "", "WRAPPED: tuple[object, ...] = ("]
    lines += [f'    QT_TRANSLATE_NOOP("{ctx}", {_quoted(text)}),' for ctx, text in wrapped]
    lines.append(")")
    return "\n".join(lines) + "\n"


def formatted(source: str) -> str:
    """``source`` as ruff format writes it, so the generated file passes the format check."""
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(CATALOG), "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


def main(argv: list[str]) -> int:
    wanted = formatted(render(collect(), wrapped_ui_strings()))
    current = CATALOG.read_text(encoding="utf-8") if CATALOG.exists() else ""
    if "--check" in argv:
        if wanted != current:
            print(f"{CATALOG.relative_to(ROOT)} is out of date: run {Path(__file__).name}")
            return 1
        return 0
    if wanted != current:
        CATALOG.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
