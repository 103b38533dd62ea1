"""Memory estimates a person can trust to the first digit, and this machine's real RAM."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.core.memory_estimate import (
    Fit,
    describe_fit,
    estimate_for_tag,
    estimate_memory,
    fits_in_memory,
    kv_bytes_per_token,
    kv_bytes_per_token_from_info,
    parse_meminfo,
    total_ram_bytes,
)
from desktop.core.model_tags import parse_model_tag

GB = 1e9
GIB = 1024**3

LLAMA3_8B_INFO: dict[str, object] = {
    "general.architecture": "llama",
    "llama.block_count": 32,
    "llama.attention.head_count": 32,
    "llama.attention.head_count_kv": 8,
    "llama.embedding_length": 4096,
    "llama.context_length": 131072,
}


@pytest.mark.parametrize(
    ("parameters", "quantization", "low_gb", "high_gb"),
    [
        (8e9, "q4_K_M", 4.5, 6.5),
        ("8B", "Q4_K_M", 4.5, 6.5),
        ("0.6B", "q8_0", 0.6, 2.0),
        ("270M", "fp16", 0.5, 1.5),
        ("3.2B", "q4_K_M", 2.0, 3.5),
        ("70B", "q4_K_M", 38.0, 50.0),
        ("8x7B", "q4_0", 30.0, 40.0),
        ("8B", "fp16", 16.0, 19.0),
    ],
)
def test_estimates_land_in_sane_ranges(
    parameters: float | str, quantization: str, low_gb: float, high_gb: float
) -> None:
    estimate = estimate_memory(parameters, quantization)
    assert low_gb * GB <= estimate.total_bytes <= high_gb * GB
    assert estimate.total_bytes == (
        estimate.weights_bytes + estimate.kv_cache_bytes + estimate.overhead_bytes
    )


def test_smaller_quantizations_need_less_memory() -> None:
    ladder = ["fp16", "q8_0", "q6_K", "q5_K_M", "q4_K_M", "q3_K_M", "q2_K", "iq2_xxs"]
    totals = [estimate_memory("8B", quant).total_bytes for quant in ladder]
    assert totals == sorted(totals, reverse=True)


def test_longer_context_grows_the_kv_cache_linearly() -> None:
    short = estimate_memory("8B", "q4_K_M", context_length=4096)
    long = estimate_memory("8B", "q4_K_M", context_length=32768)
    assert long.kv_cache_bytes == 8 * short.kv_cache_bytes
    assert long.weights_bytes == short.weights_bytes
    assert long.total_bytes - short.total_bytes > 3 * GB


def test_string_and_numeric_parameter_counts_agree() -> None:
    assert estimate_memory("8x7B", "q4_0") == estimate_memory(56e9, "q4_0")
    assert estimate_memory("270M", "q8_0") == estimate_memory(270e6, "q8_0")


def test_unknown_quantization_is_assumed_and_flagged() -> None:
    guessed = estimate_memory("4B", "")
    assert guessed.quantization_assumed and guessed.quantization == "q4_K_M"
    assert estimate_memory("4B", "no-such-quant").quantization_assumed
    assert not estimate_memory("4B", "Q8_0").quantization_assumed


@pytest.mark.parametrize("parameters", ["", "lots", "0", -5.0, 0], ids=repr)
def test_nonsense_parameter_counts_are_refused(parameters: float | str) -> None:
    with pytest.raises(ValueError, match="parameter count"):
        estimate_memory(parameters, "q4_K_M")


def test_kv_cache_shape_from_model_info() -> None:
    per_token = kv_bytes_per_token_from_info(LLAMA3_8B_INFO)
    assert per_token == 32 * 8 * 128 * 2 * 2
    estimate = estimate_memory("8B", "q4_K_M", 4096, kv_per_token=per_token)
    assert estimate.kv_cache_bytes == 512 * 1024 * 1024
    assert kv_bytes_per_token_from_info(LLAMA3_8B_INFO, cache_type="q8_0") == per_token * 17 // 32
    assert kv_bytes_per_token_from_info({"general.architecture": "llama"}) is None
    assert kv_bytes_per_token_from_info({}) is None


def test_per_layer_kv_heads_are_summed() -> None:
    assert kv_bytes_per_token(3, [2, 0, 4], key_length=64) == 6 * 128 * 2
    assert kv_bytes_per_token(2, 4, key_length=192, value_length=128) == 8 * 320 * 2


def test_estimates_from_parsed_names() -> None:
    estimate = estimate_for_tag(parse_model_tag("llama3.1:8b-instruct-q4_K_M"))
    assert estimate is not None and estimate.quantization == "q4_K_M"
    latest = estimate_for_tag(parse_model_tag("qwen3:4b"))
    assert latest is not None and latest.quantization_assumed
    assert estimate_for_tag(parse_model_tag("nomic-embed-text")) is None
    assert estimate_for_tag(parse_model_tag("gpt-oss:120b-cloud")) is None


@pytest.mark.parametrize(
    ("ram_gib", "verdict"),
    [(32, Fit.COMFORTABLE), (16, Fit.COMFORTABLE), (8, Fit.TIGHT), (4, Fit.DOES_NOT_FIT)],
)
def test_fit_verdicts_for_an_8b_model(ram_gib: int, verdict: Fit) -> None:
    estimate = estimate_memory("8B", "q4_K_M")
    assert fits_in_memory(estimate, ram_gib * GIB) is verdict


def test_big_models_do_not_fit_small_machines() -> None:
    assert fits_in_memory(estimate_memory("70B", "q4_K_M"), 16 * GIB) is Fit.DOES_NOT_FIT
    assert fits_in_memory(estimate_memory("270M", "q8_0"), 4 * GIB) is Fit.COMFORTABLE


def test_fit_sentence_names_both_sizes() -> None:
    sentence = str(describe_fit(estimate_memory("8B", "q4_K_M"), 8 * GIB))
    assert sentence.startswith("Tight") and "6.0 GB" in sentence and "8.6 GB" in sentence
    assert str(describe_fit(estimate_memory("70B", "q4_K_M"), 16 * GIB)).startswith("Does not fit")


def test_meminfo_parsing() -> None:
    text = "MemTotal:       16318440 kB\nMemFree:         1234 kB\n"
    assert parse_meminfo(text) == 16318440 * 1024
    assert parse_meminfo("MemFree: 1 kB\n") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/meminfo")
def test_total_ram_matches_the_kernel() -> None:
    ram = total_ram_bytes()
    kernel = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert ram is not None
    assert abs(ram - kernel) <= kernel * 0.01
