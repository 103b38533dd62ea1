"""What Ollama reports about a GGUF file, read from the file itself with gguf.GGUFReader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gguf

# Ollama leaves these long arrays empty in /api/show unless the request says verbose.
VERBOSE_ONLY = ("tokenizer.ggml.tokens", "tokenizer.ggml.merges", "tokenizer.ggml.token_type")


@dataclass(frozen=True)
class GgufMetadata:
    fields: dict[str, Any]
    parameter_count: int

    @property
    def architecture(self) -> str:
        return str(self.fields.get("general.architecture", "llama"))

    @property
    def context_length(self) -> int:
        return int(self.fields.get(f"{self.architecture}.context_length", 0))

    @property
    def quantization(self) -> str:
        """The file type as Ollama names it, e.g. F32, F16, Q4_K_M."""
        file_type = gguf.LlamaFileType(int(self.fields.get("general.file_type", 0)))
        return file_type.name.removeprefix("ALL_").removeprefix("MOSTLY_")

    def model_info(self, *, verbose: bool = False) -> dict[str, Any]:
        info = dict(self.fields)
        if not verbose:
            info.update({key: [] for key in VERBOSE_ONLY if key in info})
        info["general.parameter_count"] = self.parameter_count
        return info


def read_gguf_metadata(path: Path) -> GgufMetadata:
    reader = gguf.GGUFReader(path)
    fields = {
        key: field.contents() for key, field in reader.fields.items() if not key.startswith("GGUF.")
    }
    stated = fields.get("general.parameter_count")
    counted = sum(int(tensor.n_elements) for tensor in reader.tensors)
    return GgufMetadata(fields, int(stated) if stated is not None else counted)


def human_number(count: int) -> str:
    """Ollama's parameter_size formatting (format.HumanNumber): 8.0B, 494.03M, 129K."""
    for unit, scale, places in (("B", 1e9, 1), ("M", 1e6, 2), ("K", 1e3, 0)):
        if count >= scale:
            value = count / scale
            return f"{value:.0f}{unit}" if value.is_integer() else f"{value:.{places}f}{unit}"
    return str(count)
