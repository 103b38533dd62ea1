"""A Hugging Face repo's GGUF files grouped by quantization, what each needs, and whether
that fits this computer.

File names follow what GGUF publishers use (bartowski, unsloth, TheBloke, lmstudio-community):
``Qwen3-4B-Q4_K_M.gguf``, ``…-UD-Q4_K_XL.gguf``, ``…-IQ2_XS.gguf``, ``….BF16.gguf`` and split
files ``…-Q8_0-00001-of-00003.gguf`` (often in a folder named for the quantization), whose
sizes add up. ``mmproj-…`` files are vision projectors, not models, and are left out. The
quantization is what Ollama takes as the tag of ``hf.co/{user}/{repo}:{quant}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.memory_estimate import TIGHT_SHARE, estimate_memory
from desktop.core.model_tags import bits_per_weight, normalize_quantization

HUB_HOST = "hf.co"
_SPLIT = re.compile(r"-(\d{5})-of-(\d{5})$", re.IGNORECASE)
_QUANT = re.compile(r"^(?:UD-)?(?:I?Q\d(?:_[0-9A-Z]+)*|TQ\d_\d|B?F16|F32|MXFP4)$", re.IGNORECASE)
# A GPU keeps some memory for its own use and the desktop: count 90% of it as usable.
VRAM_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class QuantFile:
    """One quantization of the model: a file, or the parts of a split file."""

    quant: str
    """As the file names it (``Q4_K_M``, ``UD-Q4_K_XL``, ``BF16``): Ollama's tag."""
    paths: tuple[str, ...]
    size: int
    """Bytes of all its parts; 0 when the Hub did not say."""

    @property
    def parts(self) -> int:
        return len(self.paths)


def quant_of(path: str) -> str | None:
    """The quantization a GGUF file name states, or None (not GGUF, a projector, no quant)."""
    name = path.rsplit("/", 1)[-1]
    if not name.lower().endswith(".gguf") or name.lower().startswith("mmproj"):
        return None
    stem = _SPLIT.sub("", name[: -len(".gguf")])
    tokens = re.split(r"[-.]", stem)
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if _QUANT.match(token):
            if index > 0 and tokens[index - 1].upper() == "UD":
                return f"UD-{token.upper()}"
            return token.upper()
    return None


def group_by_quant(files: Iterable[tuple[str, int | None]]) -> list[QuantFile]:
    """``(path, size)`` pairs → one entry per quantization, smallest first; split parts summed."""
    paths: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    for path, size in files:
        quant = quant_of(path)
        if quant is None:
            continue
        paths.setdefault(quant, []).append(path)
        sizes[quant] = sizes.get(quant, 0) + (size or 0)
    found = [QuantFile(quant, tuple(sorted(paths[quant])), sizes[quant]) for quant in paths]
    return sorted(found, key=lambda entry: (entry.size, entry.quant))


_REPO_TEXT = re.compile(
    r"^(?:(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/)?"
    r"([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?:[:/?#].*)?$"
)


def repo_id_in(text: str) -> str | None:
    """The ``user/repo`` a search text names: a pasted page address
    (``https://huggingface.co/user/repo/tree/main``), an ``hf.co/user/repo:Q4_K_M`` pull
    name, or ``user/repo`` itself; None for plain words."""
    match = _REPO_TEXT.match(text.strip())
    return match.group(1) if match else None


def pull_name(repo_id: str, quant: str) -> str:
    """What Ollama pulls: ``hf.co/{user}/{repo}:{quant}``."""
    return f"{HUB_HOST}/{repo_id}:{quant}"


class Placement(StrEnum):
    VRAM = "vram"
    """Fits in the graphics card's memory: fast."""
    RAM = "ram"
    """Fits in the computer's memory (on the CPU, or split with the GPU): slower."""
    TOO_BIG = "too_big"
    UNKNOWN = "unknown"
    """The size or this computer's memory is not known."""


@dataclass(frozen=True, slots=True)
class MachineMemory:
    """What this computer has, in bytes; None where the system does not say."""

    ram: int | None
    vram: int | None = None


@dataclass(frozen=True, slots=True)
class FitVerdict:
    placement: Placement
    need: int
    """Estimated bytes while loaded with ``context`` tokens; 0 if unknown."""
    context: int


def needed_bytes(quant: QuantFile, context: int = 4096) -> int:
    """The file's weights plus the KV cache and runtime overhead memory_estimate assumes;
    the parameter count is taken from the file size and the quantization's bits per weight."""
    if quant.size <= 0:
        return 0
    bits = bits_per_weight(normalize_quantization(quant.quant.removeprefix("UD-")) or "") or 4.84
    parameters = quant.size * 8 / bits
    estimate = estimate_memory(parameters, quant.quant.removeprefix("UD-"), context)
    return quant.size + estimate.kv_cache_bytes + estimate.overhead_bytes


def fit(quant: QuantFile, machine: MachineMemory, context: int = 4096) -> FitVerdict:
    """In VRAM when it needs at most 90% of the GPU's memory; in RAM when at most 90% of
    the computer's (memory_estimate's "tight" line); else too big."""
    need = needed_bytes(quant, context)
    if need <= 0:
        placement = Placement.UNKNOWN
    elif machine.vram and need <= machine.vram * VRAM_SHARE:
        placement = Placement.VRAM
    elif machine.ram is None:
        placement = Placement.UNKNOWN
    elif need <= machine.ram * TIGHT_SHARE:
        placement = Placement.RAM
    else:
        placement = Placement.TOO_BIG
    return FitVerdict(placement, need, context)
