"""Names typed into the pull field: accepted, refused with a fix, or hinted at."""

from __future__ import annotations

import random
import string
from typing import NamedTuple

import pytest

from desktop.core.model_tags import KNOWN_FAMILIES
from desktop.core.pull_name import NameCheck, near_families, validate_pull_name

REAL_NAMES = [
    "qwen3:4b-instruct-2507-q4_K_M",
    "qwen3-embedding:0.6b-q8_0",
    "llama3.1:8b-instruct-q4_K_M",
    "gemma3n:e2b",
    "mixtral:8x7b",
    "deepseek-r1:1.5b-qwen-distill-q4_K_M",
    "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
    "all-minilm:22m",
    "huihui_ai/deepseek-r1-abliterated:8b",
]


class Fix(NamedTuple):
    typed: str
    suggestion: str
    problem_word: str


TYPO_FIXES = [
    Fix("Llama3", "llama3", "lower case"),
    Fix("Qwen3:4B", "qwen3:4b", "lower case"),
    Fix("llama3.1:8b-instruct-Q4_K_M", "llama3.1:8b-instruct-q4_K_M", "lower case"),
    Fix("qwen3:4b-q4_k_m", "qwen3:4b-q4_K_M", "q4_K_M"),
    Fix("qwen3 4b", "qwen3:4b", "spaces"),
    Fix("llama3.1:8b instruct q4_K_M", "llama3.1:8b-instruct-q4_K_M", "spaces"),
    Fix("deepseek r1", "deepseek-r1", "spaces"),
    Fix("nomic embed text", "nomic-embed-text", "spaces"),
    Fix("qwen3=4b", "qwen3:4b", "':'"),
    Fix("qwen3@4b", "qwen3:4b", "':'"),
    Fix("ollama pull qwen3:4b", "qwen3:4b", "ollama command"),
    Fix("ollama run llama3.2 --verbose", "llama3.2", "ollama command"),
    Fix("OLLAMA RUN gemma3", "gemma3", "ollama command"),
    Fix("https://ollama.com/library/qwen3", "qwen3", "web address"),
    Fix("https://ollama.com/library/qwen3:4b", "qwen3:4b", "web address"),
    Fix("ollama.com/library/gemma3/tags", "gemma3", "web address"),
    Fix("https://ollama.com/huihui_ai/qwen3-abliterated", "huihui_ai/qwen3-abliterated", "web"),
    Fix(
        "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/tree/main",
        "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF",
        "web address",
    ),
    Fix("deepseek_r1", "deepseek-r1", "deepseek-r1"),
    Fix("nomic_embed_text:latest", "nomic-embed-text:latest", "nomic-embed-text"),
    Fix("qwen-3", "qwen3", "qwen3"),
    Fix("llama3-2:3b", "llama3.2:3b", "llama3.2"),
    Fix("qwen3-4b", "qwen3:4b", "size"),
    Fix("qwen3::4b", "qwen3:4b", "one ':'"),
    Fix("qwen3:", "qwen3", "one ':'"),
    Fix("qwen3:4b:q8_0", "qwen3:4b-q8_0", "one ':'"),
    Fix("`qwen3:4b`", "qwen3:4b", "quotes"),
    Fix('"llama3.2"', "llama3.2", "quotes"),
    Fix("qwen3!", "qwen3", "not allowed"),
    Fix("Lama3", "llama3", "lower case"),
]


@pytest.mark.parametrize("fix", TYPO_FIXES, ids=[fix.typed for fix in TYPO_FIXES])
def test_typos_are_refused_with_a_fix(fix: Fix) -> None:
    check = validate_pull_name(fix.typed)
    assert not check.ok
    assert check.normalized == ""
    assert check.suggestions[0] == fix.suggestion
    assert fix.problem_word in str(check.problem)


@pytest.mark.parametrize(
    "name",
    [
        "qwen3",
        "qwen3:4b",
        "qwen3-embedding:0.6b-q8_0",
        "llama3.1:8b-instruct-q4_K_M",
        "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
        "huggingface.co/unsloth/Qwen3-4B-Instruct-2507-GGUF:UD-Q4_K_XL",
        "huihui_ai/deepseek-r1-abliterated:8b",
        "registry.ollama.ai/library/llama3:8b",
        "localhost:5000/team/model:v1",
        "mymodel",
        "qwen3@sha256:" + "0f" * 32,
    ],
)
def test_valid_names_pass_unchanged(name: str) -> None:
    check = validate_pull_name(name)
    assert check == NameCheck(True, name)


def test_surrounding_whitespace_is_trimmed_silently() -> None:
    check = validate_pull_name("  qwen3:4b\n")
    assert check.ok and check.normalized == "qwen3:4b" and not check.problem


@pytest.mark.parametrize(
    ("typed", "guess"),
    [
        ("lama3", "llama3"),
        ("deepseek-r", "deepseek-r1"),
        ("qewn3", "qwen3"),
        ("mistrall", "mistral"),
    ],
)
def test_near_misses_are_allowed_with_a_hint(typed: str, guess: str) -> None:
    check = validate_pull_name(f"{typed}:latest")
    assert check.ok and check.normalized == f"{typed}:latest"
    assert guess in str(check.problem)
    assert check.suggestions[0] == f"{guess}:latest"


def test_near_misses_stay_close() -> None:
    assert near_families("qwen3") == ["qwen3", "qwen", "qwen2"]
    assert near_families("zzzzzz") == []
    assert near_families("phx") == ["phi"]
    assert "llama3" not in near_families("lam")


@pytest.mark.parametrize(
    ("typed", "problem_word"),
    [
        ("", "Enter a model name"),
        ("   ", "Enter a model name"),
        (":4b", "missing"),
        ("a..b", "two dots"),
        ("my.team/model", "namespace"),
        ("a/b/c/d", "at most"),
        ("-qwen3", "start with a letter"),
        ("qwen3@sha256:xyz", "digest"),
        ("x" * 81, "too long"),
        ("模型", "not allowed"),
    ],
)
def test_unfixable_names_say_why(typed: str, problem_word: str) -> None:
    check = validate_pull_name(typed)
    assert not check.ok
    assert problem_word in str(check.problem)


def test_every_known_family_is_a_valid_name_without_hints() -> None:
    for family in KNOWN_FAMILIES:
        assert validate_pull_name(family) == NameCheck(True, family)


def _random_names(count: int) -> list[str]:
    """Arbitrary strings plus real tags with random typos spliced in."""
    rng = random.Random(20250807)
    alphabet = string.ascii_letters + string.digits + ":/@=._- \t!#%'`\"é模\x00"
    names = ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(count)]
    real = REAL_NAMES
    for _ in range(count):
        base = list(rng.choice(real))
        for _ in range(rng.randint(1, 3)):
            position = rng.randint(0, len(base))
            base.insert(position, rng.choice(alphabet))
        names.append("".join(base))
    return names


def test_arbitrary_strings_get_a_verdict_and_only_valid_suggestions() -> None:
    for text in _random_names(600):
        check = validate_pull_name(text)
        if check.ok:
            assert validate_pull_name(check.normalized).ok, text
        else:
            assert check.problem, text
        for suggestion in check.suggestions:
            assert validate_pull_name(suggestion).ok, (text, suggestion)
