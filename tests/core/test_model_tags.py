"""Model names as people meet them on ollama.com and Hugging Face, parsed, explained, checked."""

from __future__ import annotations

import random
import string
from typing import NamedTuple

import pytest

from desktop.core.model_tags import (
    BITS_PER_WEIGHT,
    EXPLANATIONS,
    bits_per_weight,
    explain,
    explain_quantization,
    normalize_quantization,
    parse_model_tag,
    parse_parameter_count,
)


class Expected(NamedTuple):
    family: str
    size: str = ""
    billions: float | None = None
    variants: tuple[str, ...] = ()
    release: str = ""
    quantization: str = ""
    other: tuple[str, ...] = ()
    source: str = "library"


REAL_TAGS: dict[str, Expected] = {
    "qwen3:4b-instruct-2507-q4_K_M": Expected("qwen3", "4b", 4.0, ("instruct",), "2507", "q4_K_M"),
    "qwen3-embedding:0.6b-q8_0": Expected(
        "qwen3-embedding", "0.6b", 0.6, ("embedding",), "", "q8_0"
    ),
    "llama3.2:3b": Expected("llama3.2", "3b", 3.0),
    "llama3.1:8b-instruct-q4_K_M": Expected("llama3.1", "8b", 8.0, ("instruct",), "", "q4_K_M"),
    "gemma3:270m": Expected("gemma3", "270m", 0.27),
    "gemma3n:e2b": Expected("gemma3n", "e2b", 2.0),
    "mixtral:8x7b": Expected("mixtral", "8x7b", 7.0),
    "deepseek-r1:1.5b-qwen-distill-q4_K_M": Expected(
        "deepseek-r1", "1.5b", 1.5, ("thinking", "distill"), "", "q4_K_M", ("qwen",)
    ),
    "deepseek-r1:8b-0528-qwen3-q4_K_M": Expected(
        "deepseek-r1", "8b", 8.0, ("thinking",), "0528", "q4_K_M", ("qwen3",)
    ),
    "gpt-oss:20b": Expected("gpt-oss", "20b", 20.0, ("thinking",)),
    "gpt-oss:120b-cloud": Expected("gpt-oss", "120b", 120.0, ("thinking", "cloud")),
    "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M": Expected(
        "llama-3.2", "1b", 1.0, ("instruct",), "", "q4_K_M", ("GGUF",), "hf.co/bartowski"
    ),
    "hf.co/unsloth/Qwen3-4B-Instruct-2507-GGUF:UD-Q4_K_XL": Expected(
        "qwen3", "4b", 4.0, ("instruct",), "2507", "q4_K_XL", ("GGUF", "UD"), "hf.co/unsloth"
    ),
    "nomic-embed-text": Expected("nomic-embed-text", variants=("embedding",)),
    "all-minilm:22m": Expected("all-minilm", "22m", 0.022, ("embedding",)),
    "all-minilm:33m-l6-v2-fp16": Expected(
        "all-minilm", "33m", 0.033, ("embedding",), "v2", "fp16", ("l6",)
    ),
    "mxbai-embed-large:335m": Expected("mxbai-embed-large", "335m", 0.335, ("embedding",)),
    "embeddinggemma:300m": Expected("embeddinggemma", "300m", 0.3, ("embedding",)),
    "llava:7b-v1.6": Expected("llava", "7b", 7.0, ("vision",), "v1.6"),
    "llama3.2-vision:11b-instruct-q4_K_M": Expected(
        "llama3.2-vision", "11b", 11.0, ("vision", "instruct"), "", "q4_K_M"
    ),
    "qwen2.5vl:7b": Expected("qwen2.5vl", "7b", 7.0, ("vision",)),
    "qwen2.5-coder:1.5b-base-q8_0": Expected(
        "qwen2.5-coder", "1.5b", 1.5, ("code", "base"), "", "q8_0"
    ),
    "codellama:7b-code-q4_K_M": Expected("codellama", "7b", 7.0, ("code",), "", "q4_K_M"),
    "llama2:7b-text-q5_K_S": Expected("llama2", "7b", 7.0, ("base",), "", "q5_K_S"),
    "gemma3:27b-it-qat": Expected("gemma3", "27b", 27.0, ("instruct", "qat")),
    "qwen3:4b-thinking-2507-q8_0": Expected("qwen3", "4b", 4.0, ("thinking",), "2507", "q8_0"),
    "mistral-nemo:12b-instruct-2407-q8_0": Expected(
        "mistral-nemo", "12b", 12.0, ("instruct",), "2407", "q8_0"
    ),
    "mistral:7b-instruct-v0.3-fp16": Expected("mistral", "7b", 7.0, ("instruct",), "v0.3", "fp16"),
    "command-r:35b-08-2024": Expected("command-r", "35b", 35.0, release="08-2024"),
    "smollm2:135m-instruct-q4_k_m": Expected("smollm2", "135m", 0.135, ("instruct",), "", "q4_K_M"),
    "tinyllama:1.1b-chat-v1-q4_K_M": Expected("tinyllama", "1.1b", 1.1, ("chat",), "v1", "q4_K_M"),
    "llama4:16x17b": Expected("llama4", "16x17b", 17.0, ("vision",)),
    "huihui_ai/deepseek-r1-abliterated:8b": Expected(
        "deepseek-r1-abliterated", "8b", 8.0, ("thinking", "uncensored"), source="huihui_ai"
    ),
    "registry.ollama.ai/library/llama3:8b-instruct-iq2_xxs": Expected(
        "llama3", "8b", 8.0, ("instruct",), "", "iq2_xxs", source="registry.ollama.ai/library"
    ),
}


@pytest.mark.parametrize(("name", "expected"), REAL_TAGS.items(), ids=list(REAL_TAGS))
def test_real_tags_parse_into_their_parts(name: str, expected: Expected) -> None:
    tag = parse_model_tag(name)
    assert tag.family == expected.family
    assert tag.size == expected.size
    assert (
        tag.billions == pytest.approx(expected.billions)
        if expected.billions
        else (tag.billions is None)
    )
    assert tag.variants == expected.variants
    assert tag.release == expected.release
    assert tag.quantization == expected.quantization
    assert tag.other == expected.other
    assert tag.source == expected.source


def test_defaults_and_special_sizes() -> None:
    bare = parse_model_tag("nomic-embed-text")
    assert (bare.tag, bare.namespace, bare.host) == ("latest", "library", "")
    assert bare.name == "nomic-embed-text:latest"
    assert bare.is_embedding and bare.is_library
    assert parse_model_tag("mixtral:8x7b").experts == 8
    assert parse_model_tag("mixtral:8x7b").parameters == pytest.approx(56e9)
    assert parse_model_tag("gemma3n:e4b").effective
    moe = parse_model_tag("qwen3:30b-a3b-instruct-2507-q4_K_M")
    assert (moe.billions, moe.active_billions) == (30.0, 3.0)
    hf = parse_model_tag("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")
    assert hf.is_hugging_face and not hf.is_library
    assert hf.name == "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M"
    pinned = parse_model_tag("qwen3@sha256:" + "ab" * 32)
    assert pinned.digest.startswith("sha256:") and pinned.family == "qwen3"
    assert not parse_model_tag("qwen3:8b").is_embedding


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("3.2B", 3.2e9),
        ("270M", 2.7e8),
        ("8x7B", 56e9),
        ("e2b", 2e9),
        ("7.2B", 7.2e9),
        ("137M", 1.37e8),
        (" 1,000,000 ", 1e6),
        ("1T", 1e12),
    ],
)
def test_parameter_counts_from_strings(text: str, count: float) -> None:
    assert parse_parameter_count(text) == pytest.approx(count)


@pytest.mark.parametrize("text", ["", "big", "-3", "nan", "inf", "B", "3.2.1B"])
def test_parameter_count_rejects_nonsense(text: str) -> None:
    assert parse_parameter_count(text) is None


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Q4_K_M", "q4_K_M"),
        ("q4_k_m", "q4_K_M"),
        ("Q5_K_S", "q5_K_S"),
        ("Q8_0", "q8_0"),
        ("q6_k", "q6_K"),
        ("IQ2_XXS", "iq2_xxs"),
        ("F16", "fp16"),
        ("BF16", "bf16"),
        ("f32", "fp32"),
        ("MXFP4", "mxfp4"),
        ("instruct", ""),
        ("qwen3", ""),
    ],
)
def test_quantization_spellings_normalize(text: str, canonical: str) -> None:
    assert normalize_quantization(text) == canonical


def test_bits_per_weight_follow_llama_cpp_and_order_by_size() -> None:
    assert bits_per_weight("Q4_K_M") == pytest.approx(4.84)
    assert bits_per_weight("q8_0") == pytest.approx(8.5)
    assert bits_per_weight("fp16") == 16
    ladder = ["iq1_s", "iq2_xxs", "q2_K", "q3_K_M", "q4_K_S", "q4_K_M", "q5_K_M", "q6_K", "q8_0"]
    values = [BITS_PER_WEIGHT[name] for name in ladder]
    assert values == sorted(values)
    assert bits_per_weight("q4_K_XL") == pytest.approx(4.5)
    assert bits_per_weight("instruct") is None


def _explained(name: str) -> dict[str, str]:
    """Each part (a variant by its English label) and its explanation, in English."""
    return {str(part): str(meaning) for part, meaning in explain(parse_model_tag(name))}


def test_explanations_say_what_matters() -> None:
    parts = _explained("qwen3:4b-instruct-2507-q4_K_M")
    assert "4-bit" in parts["q4_K_M"] and "4.8 bits per weight" in parts["q4_K_M"]
    assert "billion" in parts["4b"]
    assert "chat" in parts["instruct"]
    assert "2025-07" in parts["2507"]
    assert "cannot chat" in _explained("qwen3-embedding:0.6b-q8_0")["embedding"]
    assert "million" in _explained("gemma3:270m")["270m"]
    assert "8 experts" in _explained("mixtral:8x7b")["8x7b"]
    assert "effective" in _explained("gemma3n:e2b")["e2b"]
    assert "active" in _explained("qwen3:30b-a3b")["a3b"]
    distill = _explained("deepseek-r1:1.5b-qwen-distill-q4_K_M")
    assert "imitate" in distill["distill"] and "built on" in distill["qwen"]
    hf = _explained("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")
    assert "Hugging Face" in hf["hf.co"] and "bartowski" in hf["bartowski"]
    assert "file format" in hf["GGUF"]
    latest = _explained("llama3.2")
    assert "latest" in latest and "q4_K_M" in latest["quantization"]
    assert "not on this computer" in _explained("gpt-oss:120b-cloud")["cloud"]
    assert "images" in _explained("llava:7b-v1.6")["vision"]
    assert "continues text" in _explained("llama2:7b-text")["base"]
    assert "version 1.6" in _explained("llava:7b-v1.6")["v1.6"]
    assert (
        "not part of the official"
        in _explained("huihui_ai/deepseek-r1-abliterated:8b")["huihui_ai"]
    )


@pytest.mark.parametrize("quant", sorted(BITS_PER_WEIGHT))
def test_every_known_quantization_has_a_plain_explanation(quant: str) -> None:
    text = str(explain_quantization(quant))
    assert text != EXPLANATIONS["quant.unknown"]
    assert "bits per weight" in text and "{" not in text
    assert f"{BITS_PER_WEIGHT[quant]:.1f}" in text


def test_explanations_are_complete_sentences_for_every_real_tag() -> None:
    for name in REAL_TAGS:
        lines = [(str(part), str(text)) for part, text in explain(parse_model_tag(name))]
        labels = [part for part, _ in lines]
        assert len(labels) >= 2, name
        for part, text in lines:
            assert part and text and "{" not in text, (name, part)


def test_arbitrary_strings_always_parse() -> None:
    rng = random.Random(20250807)
    alphabet = string.ascii_letters + string.digits + ":/@=._- \t!#%'`\"é模\x00"
    samples = ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(1000)]
    samples += ["", ":", "::", "@", "/", "a/b/c/d/e", ":@/", "x" * 500, "1b:2b-3b-q4-q5"]
    for text in samples:
        tag = parse_model_tag(text)
        assert tag.tag and tag.namespace and tag.raw == text
        for part, explanation in explain(tag):
            assert str(explanation) and "{" not in str(explanation), (text, part)
