"""How much memory a model needs, and whether that fits this computer's RAM."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop.core.model_tags import (
    BITS_PER_WEIGHT,
    EXPLANATIONS,
    ModelTag,
    bits_per_weight,
    normalize_quantization,
    parse_parameter_count,
)
from desktop.core.text import Text

DEFAULT_QUANTIZATION = "q4_K_M"
# Bytes per cached key or value element for Ollama's OLLAMA_KV_CACHE_TYPE settings.
KV_CACHE_BYTES: dict[str, float] = {"f16": 2.0, "q8_0": 8.5 / 8, "q4_0": 4.5 / 8}
_MIB = 1024 * 1024
_FIXED_OVERHEAD = 256 * _MIB
_OVERHEAD_SHARE = 0.05
_SCRATCH_PER_TOKEN = 16 * 1024
# A typical grouped-query attention shape: 8 KV heads of 128 dimensions (Llama 3, Qwen 3).
_TYPICAL_KV_WIDTH = 8 * 128
COMFORTABLE_SHARE = 0.6
TIGHT_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class MemoryEstimate:
    """The parts of an estimate, in bytes, plus the inputs it was made from."""

    parameters: float
    quantization: str
    bits_per_weight: float
    context_length: int
    weights_bytes: int
    kv_cache_bytes: int
    overhead_bytes: int
    quantization_assumed: bool = False

    @property
    def total_bytes(self) -> int:
        return self.weights_bytes + self.kv_cache_bytes + self.overhead_bytes


class Fit(StrEnum):
    COMFORTABLE = "comfortable"
    TIGHT = "tight"
    DOES_NOT_FIT = "does_not_fit"


def kv_bytes_per_token(
    layers: int,
    kv_heads: int | list[int],
    key_length: int,
    value_length: int | None = None,
    cache_type: str = "f16",
) -> int:
    """Bytes the KV cache grows by per token of context.

    ``kv_heads`` may be a per-layer list, as some GGUF architectures store it.
    """
    heads = sum(kv_heads) if isinstance(kv_heads, list) else kv_heads * layers
    width = key_length + (key_length if value_length is None else value_length)
    return round(heads * width * KV_CACHE_BYTES.get(cache_type, 2.0))


def kv_bytes_per_token_from_info(
    model_info: Mapping[str, object], cache_type: str = "f16"
) -> int | None:
    """Read the KV cache shape from /api/show ``model_info``; None if it is incomplete."""
    arch = model_info.get("general.architecture")
    if not isinstance(arch, str):
        return None

    def number(key: str) -> int | None:
        value = model_info.get(f"{arch}.{key}")
        return value if isinstance(value, int) and value > 0 else None

    layers = number("block_count")
    raw_heads = model_info.get(f"{arch}.attention.head_count_kv")
    heads: int | list[int] | None = None
    if isinstance(raw_heads, int) and raw_heads > 0:
        heads = raw_heads
    elif isinstance(raw_heads, list) and all(isinstance(head, int) for head in raw_heads):
        heads = [int(head) for head in raw_heads]
    key_length = number("attention.key_length")
    embedding, head_count = number("embedding_length"), number("attention.head_count")
    if key_length is None and embedding and head_count:
        key_length = embedding // head_count
    if layers is None or heads is None or key_length is None:
        return None
    value_length = number("attention.value_length")
    return kv_bytes_per_token(layers, heads, key_length, value_length, cache_type)


def _typical_kv_bytes_per_token(parameters: float) -> int:
    """Layer count grows roughly with the cube root of size: 16 at 1B, 32 at 8B, 66 at 70B."""
    layers = min(max(round(16 * (parameters / 1e9) ** (1 / 3)), 8), 128)
    return kv_bytes_per_token(layers, 1, _TYPICAL_KV_WIDTH)


def estimate_memory(
    parameters: float | str,
    quantization: str,
    context_length: int = 4096,
    *,
    kv_per_token: int | None = None,
) -> MemoryEstimate:
    """Estimate the memory a model needs while loaded.

    Assumptions, all approximate:
    - weights take ``parameters × bits per weight / 8`` bytes, with llama.cpp's average bits
      per weight for the quantization mix; an unknown or empty quantization is taken as
      q4_K_M, the Ollama library's usual default, and flagged ``quantization_assumed``;
    - the KV cache holds keys and values for every layer and every token of context at
      16 bits. Without the real shape (pass ``kv_per_token``, e.g. from
      ``kv_bytes_per_token_from_info``) a typical grouped-query shape is assumed, which
      overestimates models with sliding-window attention;
    - overhead is 256 MiB for the runtime, 5% of the weights for compute buffers, and
      16 KiB per token of context for scratch space.
    It counts system RAM; a GPU may hold part of the model instead.

    ``parameters`` is a count, or a string such as ``"3.2B"``, ``"270M"`` or ``"8x7B"``.
    """
    count = parse_parameter_count(parameters) if isinstance(parameters, str) else float(parameters)
    if count is None or count <= 0:
        raise ValueError(f"not a parameter count: {parameters!r}")
    canonical = normalize_quantization(quantization)
    bpw = bits_per_weight(canonical) if canonical else None
    assumed = bpw is None
    if bpw is None:
        canonical, bpw = DEFAULT_QUANTIZATION, BITS_PER_WEIGHT[DEFAULT_QUANTIZATION]
    context = max(context_length, 0)
    weights = round(count * bpw / 8)
    per_token = kv_per_token or _typical_kv_bytes_per_token(count)
    overhead = _FIXED_OVERHEAD + round(weights * _OVERHEAD_SHARE) + context * _SCRATCH_PER_TOKEN
    return MemoryEstimate(
        parameters=count,
        quantization=canonical,
        bits_per_weight=bpw,
        context_length=context,
        weights_bytes=weights,
        kv_cache_bytes=per_token * context,
        overhead_bytes=overhead,
        quantization_assumed=assumed,
    )


def estimate_for_tag(tag: ModelTag, context_length: int = 4096) -> MemoryEstimate | None:
    """Estimate from what a parsed name states; None when it names no size."""
    if tag.parameters is None or tag.is_cloud:
        return None
    return estimate_memory(tag.parameters, tag.quantization, context_length)


def fits_in_memory(estimate: MemoryEstimate, ram_bytes: int) -> Fit:
    """Comfortable up to 60% of RAM, tight up to 90%; the rest is for the OS and other apps."""
    need = estimate.total_bytes
    if need <= ram_bytes * COMFORTABLE_SHARE:
        return Fit.COMFORTABLE
    if need <= ram_bytes * TIGHT_SHARE:
        return Fit.TIGHT
    return Fit.DOES_NOT_FIT


def format_gigabytes(size: int) -> str:
    return f"{size / 1e9:.1f} GB"


def describe_fit(estimate: MemoryEstimate, ram_bytes: int) -> Text:
    """One sentence for the details panel, e.g. "Tight: needs about 5.9 GB of … 8.0 GB"."""
    fit = fits_in_memory(estimate, ram_bytes)
    return Text(
        EXPLANATIONS[f"fit.{fit.value}"],
        {"need": format_gigabytes(estimate.total_bytes), "ram": format_gigabytes(ram_bytes)},
    )


def parse_meminfo(text: str) -> int | None:
    """MemTotal from the text of /proc/meminfo, in bytes."""
    match = re.search(r"^MemTotal:\s+(\d+)\s*kB", text, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else None


def _ram_macos() -> int | None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    size = ctypes.c_uint64(0)
    length = ctypes.c_size_t(ctypes.sizeof(size))
    result = libc.sysctlbyname(b"hw.memsize", ctypes.byref(size), ctypes.byref(length), None, 0)
    return int(size.value) if result == 0 else None


def _ram_windows() -> int | None:
    if sys.platform == "win32":

        class MemoryStatus(ctypes.Structure):
            _fields_ = [
                ("dwLength", ctypes.c_ulong),
                ("dwMemoryLoad", ctypes.c_ulong),
                ("ullTotalPhys", ctypes.c_ulonglong),
                ("ullAvailPhys", ctypes.c_ulonglong),
                ("ullTotalPageFile", ctypes.c_ulonglong),
                ("ullAvailPageFile", ctypes.c_ulonglong),
                ("ullTotalVirtual", ctypes.c_ulonglong),
                ("ullAvailVirtual", ctypes.c_ulonglong),
                ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
            ]

        status = MemoryStatus()
        status.dwLength = ctypes.sizeof(MemoryStatus)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
            return int(status.ullTotalPhys)
    return None


def total_ram_bytes() -> int | None:
    """This computer's physical memory in bytes, or None if the OS does not say."""
    try:
        if sys.platform.startswith("linux"):
            return parse_meminfo(Path("/proc/meminfo").read_text(encoding="ascii"))
        if sys.platform == "darwin":
            return _ram_macos()
        if sys.platform == "win32":
            return _ram_windows()
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (OSError, ValueError, AttributeError):
        return None
