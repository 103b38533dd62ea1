"""Ollama model names: split them into parts and explain each part in plain words.

A name looks like ``[host/][namespace/]model[:tag][@digest]``; the tag usually packs size,
variant, release and quantization, e.g. ``qwen3:4b-instruct-2507-q4_K_M``. Parsing is total:
any string yields a ``ModelTag``, with pieces it does not recognise kept in ``other``.

Every sentence shown to a person lives in ``EXPLANATIONS``, marked for lupdate; the
functions return :class:`~desktop.core.text.Text` (template and values) that the UI puts
into the person's language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from desktop.core.text import QT_TRANSLATE_NOOP, Text

DEFAULT_NAMESPACE = "library"
DEFAULT_TAG = "latest"
HUGGING_FACE_HOSTS = frozenset({"hf.co", "huggingface.co"})

# Approximate bits per weight, as llama.cpp documents them (tools/quantize: the k-quant mixes
# measured on Llama 2 7B, the i-quant and legacy block sizes from the quant type table).
BITS_PER_WEIGHT: dict[str, float] = {
    "fp32": 32.0,
    "fp16": 16.0,
    "bf16": 16.0,
    "fp8": 8.0,
    "q8_0": 8.5,
    "q6_K": 6.56,
    "q5_K_M": 5.68,
    "q5_K_S": 5.52,
    "q5_1": 6.0,
    "q5_0": 5.5,
    "q4_K_M": 4.84,
    "q4_K_S": 4.58,
    "q4_1": 5.0,
    "q4_0": 4.5,
    "mxfp4": 4.25,
    "iq4_nl": 4.5,
    "iq4_xs": 4.25,
    "q3_K_L": 4.27,
    "q3_K_M": 3.91,
    "q3_K_S": 3.5,
    "iq3_m": 3.66,
    "iq3_s": 3.44,
    "iq3_xs": 3.3,
    "iq3_xxs": 3.06,
    "q2_K": 3.35,
    "iq2_m": 2.7,
    "iq2_s": 2.5,
    "iq2_xs": 2.31,
    "iq2_xxs": 2.06,
    "tq2_0": 2.06,
    "iq1_m": 1.75,
    "tq1_0": 1.69,
    "iq1_s": 1.56,
}

# Well-known Ollama library families, each with the variants its name implies.
KNOWN_FAMILIES: dict[str, tuple[str, ...]] = {
    "all-minilm": ("embedding",),
    "aya": (),
    "bakllava": ("vision",),
    "bge-large": ("embedding",),
    "bge-m3": ("embedding",),
    "codegemma": ("code",),
    "codellama": ("code",),
    "codestral": ("code",),
    "cogito": (),
    "command-r": (),
    "command-r-plus": (),
    "deepseek-coder": ("code",),
    "deepseek-coder-v2": ("code",),
    "deepseek-r1": ("thinking",),
    "deepseek-v3": (),
    "devstral": ("code",),
    "dolphin-mixtral": (),
    "dolphin3": (),
    "embeddinggemma": ("embedding",),
    "exaone3.5": (),
    "falcon3": (),
    "gemma": (),
    "gemma2": (),
    "gemma3": (),
    "gemma3n": (),
    "glm4": (),
    "gpt-oss": ("thinking",),
    "granite-embedding": ("embedding",),
    "granite3.3": (),
    "granite4": (),
    "hermes3": (),
    "llama-guard3": (),
    "llama2": (),
    "llama3": (),
    "llama3.1": (),
    "llama3.2": (),
    "llama3.2-vision": ("vision",),
    "llama3.3": (),
    "llama4": ("vision",),
    "llava": ("vision",),
    "llava-llama3": ("vision",),
    "llava-phi3": ("vision",),
    "magistral": ("thinking",),
    "minicpm-v": ("vision",),
    "mistral": (),
    "mistral-large": (),
    "mistral-nemo": (),
    "mistral-small": (),
    "mistral-small3.1": ("vision",),
    "mistral-small3.2": ("vision",),
    "mixtral": (),
    "moondream": ("vision",),
    "mxbai-embed-large": ("embedding",),
    "nomic-embed-text": ("embedding",),
    "olmo2": (),
    "openchat": (),
    "orca-mini": (),
    "paraphrase-multilingual": ("embedding",),
    "phi": (),
    "phi3": (),
    "phi3.5": (),
    "phi4": (),
    "phi4-mini": (),
    "phi4-reasoning": ("thinking",),
    "qwen": (),
    "qwen2": (),
    "qwen2.5": (),
    "qwen2.5-coder": ("code",),
    "qwen2.5vl": ("vision",),
    "qwen3": (),
    "qwen3-coder": ("code",),
    "qwen3-embedding": ("embedding",),
    "qwen3-vl": ("vision",),
    "qwq": ("thinking",),
    "smollm": (),
    "smollm2": (),
    "snowflake-arctic-embed": ("embedding",),
    "snowflake-arctic-embed2": ("embedding",),
    "starcoder2": ("code",),
    "tinyllama": (),
    "vicuna": (),
    "wizardlm2": (),
    "zephyr": (),
}

# Base models that distilled or fine-tuned tags name, e.g. deepseek-r1:1.5b-qwen-distill.
BASE_MODEL_WORDS = frozenset({"llama", "qwen", "qwen2", "qwen2.5", "qwen3", "mistral", "gemma"})

# Words in a tag (or after the size in a Hugging Face repo name) and the variant they mean.
VARIANT_WORDS: dict[str, str] = {
    "instruct": "instruct",
    "instruction": "instruct",
    "it": "instruct",
    "chat": "chat",
    "base": "base",
    "text": "base",
    "pt": "base",
    "code": "code",
    "coder": "code",
    "vision": "vision",
    "vl": "vision",
    "embedding": "embedding",
    "embed": "embedding",
    "thinking": "thinking",
    "think": "thinking",
    "reasoning": "thinking",
    "distill": "distill",
    "distilled": "distill",
    "qat": "qat",
    "uncensored": "uncensored",
    "abliterated": "uncensored",
    "cloud": "cloud",
}

# Words inside a family name that imply a variant ("text" in nomic-embed-text does not).
_FAMILY_VARIANT_HINTS: tuple[tuple[str, str], ...] = (
    ("embed", "embedding"),
    ("coder", "code"),
    ("vision", "vision"),
    ("llava", "vision"),
    ("instruct", "instruct"),
    ("thinking", "thinking"),
    ("abliterated", "uncensored"),
    ("uncensored", "uncensored"),
)

VARIANT_LABELS: dict[str, str] = {
    "instruct": QT_TRANSLATE_NOOP("core", "instruct"),
    "chat": QT_TRANSLATE_NOOP("core", "chat"),
    "base": QT_TRANSLATE_NOOP("core", "base"),
    "code": QT_TRANSLATE_NOOP("core", "code"),
    "vision": QT_TRANSLATE_NOOP("core", "vision"),
    "embedding": QT_TRANSLATE_NOOP("core", "embedding"),
    "thinking": QT_TRANSLATE_NOOP("core", "thinking"),
    "distill": QT_TRANSLATE_NOOP("core", "distill"),
    "qat": QT_TRANSLATE_NOOP("core", "qat"),
    "uncensored": QT_TRANSLATE_NOOP("core", "uncensored"),
    "cloud": QT_TRANSLATE_NOOP("core", "cloud"),
}
"""Each variant's label in the explanation of a name (the name may spell it otherwise)."""

EXPLANATIONS: dict[str, str] = {
    "host.hugging_face": QT_TRANSLATE_NOOP(
        "core", "downloaded straight from Hugging Face, not from the Ollama library"
    ),
    "host.other": QT_TRANSLATE_NOOP(
        "core", "downloaded from the registry at {host} instead of ollama.com"
    ),
    "namespace.user": (
        QT_TRANSLATE_NOOP(
            "core",
            "published by {namespace}, not part of the official Ollama library; "
            "check who maintains it",
        )
    ),
    "namespace.hugging_face": QT_TRANSLATE_NOOP(
        "core", "the Hugging Face account {namespace} that uploaded this model"
    ),
    "family": QT_TRANSLATE_NOOP(
        "core", "the model family; the tag after ':' picks the size and build"
    ),
    "tag.latest": (
        QT_TRANSLATE_NOOP(
            "core",
            "the tag Ollama uses when you name none; it points to the build the publisher "
            "recommends, usually a mid-sized 4-bit one",
        )
    ),
    "size.billions": (
        QT_TRANSLATE_NOOP(
            "core",
            "about {count} billion parameters; more parameters usually means a smarter "
            "but slower model that needs more memory",
        )
    ),
    "size.millions": (
        QT_TRANSLATE_NOOP(
            "core", "about {count} million parameters: a very small, fast model for simple tasks"
        )
    ),
    "size.experts": (
        QT_TRANSLATE_NOOP(
            "core",
            "mixture of experts: {experts} experts of about {count} billion parameters each; "
            "only a few work on each word, so it runs faster than its size, but all of them "
            "must fit in memory",
        )
    ),
    "size.effective": (
        QT_TRANSLATE_NOOP(
            "core",
            "effective {count} billion parameters: the model has more raw parameters but is "
            "built to run like a {count}B model",
        )
    ),
    "size.active": (
        QT_TRANSLATE_NOOP(
            "core",
            "{count} billion parameters active per word (mixture of experts): faster than its "
            "total size suggests, but every parameter must still fit in memory",
        )
    ),
    "variant.instruct": (
        QT_TRANSLATE_NOOP(
            "core",
            "tuned to follow instructions and hold a conversation; the right choice for chatting",
        )
    ),
    "variant.chat": QT_TRANSLATE_NOOP("core", "tuned for conversation"),
    "variant.base": (
        QT_TRANSLATE_NOOP(
            "core",
            "the raw pre-trained model, not tuned for chat: it continues text instead of "
            "answering questions",
        )
    ),
    "variant.code": QT_TRANSLATE_NOOP(
        "core", "trained especially for programming: writing, completing and explaining code"
    ),
    "variant.vision": QT_TRANSLATE_NOOP(
        "core", "can look at images you attach and talk about them"
    ),
    "variant.embedding": (
        QT_TRANSLATE_NOOP(
            "core",
            "turns text into vectors (lists of numbers) for search and similarity; "
            "it cannot chat or answer questions",
        )
    ),
    "variant.thinking": (
        QT_TRANSLATE_NOOP(
            "core",
            "reasons step by step before it answers; answers take longer, and the reasoning "
            "can be shown separately",
        )
    ),
    "variant.distill": QT_TRANSLATE_NOOP(
        "core", "distilled: a smaller model trained to imitate the answers of a larger one"
    ),
    "variant.qat": (
        QT_TRANSLATE_NOOP(
            "core",
            "quantization-aware training: trained to keep its quality when stored with 4 bits",
        )
    ),
    "variant.uncensored": QT_TRANSLATE_NOOP(
        "core", "its refusal training was removed by the uploader; not an official build"
    ),
    "variant.cloud": (
        QT_TRANSLATE_NOOP(
            "core",
            "runs on Ollama's cloud servers, not on this computer; needs an ollama.com account",
        )
    ),
    "release.yymm": QT_TRANSLATE_NOOP("core", "the release of {year}-{month}"),
    "release.mmdd": QT_TRANSLATE_NOOP("core", "the release of {month}-{day} (month and day)"),
    "release.year": QT_TRANSLATE_NOOP("core", "the release of {year}"),
    "release.date": QT_TRANSLATE_NOOP("core", "the release of {date}"),
    "release.version": QT_TRANSLATE_NOOP("core", "version {version}"),
    "quant.fp32": (
        QT_TRANSLATE_NOOP(
            "core",
            "32-bit floating point, not quantized — {bpw} bits per weight; very large and "
            "rarely worth the memory",
        )
    ),
    "quant.fp16": (
        QT_TRANSLATE_NOOP(
            "core",
            "16-bit floating point, not quantized — {bpw} bits per weight; full quality but "
            "about three times the memory of q4_K_M",
        )
    ),
    "quant.bf16": (
        QT_TRANSLATE_NOOP(
            "core",
            "16-bit brain floating point, not quantized — {bpw} bits per weight; full quality "
            "but about three times the memory of q4_K_M",
        )
    ),
    "quant.fp8": QT_TRANSLATE_NOOP(
        "core", "8-bit floating point — {bpw} bits per weight; close to full quality"
    ),
    "quant.q8_0": (
        QT_TRANSLATE_NOOP(
            "core",
            "8-bit quantization — about {bpw} bits per weight; practically the quality of "
            "16-bit at half the memory",
        )
    ),
    "quant.q6_K": (
        QT_TRANSLATE_NOOP(
            "core",
            "6-bit quantization, K-quant — about {bpw} bits per weight; quality very close to "
            "the original",
        )
    ),
    "quant.q5_K_M": (
        QT_TRANSLATE_NOOP(
            "core",
            "5-bit quantization, K-quant medium — about {bpw} bits per weight; a little larger "
            "than q4_K_M with slightly better quality",
        )
    ),
    "quant.q5_K_S": (
        QT_TRANSLATE_NOOP(
            "core",
            "5-bit quantization, K-quant small — about {bpw} bits per weight; a little larger "
            "than q4_K_M with slightly better quality",
        )
    ),
    "quant.q5_legacy": (
        QT_TRANSLATE_NOOP(
            "core",
            "5-bit quantization, older format — about {bpw} bits per weight; q5_K_M is usually "
            "better at the same size",
        )
    ),
    "quant.q4_K_M": (
        QT_TRANSLATE_NOOP(
            "core",
            "4-bit quantization, K-quant medium — about {bpw} bits per weight; small and fast "
            "with a modest quality loss (the usual default)",
        )
    ),
    "quant.q4_K_S": (
        QT_TRANSLATE_NOOP(
            "core",
            "4-bit quantization, K-quant small — about {bpw} bits per weight; a bit smaller than "
            "q4_K_M with a bit more quality loss",
        )
    ),
    "quant.q4_legacy": (
        QT_TRANSLATE_NOOP(
            "core",
            "4-bit quantization, older format — about {bpw} bits per weight; q4_K_M is usually "
            "better at a similar size",
        )
    ),
    "quant.mxfp4": (
        QT_TRANSLATE_NOOP(
            "core",
            "MXFP4, a 4-bit floating-point format with shared scales — about {bpw} bits per "
            "weight; models trained for it lose little quality",
        )
    ),
    "quant.q3_K": (
        QT_TRANSLATE_NOOP(
            "core",
            "3-bit quantization, K-quant — about {bpw} bits per weight; noticeably lower "
            "quality, for when memory is tight",
        )
    ),
    "quant.q2_K": (
        QT_TRANSLATE_NOOP(
            "core",
            "2-bit quantization, K-quant — about {bpw} bits per weight; a large quality loss, "
            "only when nothing bigger fits",
        )
    ),
    "quant.iq4": (
        QT_TRANSLATE_NOOP(
            "core",
            "4-bit i-quant (importance-weighted) — about {bpw} bits per weight; close to "
            "q4_K_S quality, slightly smaller",
        )
    ),
    "quant.iq3": (
        QT_TRANSLATE_NOOP(
            "core",
            "3-bit i-quant (importance-weighted) — about {bpw} bits per weight; lower quality, "
            "for when memory is tight",
        )
    ),
    "quant.iq2": (
        QT_TRANSLATE_NOOP(
            "core",
            "2-bit i-quant (importance-weighted) — about {bpw} bits per weight; very small, "
            "clearly lower quality",
        )
    ),
    "quant.iq1": (
        QT_TRANSLATE_NOOP(
            "core",
            "1-bit i-quant (importance-weighted) — about {bpw} bits per weight; tiny, with "
            "severe quality loss",
        )
    ),
    "quant.ternary": (
        QT_TRANSLATE_NOOP(
            "core",
            "ternary quantization for models trained with 1.58-bit weights — about {bpw} bits "
            "per weight",
        )
    ),
    "quant.generic": QT_TRANSLATE_NOOP(
        "core", "{bits}-bit quantization — roughly {bpw} bits per weight"
    ),
    "quant.unknown": QT_TRANSLATE_NOOP(
        "core", "a quantization Parley does not know; its size cannot be estimated"
    ),
    "quant.default": (
        QT_TRANSLATE_NOOP(
            "core",
            "no quantization in the tag: Ollama uses the publisher's default, usually q4_K_M",
        )
    ),
    "label.quantization": QT_TRANSLATE_NOOP("core", "quantization"),
    "other.gguf": QT_TRANSLATE_NOOP(
        "core", "GGUF, the model file format that llama.cpp and Ollama use"
    ),
    "other.base_model": QT_TRANSLATE_NOOP("core", "the model it is built on"),
    "other.unknown": QT_TRANSLATE_NOOP(
        "core", "a label the publisher chose; Parley does not know what it means"
    ),
    "check.empty": QT_TRANSLATE_NOOP("core", "Enter a model name, such as qwen3:4b."),
    "check.quotes": QT_TRANSLATE_NOOP("core", "Leave out the quotes around the name."),
    "check.command": QT_TRANSLATE_NOOP(
        "core", "Only the model name is needed, not the ollama command."
    ),
    "check.url": QT_TRANSLATE_NOOP("core", "Enter the model name rather than the web address."),
    "check.separator": QT_TRANSLATE_NOOP("core", "Use ':' between the model name and its tag."),
    "check.spaces": QT_TRANSLATE_NOOP("core", "Model names cannot contain spaces."),
    "check.colons": QT_TRANSLATE_NOOP(
        "core", "Use one ':' between the model name and its tag, and nothing after it."
    ),
    "check.case": QT_TRANSLATE_NOOP("core", "Model names on ollama.com are lower case."),
    "check.quant_case": QT_TRANSLATE_NOOP("core", "Quantizations are written like q4_K_M."),
    "check.family_separators": QT_TRANSLATE_NOOP("core", "The model is called {family}."),
    "check.size_in_name": QT_TRANSLATE_NOOP("core", "The size belongs in the tag, after a ':'."),
    "check.characters": QT_TRANSLATE_NOOP(
        "core", "These characters are not allowed in a model name: {chars}"
    ),
    "check.slashes": (
        QT_TRANSLATE_NOOP(
            "core",
            "A name has at most a host and a namespace before the model: host/namespace/model.",
        )
    ),
    "check.missing_model": QT_TRANSLATE_NOOP("core", "The model name is missing."),
    "check.bad_start": QT_TRANSLATE_NOOP(
        "core", "Each part of a name must start with a letter or a digit."
    ),
    "check.dots": QT_TRANSLATE_NOOP("core", "A name cannot contain two dots in a row."),
    "check.namespace_dot": QT_TRANSLATE_NOOP(
        "core", "The namespace before '/' cannot contain a dot."
    ),
    "check.too_long": QT_TRANSLATE_NOOP("core", "That name is too long."),
    "check.digest": QT_TRANSLATE_NOOP(
        "core", "After '@' comes a digest such as sha256:… with 64 hexadecimal digits."
    ),
    "check.unknown_family": QT_TRANSLATE_NOOP(
        "core", "Parley does not know a model called {family}; did you mean {guess}?"
    ),
    "fit.comfortable": QT_TRANSLATE_NOOP(
        "core", "Fits comfortably: needs about {need} of this computer's {ram}."
    ),
    "fit.tight": (
        QT_TRANSLATE_NOOP(
            "core",
            "Tight: needs about {need} of this computer's {ram}; close other programs or pick "
            "a smaller size or quantization.",
        )
    ),
    "fit.does_not_fit": (
        QT_TRANSLATE_NOOP(
            "core",
            "Does not fit: needs about {need}, but this computer has {ram}; pick a smaller size "
            "or quantization.",
        )
    ),
}


@dataclass(frozen=True, slots=True)
class ModelTag:
    """The parts of one model name. ``billions`` is the number the name states, not a count."""

    raw: str
    model: str
    family: str
    host: str = ""
    namespace: str = DEFAULT_NAMESPACE
    tag: str = DEFAULT_TAG
    digest: str = ""
    size: str = ""
    billions: float | None = None
    experts: int | None = None
    effective: bool = False
    active_billions: float | None = None
    variants: tuple[str, ...] = ()
    release: str = ""
    quantization: str = ""
    other: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The name as Ollama lists it: the default namespace is left out."""
        prefix = "/".join(part for part in (self.host, self.namespace) if part)
        if prefix == DEFAULT_NAMESPACE:
            prefix = ""
        base = f"{prefix}/{self.model}" if prefix else self.model
        return f"{base}:{self.tag}"

    @property
    def source(self) -> str:
        """Where it comes from, e.g. ``hf.co/bartowski`` or ``library``."""
        return "/".join(part for part in (self.host, self.namespace) if part)

    @property
    def parameters(self) -> float | None:
        """Parameter count the name states (experts multiplied out), or None."""
        if self.billions is None:
            return None
        return self.billions * 1e9 * (self.experts or 1)

    @property
    def is_library(self) -> bool:
        return not self.host and self.namespace == DEFAULT_NAMESPACE

    @property
    def is_hugging_face(self) -> bool:
        return self.host.lower() in HUGGING_FACE_HOSTS

    @property
    def is_embedding(self) -> bool:
        return "embedding" in self.variants

    @property
    def is_cloud(self) -> bool:
        return "cloud" in self.variants


class _Size(NamedTuple):
    billions: float
    experts: int | None = None
    effective: bool = False
    active: bool = False


class NameParts(NamedTuple):
    host: str
    namespace: str
    model: str
    tag: str
    has_colon: bool
    digest: str


_SIZE_RE = re.compile(r"^(?:(\d+)x)?(\d+(?:\.\d+)?)([kmbt])$", re.IGNORECASE)
_PREFIXED_SIZE_RE = re.compile(r"^([ea])(\d+(?:\.\d+)?)b$", re.IGNORECASE)
_SCALE = {"k": 1e-6, "m": 1e-3, "b": 1.0, "t": 1e3}
_QUANT_RE = re.compile(
    r"^(?:i?q\d(?:_[a-z0-9]+)*|tq\d_\d|mxfp4|fp8|fp16|bf16|fp32)$", re.IGNORECASE
)
_FLOAT_ALIASES = {"f16": "fp16", "f32": "fp32", "float16": "fp16", "float32": "fp32"}
_VERSION_RE = re.compile(r"^v\d+(?:\.\d+)*$", re.IGNORECASE)


def _parse_size(token: str) -> _Size | None:
    match = _SIZE_RE.match(token)
    if match:
        experts = int(match.group(1)) if match.group(1) else None
        billions = float(match.group(2)) * _SCALE[match.group(3).lower()]
        return _Size(billions, experts)
    match = _PREFIXED_SIZE_RE.match(token)
    if match:
        kind = match.group(1).lower()
        return _Size(float(match.group(2)), effective=kind == "e", active=kind == "a")
    return None


def parse_parameter_count(text: str) -> float | None:
    """Turn ``3.2B``, ``270M``, ``8x7B``, ``e2b`` or a plain number into a parameter count."""
    cleaned = text.strip().replace(" ", "").replace(",", "")
    size = _parse_size(cleaned)
    if size is not None:
        return size.billions * 1e9 * (size.experts or 1)
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def normalize_quantization(text: str) -> str:
    """Canonical spelling (``Q4_K_M`` → ``q4_K_M``, ``F16`` → ``fp16``), or "" if not one."""
    lowered = text.strip().lower()
    lowered = _FLOAT_ALIASES.get(lowered, lowered)
    if not _QUANT_RE.match(lowered):
        return ""
    if not lowered.startswith("q"):
        return lowered
    head, *rest = lowered.split("_")
    parts = [head]
    after_k = False
    for piece in rest:
        if piece == "k":
            parts.append("K")
            after_k = True
        else:
            parts.append(piece.upper() if after_k else piece)
    return "_".join(parts)


def bits_per_weight(quantization: str) -> float | None:
    """Approximate bits per weight; unlisted q/iq types are estimated as their bits + 0.5."""
    canonical = normalize_quantization(quantization)
    if canonical in BITS_PER_WEIGHT:
        return BITS_PER_WEIGHT[canonical]
    match = re.match(r"^(?:i|t)?q(\d)", canonical)
    return int(match.group(1)) + 0.5 if match else None


def _release_key(token: str) -> str:
    """The explanation key of a release token, or "" if it is not one."""
    if _VERSION_RE.match(token):
        return "release.version"
    if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?|\d{2}-\d{4}|\d{8}", token):
        return "release.date"
    if not re.fullmatch(r"\d{4}", token):
        return ""
    first, second = int(token[:2]), int(token[2:])
    if 2000 <= int(token) <= 2099 and not 1 <= second <= 12:
        return "release.year"
    if 22 <= first <= 39 and 1 <= second <= 12:
        return "release.yymm"
    if 1 <= first <= 12 and 1 <= second <= 31:
        return "release.mmdd"
    return ""


def _merge_dates(tokens: list[str]) -> list[str]:
    """Join ``08-2024`` and ``2024-08-06`` back together after splitting a tag on ``-``."""
    merged: list[str] = []
    index = 0
    while index < len(tokens):
        window = "-".join(tokens[index : index + 3])
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", window):
            merged.append(window)
            index += 3
            continue
        pair = "-".join(tokens[index : index + 2])
        if re.fullmatch(r"\d{2}-\d{4}|\d{4}-\d{2}", pair):
            merged.append(pair)
            index += 2
            continue
        merged.append(tokens[index])
        index += 1
    return merged


def split_name(text: str) -> NameParts:
    """Split like Ollama does: digest after '@', path before the last '/', tag after ':'."""
    rest, _, digest = text.partition("@")
    path, _, last = rest.rpartition("/")
    model, colon, tag = last.partition(":")
    segments = path.split("/") if path else []
    if len(segments) >= 2:
        host, namespace = segments[0], "/".join(segments[1:])
    else:
        host, namespace = "", (segments[0] if segments else "")
    return NameParts(host, namespace, model, tag, bool(colon), digest)


def _family_variants(family: str) -> list[str]:
    """Variants a family name implies, also for derivatives like ``deepseek-r1-abliterated``."""
    variants = list(KNOWN_FAMILIES.get(family, ()))
    for known, implied in KNOWN_FAMILIES.items():
        if family.startswith(f"{known}-"):
            variants.extend(variant for variant in implied if variant not in variants)
    hints = [variant for word, variant in _FAMILY_VARIANT_HINTS if word in family]
    if "vl" in re.split(r"[-_.\d]+", family):
        hints.append("vision")
    if family.startswith("code"):
        hints.append("code")
    variants.extend(hint for hint in dict.fromkeys(hints) if hint not in variants)
    return variants


def split_family(model: str) -> tuple[str, list[str]]:
    """Family and the tokens that follow a size inside the model name (Hugging Face style)."""
    tokens = [token for token in model.split("-") if token]
    for index, token in enumerate(tokens):
        size = _parse_size(token)
        if index > 0 and size is not None and not size.active:
            return "-".join(tokens[:index]).lower(), tokens[index:]
    while len(tokens) > 1 and (tokens[-1].lower() == "gguf" or normalize_quantization(tokens[-1])):
        tokens.pop()
    return "-".join(tokens).lower(), []


def parse_model_tag(name: str) -> ModelTag:
    """Split any string into name parts; never raises."""
    parts = split_name(name.strip())
    family, tail = split_family(parts.model)
    variants = _family_variants(family)
    size_token = ""
    size: _Size | None = None
    active: float | None = None
    release = quantization = ""
    other: list[str] = []
    tag_tokens = [token for token in parts.tag.split("-") if token]
    for token in _merge_dates(tail + tag_tokens):
        lowered = token.lower()
        parsed_size = _parse_size(token)
        if not quantization and normalize_quantization(token):
            quantization = normalize_quantization(token)
        elif parsed_size is not None and parsed_size.active and active is None:
            active = parsed_size.billions
        elif parsed_size is not None and size is None:
            size, size_token = parsed_size, lowered
        elif lowered in VARIANT_WORDS:
            if VARIANT_WORDS[lowered] not in variants:
                variants.append(VARIANT_WORDS[lowered])
        elif not release and _release_key(token):
            release = token
        elif lowered != DEFAULT_TAG:
            other.append(token)
    return ModelTag(
        raw=name,
        model=parts.model,
        family=family,
        host=parts.host,
        namespace=parts.namespace or DEFAULT_NAMESPACE,
        tag=parts.tag or DEFAULT_TAG,
        digest=parts.digest,
        size=size_token,
        billions=size.billions if size else None,
        experts=size.experts if size else None,
        effective=size.effective if size else False,
        active_billions=active,
        variants=tuple(variants),
        release=release,
        quantization=quantization,
        other=tuple(other),
    )


def _count(value: float) -> str:
    return f"{value:g}"


def _text(key: str, **params: str | int | float) -> Text:
    """The explanation ``key`` with its fields' values, for the UI to put in words."""
    return Text(EXPLANATIONS[key], params)


def _size_text(tag: ModelTag) -> Text:
    billions = tag.billions or 0.0
    if tag.experts:
        return _text("size.experts", experts=tag.experts, count=_count(billions))
    if tag.effective:
        return _text("size.effective", count=_count(billions))
    if billions < 1:
        return _text("size.millions", count=_count(round(billions * 1000, 3)))
    return _text("size.billions", count=_count(billions))


def _release_text(token: str) -> Text:
    key = _release_key(token)
    if key == "release.yymm":
        return _text(key, year=f"20{token[:2]}", month=token[2:])
    if key == "release.mmdd":
        return _text(key, month=token[:2], day=token[2:])
    return _text(key, year=token, date=token, version=token.lstrip("vV"))


def _quant_key(canonical: str) -> str:
    if f"quant.{canonical}" in EXPLANATIONS:
        return f"quant.{canonical}"
    prefixes = (
        ("q5_0", "quant.q5_legacy"),
        ("q5_1", "quant.q5_legacy"),
        ("q4_0", "quant.q4_legacy"),
        ("q4_1", "quant.q4_legacy"),
        ("q3_K", "quant.q3_K"),
        ("iq4", "quant.iq4"),
        ("iq3", "quant.iq3"),
        ("iq2", "quant.iq2"),
        ("iq1", "quant.iq1"),
        ("tq", "quant.ternary"),
    )
    for prefix, key in prefixes:
        if canonical.startswith(prefix):
            return key
    return "quant.generic" if bits_per_weight(canonical) is not None else "quant.unknown"


def explain_quantization(quantization: str) -> Text:
    """One plain sentence about a quantization such as ``q4_K_M`` or ``Q8_0``."""
    canonical = normalize_quantization(quantization)
    bpw = bits_per_weight(canonical)
    if not canonical or bpw is None:
        return _text("quant.unknown")
    return _text(_quant_key(canonical), bpw=f"{bpw:.1f}", bits=int(bpw))


def _other_text(token: str) -> Text:
    lowered = token.lower()
    if lowered == "gguf":
        return _text("other.gguf")
    if lowered in BASE_MODEL_WORDS or lowered in KNOWN_FAMILIES:
        return _text("other.base_model")
    return _text("other.unknown")


def explain(tag: ModelTag) -> list[tuple[str | Text, Text]]:
    """(part, plain explanation) pairs in reading order, for a tooltip or details panel.

    A part is a piece of the name as written, or (a variant, the default quantization) a
    word Parley names it by, which the UI translates."""
    lines: list[tuple[str | Text, Text]] = []
    if tag.host:
        key = "host.hugging_face" if tag.is_hugging_face else "host.other"
        lines.append((tag.host, _text(key, host=tag.host)))
    if tag.namespace != DEFAULT_NAMESPACE:
        key = "namespace.hugging_face" if tag.is_hugging_face else "namespace.user"
        lines.append((tag.namespace, _text(key, namespace=tag.namespace)))
    lines.append((tag.family or tag.model, _text("family")))
    if tag.tag == DEFAULT_TAG:
        lines.append((DEFAULT_TAG, _text("tag.latest")))
    if tag.size:
        lines.append((tag.size, _size_text(tag)))
    if tag.active_billions is not None:
        active = _count(tag.active_billions)
        lines.append((f"a{active}b", _text("size.active", count=active)))
    lines.extend(
        (Text(VARIANT_LABELS[variant]), _text(f"variant.{variant}")) for variant in tag.variants
    )
    if tag.release:
        lines.append((tag.release, _release_text(tag.release)))
    if tag.quantization:
        lines.append((tag.quantization, explain_quantization(tag.quantization)))
    elif not tag.is_embedding and not tag.is_cloud:
        lines.append((Text(EXPLANATIONS["label.quantization"]), _text("quant.default")))
    lines.extend((token, _other_text(token)) for token in tag.other)
    return lines
