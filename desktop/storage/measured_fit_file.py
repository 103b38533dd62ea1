"""What Parley learned from Ollama's measurements: one correction of the memory estimate
per model family and quantization, in one JSON file in the data folder.

    {"version": 1, "fit": {"llama/Q4_K_M": {"ratio": 1.12, "samples": 3,
                                             "model": "llama3.1:8b"}}}

It is learned data, not a preference: a damaged file is moved aside and learning starts
again.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from desktop.core.measured_fit import Correction
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.paths import data_dir
from desktop.storage.quarantine import move_aside

FORMAT_VERSION = 1


def default_measured_fit_path() -> Path:
    return data_dir() / "measured-fit.json"


class MeasuredFitStore:
    """Satisfies desktop.core.measured_fit.FitRatios."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._corrections: dict[str, Correction] = {}
        remove_interrupted_writes(path)
        try:
            raw = read_json_object(path) or {}
        except (OSError, ValueError):
            move_aside(path, "damaged")
            raw = {}
        entries = raw.get("fit")
        for key, entry in (entries if isinstance(entries, dict) else {}).items():
            if (correction := _correction(entry)) is not None:
                self._corrections[str(key)] = correction

    def correction(self, key: str) -> Correction | None:
        return self._corrections.get(key)

    def record(self, key: str, correction: Correction) -> None:
        self._corrections[key] = correction
        entries = {name: asdict(entry) for name, entry in sorted(self._corrections.items())}
        write_json_object(self.path, {"version": FORMAT_VERSION, "fit": entries})


def _correction(entry: object) -> Correction | None:
    if not isinstance(entry, dict):
        return None
    ratio, samples, model = entry.get("ratio"), entry.get("samples"), entry.get("model", "")
    if not isinstance(ratio, int | float) or isinstance(ratio, bool) or not 0.05 < ratio < 20:
        return None
    if not isinstance(samples, int) or isinstance(samples, bool) or samples < 1:
        return None
    return Correction(float(ratio), samples, model if isinstance(model, str) else "")
