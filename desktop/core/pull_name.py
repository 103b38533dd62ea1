"""Check a model name typed into the pull field, and suggest fixes for common mistakes.

The rules follow Ollama's ``types/model/name.go``: ``[host/][namespace/]model[:tag][@digest]``,
each part starting with a letter, digit or ``_`` and holding letters, digits, ``_ - .``; a
namespace has no dot and only the host may carry a ``:port``. Names on ollama.com are lower
case; Hugging Face names keep their case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.model_tags import (
    DEFAULT_NAMESPACE,
    EXPLANATIONS,
    KNOWN_FAMILIES,
    NameParts,
    normalize_quantization,
    split_family,
    split_name,
)
from desktop.core.text import NOTHING, Text

_DIGEST_RE = re.compile(r"^sha256[:-][0-9a-f]{64}$", re.IGNORECASE)
_NAME_CHARS = re.compile(r"[A-Za-z0-9._:/@-]")


@dataclass(frozen=True, slots=True)
class NameCheck:
    """Verdict on a name typed into the pull field.

    ``ok`` means the name can be sent as ``normalized``. A ``problem`` on an ok name is only a
    hint (an unknown family close to a known one); on a name that is not ok it says what is
    wrong, and ``suggestions`` lists corrected names, best first.
    """

    ok: bool
    normalized: str
    problem: Text = NOTHING
    """What is wrong or worth knowing, as a Text the UI puts in words (empty: nothing)."""
    suggestions: tuple[str, ...] = ()


def _said(key: str, **params: str) -> Text:
    return Text(EXPLANATIONS[key], params)


def _joined(parts: list[Text]) -> Text:
    """Several sentences one after another."""
    if len(parts) == 1:
        return parts[0]
    fields = " ".join(f"{{p{index}}}" for index in range(len(parts)))
    return Text(fields, {f"p{index}": part for index, part in enumerate(parts)})


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _squash(family: str) -> str:
    return re.sub(r"[-_. ]", "", family.lower())


def near_families(family: str, limit: int = 3) -> list[str]:
    """Well-known families within a small edit distance of ``family``, closest first."""
    lowered = family.lower()
    reach = 1 if len(lowered) <= 4 else 2
    scored = sorted(
        (distance, known)
        for known in KNOWN_FAMILIES
        if (distance := _edit_distance(lowered, known)) <= reach
    )
    return [known for _, known in scored[:limit]]


def _with_tag(model: str, parts: NameParts) -> str:
    return f"{model}:{parts.tag}" if parts.tag else model


def _fix_quotes(text: str) -> str:
    return text.strip("\"'`“”‘’").strip()


def _fix_command(text: str) -> str:
    match = re.match(r"^ollama\s+(?:pull|run)\s+(.*)$", text, re.IGNORECASE)
    if not match:
        return text
    words = [word for word in match.group(1).split() if not word.startswith("-")]
    return " ".join(words)


def _fix_url(text: str) -> str:
    hugging = re.match(
        r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([^/\s?#]+)/([^/\s?#:]+)(:[^/\s?#]+)?",
        text,
        re.IGNORECASE,
    )
    if hugging:
        return f"hf.co/{hugging.group(1)}/{hugging.group(2)}{hugging.group(3) or ''}"
    ollama = re.match(r"^(?:https?://)?(?:www\.)?ollama\.com/([^?#\s]*)", text, re.IGNORECASE)
    if not ollama:
        return text
    segments = [segment for segment in ollama.group(1).split("/") if segment]
    if segments and segments[0].lower() == DEFAULT_NAMESPACE:
        segments = segments[1:]
    if not segments:
        return text
    if len(segments) >= 2 and segments[1].lower() not in {"tags", "blobs"}:
        return f"{segments[0]}/{segments[1]}"
    return segments[0]


def _fix_separator(text: str) -> str:
    text = text.replace("=", ":")
    return re.sub(r"@(?!sha256[:-])", ":", text, flags=re.IGNORECASE)


def _join_words(text: str) -> list[str]:
    """Ways to join a name typed with spaces, best first."""
    text = re.sub(r"\s*([:/])\s*", r"\1", text)
    words = text.split()
    if len(words) < 2:
        return [text]
    if ":" in text:
        return ["-".join(words)]
    for count in range(len(words), 0, -1):
        family = "-".join(words[:count]).lower()
        if family in KNOWN_FAMILIES:
            rest = "-".join(words[count:])
            joined = "-".join(words[:count])
            return [f"{joined}:{rest}" if rest else joined]
    return [f"{words[0]}:{'-'.join(words[1:])}", "-".join(words)]


def _fix_colons(text: str) -> str:
    text = re.sub(r":{2,}", ":", text).rstrip(":/")
    head, slash, last = text.rpartition("/")
    model, colon, tag = last.partition(":")
    return f"{head}{slash}{model}{colon}{tag.replace(':', '-')}"


def _canonical_tag(tag: str) -> str:
    tokens = tag.split("-")
    return "-".join(normalize_quantization(token) or token.lower() for token in tokens)


def _fix_case(text: str) -> str:
    parts = split_name(text)
    if parts.host:
        return text
    prefix = f"{parts.namespace.lower()}/" if parts.namespace else ""
    name = f"{prefix}{parts.model.lower()}"
    if parts.tag:
        name = f"{name}:{_canonical_tag(parts.tag)}"
    return f"{name}@{parts.digest}" if parts.digest else name


def _syntax_problem(text: str) -> Text | None:
    """Why Ollama would reject this name, or "" if it would accept it."""
    illegal = sorted({char for char in text if not _NAME_CHARS.fullmatch(char)})
    if illegal:
        shown = " ".join("space" if char.isspace() else char for char in illegal)
        return _said("check.characters", chars=shown)
    parts = split_name(text)
    if text.count("@") > 1 or (parts.digest and not _DIGEST_RE.match(parts.digest)):
        return _said("check.digest")
    if not parts.model:
        return _said("check.missing_model")
    if text.partition("@")[0].count("/") > 2:
        return _said("check.slashes")
    if ":" in parts.tag or (parts.has_colon and not parts.tag):
        return _said("check.colons")
    if ".." in text:
        return _said("check.dots")
    if "." in parts.namespace:
        return _said("check.namespace_dot")
    checked = [
        (parts.model, 80, False),
        (parts.tag, 80, False),
        (parts.namespace, 80, False),
        (parts.host, 350, True),
    ]
    for part, longest, may_have_port in checked:
        if len(part) > longest:
            return _said("check.too_long")
        if part and not (part[0].isalnum() or part[0] == "_"):
            return _said("check.bad_start")
        if not may_have_port and ":" in part:
            return _said("check.colons")
    return None


def _family_fix(text: str) -> tuple[str, Text | None]:
    """A known family written with other separators, or with the size glued on."""
    parts = split_name(text)
    if parts.host or parts.namespace or parts.digest or parts.model in KNOWN_FAMILIES:
        return text, None
    squashed = _squash(parts.model)
    for known in KNOWN_FAMILIES:
        if _squash(known) == squashed:
            message = _said("check.family_separators", family=known)
            return _with_tag(known, parts), message
    family, tail = split_family(parts.model)
    if tail and family in KNOWN_FAMILIES:
        tag = "-".join(tail + ([parts.tag] if parts.tag else []))
        return f"{family}:{tag}", _said("check.size_in_name")
    return text, None


def _near_miss_check(name: str) -> NameCheck:
    parts = split_name(name)
    if parts.host or parts.namespace or parts.model in KNOWN_FAMILIES:
        return NameCheck(True, name)
    guesses = near_families(parts.model)
    if not guesses:
        return NameCheck(True, name)
    problem = _said("check.unknown_family", family=parts.model, guess=guesses[0])
    return NameCheck(True, name, problem, tuple(_with_tag(guess, parts) for guess in guesses))


def _without_illegal(text: str) -> tuple[str, ...]:
    """Suggestions for a name once the characters Ollama forbids are dropped."""
    cleaned = "".join(char for char in text if _NAME_CHARS.fullmatch(char))
    if not cleaned or cleaned == text:
        return ()
    retry = validate_pull_name(cleaned)
    return (retry.normalized,) if retry.ok else retry.suggestions


_FIXES = (
    (_fix_quotes, "check.quotes"),
    (_fix_command, "check.command"),
    (_fix_url, "check.url"),
    (_fix_separator, "check.separator"),
)


def validate_pull_name(text: str) -> NameCheck:
    """Check a name typed into the pull field and suggest fixes for common mistakes."""
    candidate = text.strip()
    if not candidate:
        return NameCheck(False, "", _said("check.empty"))
    messages: list[Text] = []
    for fix, key in _FIXES:
        fixed = fix(candidate)
        if fixed != candidate:
            messages.append(_said(key))
            candidate = fixed
    joined = _join_words(candidate)
    if joined[0] != candidate:
        messages.append(_said("check.spaces"))
    alternatives = [_fix_colons(option) for option in joined]
    if alternatives[0] != joined[0]:
        messages.append(_said("check.colons"))
    candidate = alternatives[0]
    if _syntax_problem(candidate) is None:
        cased = _fix_case(candidate)
        if cased != candidate:
            has_upper = candidate != candidate.lower()
            messages.append(_said("check.case" if has_upper else "check.quant_case"))
            candidate = cased
        candidate, message = _family_fix(candidate)
        if message:
            messages.append(message)
    problem = _syntax_problem(candidate)
    if problem:
        return NameCheck(False, "", _joined([*messages, problem]), _without_illegal(candidate))
    hint = _near_miss_check(candidate)
    if not messages:
        return hint
    valid = [option for option in alternatives[1:] if _syntax_problem(option) is None]
    suggestions = [*hint.suggestions, candidate, *[_fix_case(option) for option in valid]]
    unique = tuple(dict.fromkeys(suggestions))
    return NameCheck(False, "", _joined(messages), unique)
