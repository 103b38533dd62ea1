"""GGUF file names → quantizations, split files summed, the pull name, and the fit verdict."""

from __future__ import annotations

import pytest

from desktop.core.gpu_memory import amd_vram, nvidia_vram
from desktop.core.hub_files import (
    MachineMemory,
    Placement,
    QuantFile,
    fit,
    group_by_quant,
    needed_bytes,
    pull_name,
    quant_of,
    repo_id_in,
)

GB = 1_000_000_000


@pytest.mark.parametrize(
    ("path", "quant"),
    [
        ("Qwen3-4B-Instruct-2507-Q4_K_M.gguf", "Q4_K_M"),
        ("Llama-3.2-1B-Instruct-Q8_0.gguf", "Q8_0"),
        ("gemma-3-4b-it-IQ2_XS.gguf", "IQ2_XS"),
        ("model.f16.gguf", "F16"),
        ("Qwen3-30B-A3B-BF16-00002-of-00003.gguf", "BF16"),
        ("Q8_0/Qwen3-30B-A3B-Q8_0-00001-of-00002.gguf", "Q8_0"),
        ("Qwen3-4B-Instruct-2507-UD-Q4_K_XL.gguf", "UD-Q4_K_XL"),
        ("phi-4-q4_k_m.gguf", "Q4_K_M"),
        ("gpt-oss-20b-MXFP4.gguf", "MXFP4"),
        ("mmproj-model-f16.gguf", None),
        ("README.md", None),
        ("model.safetensors", None),
        ("just-a-model.gguf", None),
    ],
)
def test_the_quantization_is_read_from_the_file_name(path, quant):
    assert quant_of(path) == quant


def test_files_are_grouped_by_quantization_smallest_first_with_split_parts_summed():
    files = [
        ("README.md", 5000),
        ("m-Q8_0.gguf", 4 * GB),
        ("BF16/m-BF16-00001-of-00002.gguf", 4 * GB),
        ("BF16/m-BF16-00002-of-00002.gguf", 3 * GB),
        ("m-Q4_K_M.gguf", 2 * GB),
        ("mmproj-m-F16.gguf", GB),
    ]
    grouped = group_by_quant(files)
    assert [(q.quant, q.size, q.parts) for q in grouped] == [
        ("Q4_K_M", 2 * GB, 1),
        ("Q8_0", 4 * GB, 1),
        ("BF16", 7 * GB, 2),
    ]


def test_the_pull_name_is_ollamas_hf_co_form():
    assert pull_name("unsloth/Qwen3-4B-GGUF", "Q4_K_M") == "hf.co/unsloth/Qwen3-4B-GGUF:Q4_K_M"


def test_fit_says_vram_ram_or_too_big():
    quant = QuantFile("Q4_K_M", ("m-Q4_K_M.gguf",), int(2.5 * GB))
    need = needed_bytes(quant)
    assert 2.5 * GB < need < 4 * GB  # the file plus KV cache and overhead
    assert fit(quant, MachineMemory(ram=16 * GB, vram=8 * GB)).placement is Placement.VRAM
    assert fit(quant, MachineMemory(ram=16 * GB, vram=2 * GB)).placement is Placement.RAM
    assert fit(quant, MachineMemory(ram=16 * GB)).placement is Placement.RAM
    assert fit(quant, MachineMemory(ram=3 * GB)).placement is Placement.TOO_BIG
    assert fit(quant, MachineMemory(ram=None)).placement is Placement.UNKNOWN
    unknown_size = QuantFile("Q4_K_M", ("m.gguf",), 0)
    assert fit(unknown_size, MachineMemory(ram=16 * GB)).placement is Placement.UNKNOWN


def test_gpu_memory_is_read_from_nvidia_smi_and_amdgpu(tmp_path):
    assert nvidia_vram("8192\n24576\n") == 24576 * 1024 * 1024
    assert nvidia_vram("No devices were found\n") is None
    card = tmp_path / "card1" / "device"
    card.mkdir(parents=True)
    (card / "mem_info_vram_total").write_text("17163091968\n")
    assert amd_vram(tmp_path) == 17163091968
    assert amd_vram(tmp_path / "none") is None


@pytest.mark.parametrize(
    ("text", "repo"),
    [
        ("https://huggingface.co/unsloth/Qwen3-4B-GGUF", "unsloth/Qwen3-4B-GGUF"),
        ("https://huggingface.co/unsloth/Qwen3-4B-GGUF/tree/main", "unsloth/Qwen3-4B-GGUF"),
        (
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
            "bartowski/Llama-3.2-1B-Instruct-GGUF",
        ),
        ("  unsloth/gemma-3-4b-it-GGUF ", "unsloth/gemma-3-4b-it-GGUF"),
        ("qwen3 4b", None),
        ("qwen3", None),
        ("https://example.com/a/b", None),
    ],
)
def test_a_pasted_address_or_pull_name_names_its_repo(text, repo):
    assert repo_id_in(text) == repo
