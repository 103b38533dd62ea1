"""The estimate corrected by Ollama's measurements, and the largest context that fits."""

from __future__ import annotations

import pytest

from desktop.core.measured_fit import (
    HEADROOM,
    Correction,
    Measurement,
    corrected_bytes,
    fit_key,
    largest_context,
    learn,
    memory_budgets,
    parse_available,
)
from desktop.core.memory_estimate import estimate_memory

GB = 1_000_000_000


def llama_8b(context: int):
    return estimate_memory("8B", "Q4_K_M", context)


def test_the_key_is_family_and_canonical_quantization():
    assert fit_key("Llama", "q4_k_m") == fit_key("llama", "Q4_K_M") == "llama/q4_K_M"
    assert fit_key("", "") == "?/?"


def test_a_measurement_teaches_the_ratio_and_later_ones_average():
    first = Measurement("a", 8192, estimated_bytes=5 * GB, size=6 * GB, size_vram=6 * GB)
    correction = learn(None, first)
    assert correction == Correction(1.2, 1, "a")
    second = Measurement("b", 4096, estimated_bytes=4 * GB, size=4 * GB, size_vram=0)
    assert learn(correction, second).ratio == pytest.approx(1.1)
    assert learn(correction, second).model == "b"


def test_old_measurements_fade_after_a_few_loads():
    correction = Correction(2.0, 1000)
    newer = learn(correction, Measurement("a", 4096, GB, GB, 0))
    assert newer.samples == 8
    assert newer.ratio == pytest.approx((2.0 * 7 + 1.0) / 8)


def test_the_corrected_estimate_scales_the_total():
    estimate = llama_8b(4096)
    assert corrected_bytes(estimate, None) == estimate.total_bytes
    assert corrected_bytes(estimate, Correction(1.5, 2)) == round(estimate.total_bytes * 1.5)


def test_the_largest_context_is_the_one_whose_estimate_fits():
    budget = llama_8b(20_000).total_bytes
    context = largest_context(llama_8b, budget)
    assert context == 19 * 1024  # a whole multiple of 1024 at or below 20,000
    assert llama_8b(context).total_bytes <= budget < llama_8b(context + 1024).total_bytes


def test_a_measured_ratio_shrinks_the_context_that_fits():
    budget = llama_8b(32_768).total_bytes
    plain = largest_context(llama_8b, budget)
    measured = largest_context(llama_8b, budget, ratio=1.1)
    assert plain is not None and measured is not None and measured < plain
    assert llama_8b(measured).total_bytes * 1.1 <= budget


def test_the_model_window_caps_the_suggestion_and_too_little_memory_gives_none():
    assert largest_context(llama_8b, 100 * GB, limit=8192) == 8192
    assert largest_context(llama_8b, llama_8b(1024).total_bytes) is None
    assert largest_context(llama_8b, GB) is None


def test_a_split_model_is_budgeted_by_what_the_gpu_held_then_by_ram():
    split = Measurement("a", 8192, 5 * GB, size=6 * GB, size_vram=4 * GB)
    gpu, ram = memory_budgets(split, available_ram=50 * GB)
    assert gpu.on_gpu and gpu.bytes == 4 * GB
    assert not ram.on_gpu and ram.bytes == round(52 * GB * HEADROOM)


def test_a_model_in_ram_may_use_free_ram_plus_its_own_share():
    in_ram = Measurement("a", 8192, 5 * GB, size=6 * GB, size_vram=0)
    [budget] = memory_budgets(in_ram, available_ram=10 * GB)
    assert not budget.on_gpu
    assert budget.bytes == round(16 * GB * HEADROOM)
    assert memory_budgets(in_ram, available_ram=None) == []


def test_available_memory_is_read_from_meminfo():
    text = "MemTotal:       16000000 kB\nMemFree:  100 kB\nMemAvailable:    8000000 kB\n"
    assert parse_available(text) == 8_000_000 * 1024
    assert parse_available("MemTotal: 1 kB\n") is None


def test_a_small_window_that_fits_whole_is_suggested_whole():
    assert largest_context(llama_8b, 100 * GB, limit=1024) == 1024
