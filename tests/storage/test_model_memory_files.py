"""Per-model defaults and learned memory corrections on disk."""

from __future__ import annotations

import json

from desktop.core.chat_parameters import ChatParameters
from desktop.core.measured_fit import Correction
from desktop.core.model_defaults import ModelDefaults
from desktop.storage.measured_fit_file import MeasuredFitStore
from desktop.storage.model_defaults_file import ModelDefaultsStore


def test_defaults_are_kept_per_provider_and_model(tmp_path):
    path = tmp_path / "model-defaults.json"
    store = ModelDefaultsStore(path)
    defaults = ModelDefaults(ChatParameters(temperature=0.2, num_ctx=8192), "Answer in French.")
    store.set_defaults("ollama", "qwen3:4b", defaults)

    again = ModelDefaultsStore(path)
    assert again.defaults_for("ollama", "qwen3:4b") == defaults
    assert again.defaults_for("openai", "qwen3:4b") is None
    assert again.defaults_for("ollama", "llama3:8b") is None

    again.set_defaults("ollama", "qwen3:4b", ModelDefaults())  # cleared
    assert ModelDefaultsStore(path).defaults_for("ollama", "qwen3:4b") is None


def test_a_damaged_defaults_file_is_set_aside_and_said(tmp_path):
    path = tmp_path / "model-defaults.json"
    path.write_text("{not json", encoding="utf-8")
    store = ModelDefaultsStore(path)
    assert store.load_problem is not None
    assert store.defaults_for("ollama", "x") is None
    assert not path.exists()
    assert [p.name.startswith("model-defaults.json.bad-") for p in tmp_path.iterdir()] == [True]


def test_corrections_survive_a_restart_and_bad_entries_are_skipped(tmp_path):
    path = tmp_path / "measured-fit.json"
    store = MeasuredFitStore(path)
    store.record("llama/Q4_K_M", Correction(1.12, 3, "llama3.1:8b"))
    assert MeasuredFitStore(path).correction("llama/Q4_K_M") == Correction(1.12, 3, "llama3.1:8b")

    document = json.loads(path.read_text())
    document["fit"]["bad/Q8_0"] = {"ratio": "big", "samples": 1}
    document["fit"]["zero/Q8_0"] = {"ratio": 0, "samples": 1}
    path.write_text(json.dumps(document))
    again = MeasuredFitStore(path)
    assert again.correction("bad/Q8_0") is None and again.correction("zero/Q8_0") is None
    assert again.correction("llama/Q4_K_M") is not None
