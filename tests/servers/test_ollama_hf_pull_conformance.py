"""Pulls of hf.co/{user}/{repo}:{quant} from the Ollama test server, checked with the
official ``ollama`` client: the quantization in any case, ``latest`` as Q4_K_M, and the
refusals Ollama passes on from Hugging Face (a gated repo, a tag the repo lacks)."""

from __future__ import annotations

import ollama
import pytest

from tests.servers.ollama_server import OllamaServer
from tests.servers.sdk_clients import kept

REPO = "unsloth/Qwen3-4B-Instruct-2507-GGUF"
GATED = "meta-llama/Llama-3.2-1B-Instruct-GGUF"


@pytest.fixture
def hf_ollama(ollama_server: OllamaServer, tiny_model_path) -> OllamaServer:
    ollama_server.publish(f"hf.co/{REPO}:Q4_K_M", tiny_model_path)
    ollama_server.publish(f"hf.co/{GATED}:Q4_K_M", tiny_model_path)
    ollama_server.hf_gated.add(GATED)
    return ollama_server


def test_an_hf_co_pull_takes_the_quantization_in_any_case(hf_ollama: OllamaServer) -> None:
    api = kept(ollama.Client(host=hf_ollama.url))
    updates = list(api.pull(f"hf.co/{REPO}:q4_k_m", stream=True))
    assert updates[-1].status == "success"
    assert api.pull(f"hf.co/{REPO}", stream=False).status == "success"  # latest → Q4_K_M
    names = sorted(model.model or "" for model in api.list().models)
    assert names == [f"hf.co/{REPO}:latest", f"hf.co/{REPO}:q4_k_m"]


def test_a_gated_repo_and_a_missing_quantization_are_refused(hf_ollama: OllamaServer) -> None:
    api = kept(ollama.Client(host=hf_ollama.url))
    with pytest.raises(ollama.ResponseError, match=r"401: .*is restricted"):
        list(api.pull(f"hf.co/{GATED}:Q4_K_M", stream=True))
    with pytest.raises(ollama.ResponseError, match=r"400: .*not available in the repository"):
        list(api.pull(f"hf.co/{REPO}:Q3_K_S", stream=True))
    assert api.list().models == []
