"""Parley's memory estimate checked against what Ollama measures, and the largest context
that fits.

Qt-free. When a model is loaded, /api/ps reports the memory it takes (``size``), the
part on the GPU (``size_vram``) and the context it was loaded with. Parley estimates the
same model at the same context (:mod:`desktop.core.memory_estimate`); the ratio of the
two, kept per model family and quantization (a :class:`FitRatios` store), corrects the
next estimate for any model of that kind, which is then called "measured".

The estimate is linear in the context (weights and fixed overhead, plus KV cache and
scratch per token), so the largest context that fits a memory budget has a closed form:
:func:`largest_context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.core.memory_estimate import MemoryEstimate
from desktop.core.model_tags import normalize_quantization

CONTEXT_STEP = 1024
"""Suggested contexts are whole multiples of this."""
SMALLEST_USEFUL_CONTEXT = 2048
HEADROOM = 0.9
"""Share of free RAM a suggestion may fill: the system and other apps need the rest."""
MAX_SAMPLES = 8
"""A new measurement weighs at least 1/8: the ratio follows a changed Ollama."""


def fit_key(family: str, quantization: str) -> str:
    """``llama/Q4_K_M``: models of one family and quantization share a correction."""
    quant = normalize_quantization(quantization) or quantization.strip() or "?"
    return f"{family.strip().lower() or '?'}/{quant}"


@dataclass(frozen=True, slots=True)
class Measurement:
    """A loaded model as Ollama reports it, beside Parley's estimate at its context."""

    model: str
    context_length: int
    estimated_bytes: int
    size: int
    size_vram: int

    @property
    def ratio(self) -> float:
        return self.size / self.estimated_bytes if self.estimated_bytes > 0 else 1.0

    @property
    def gpu_share(self) -> float:
        return min(self.size_vram / self.size, 1.0) if self.size > 0 else 0.0

    @property
    def split(self) -> bool:
        """Part on the GPU and part in RAM: the GPU was full at ``size_vram``."""
        return 0 < self.size_vram < self.size


@dataclass(frozen=True, slots=True)
class Correction:
    ratio: float
    samples: int
    model: str = ""
    """The model measured last."""


class FitRatios(Protocol):
    def correction(self, key: str) -> Correction | None: ...
    def record(self, key: str, correction: Correction) -> None: ...


def learn(previous: Correction | None, measurement: Measurement) -> Correction:
    """The correction after one more measurement: a running mean over at most
    MAX_SAMPLES measurements."""
    if previous is None:
        return Correction(measurement.ratio, 1, measurement.model)
    samples = min(previous.samples, MAX_SAMPLES - 1)
    ratio = (previous.ratio * samples + measurement.ratio) / (samples + 1)
    return Correction(ratio, samples + 1, measurement.model)


def corrected_bytes(estimate: MemoryEstimate, correction: Correction | None) -> int:
    return round(estimate.total_bytes * (correction.ratio if correction else 1.0))


def largest_context(
    estimate_at: Callable[[int], MemoryEstimate],
    budget_bytes: int,
    *,
    ratio: float = 1.0,
    limit: int | None = None,
    step: int = CONTEXT_STEP,
) -> int | None:
    """The largest context (a multiple of ``step``, at most ``limit``, the model's own
    window) whose corrected estimate fits ``budget_bytes``; None when not even
    SMALLEST_USEFUL_CONTEXT fits."""
    probe = max(limit or 0, 32 * step)
    empty, full = estimate_at(0).total_bytes, estimate_at(probe).total_bytes
    per_token = (full - empty) / probe
    room = budget_bytes / max(ratio, 1e-6) - empty
    if room <= 0 or per_token <= 0:
        return None
    context = int(room / per_token) // step * step
    if limit and context >= limit:
        return limit  # the model's whole window, however small
    return context if context >= SMALLEST_USEFUL_CONTEXT else None


@dataclass(frozen=True, slots=True)
class Budget:
    bytes: int
    on_gpu: bool
    """True: the memory the GPU holds (the model must stay whole on it); False: free RAM."""


def memory_budgets(measurement: Measurement, available_ram: int | None) -> list[Budget]:
    """What a reload of this model may use, the GPU first.

    Split between GPU and RAM: the GPU was full at ``size_vram``, so that is what the
    model can have there. Then the free RAM plus what the model holds in RAM now (a
    reload frees it first), less headroom. Ollama does not report free GPU memory, so a
    model wholly on the GPU is judged by RAM, where it would spill.
    """
    budgets = [Budget(measurement.size_vram, on_gpu=True)] if measurement.split else []
    if available_ram is not None:
        in_ram = measurement.size - measurement.size_vram
        budgets.append(Budget(round((available_ram + in_ram) * HEADROOM), on_gpu=False))
    return budgets


def parse_available(meminfo: str) -> int | None:
    """MemAvailable from the text of /proc/meminfo, in bytes."""
    match = re.search(r"^MemAvailable:\s+(\d+)\s*kB", meminfo, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else None


def available_ram_bytes() -> int | None:
    """Memory free for a new model now (Linux; None elsewhere or when unreadable)."""
    try:
        return parse_available(Path("/proc/meminfo").read_text(encoding="ascii"))
    except OSError:
        return None
