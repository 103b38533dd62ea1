"""The presets table: every system a person may have, usable as data."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from desktop.core.provider_config import AuthStyle, ProviderConfig, ProviderFamily
from desktop.providers.presets import (
    PRESETS,
    Listing,
    fill_placeholders,
    preset_by_id,
    sees_images,
)

EXPECTED = {
    "openai", "anthropic", "gemini", "azure", "deepseek", "dashscope", "zhipu", "moonshot",
    "volcengine", "siliconflow", "groq", "openrouter", "mistral", "xai", "together",
    "huggingface", "bedrock", "vertex", "lmstudio", "vllm", "textgen-webui", "litellm",
    "llamacpp", "one-api", "ollama-openai", "ollama", "custom",
}  # fmt: skip
LOCAL_PORTS = {
    "lmstudio": 1234,
    "vllm": 8000,
    "textgen-webui": 5000,
    "litellm": 4000,
    "llamacpp": 8080,
    "ollama-openai": 11434,
    "ollama": 11434,
}


def test_every_system_has_exactly_one_preset() -> None:
    ids = [preset.id for preset in PRESETS]
    assert len(ids) == len(set(ids))
    assert set(ids) == EXPECTED


def test_cloud_presets_use_https_and_need_a_key() -> None:
    for preset in PRESETS:
        if preset.local or preset.id == "custom":
            continue
        assert urlsplit(preset.base_url).scheme == "https", preset.id
        assert preset.needs_key, preset.id
        assert preset.auth is not AuthStyle.NONE, preset.id
        assert preset.docs_url.startswith("https://"), preset.id


def test_local_servers_listen_on_their_usual_ports() -> None:
    for preset_id, port in LOCAL_PORTS.items():
        preset = preset_by_id(preset_id)
        parts = urlsplit(preset.base_url)
        assert (parts.hostname, parts.port) in {("localhost", port), ("127.0.0.1", port)}
        assert preset.local
        # Current LiteLLM proxies refuse to start without a master key (defect 17).
        assert preset.needs_key == (preset_id == "litellm"), preset_id


def test_families_and_auth_styles() -> None:
    assert preset_by_id("anthropic").family is ProviderFamily.ANTHROPIC
    assert preset_by_id("anthropic").auth is AuthStyle.X_API_KEY
    assert preset_by_id("azure").family is ProviderFamily.AZURE
    assert preset_by_id("azure").auth is AuthStyle.API_KEY
    assert preset_by_id("ollama").family is ProviderFamily.OLLAMA
    assert preset_by_id("gemini").base_url.endswith("/v1beta/openai")
    assert preset_by_id("ollama-openai").base_url.endswith("/v1")


def test_placeholders_name_what_the_person_must_fill_in() -> None:
    assert preset_by_id("azure").placeholders == ("resource",)
    assert preset_by_id("bedrock").placeholders == ("region",)
    vertex = preset_by_id("vertex")
    assert vertex.placeholders == ("location", "project")
    filled = fill_placeholders(vertex.base_url, {"location": "us-central1", "project": "p1"})
    assert filled == (
        "https://us-central1-aiplatform.googleapis.com/v1/projects/p1/locations/us-central1"
        "/endpoints/openapi"
    )
    assert fill_placeholders("https://{resource}.x", {}) == "https://{resource}.x"


def test_static_listings_come_with_models() -> None:
    for preset in PRESETS:
        if preset.listing is Listing.STATIC and preset.id != "azure":
            assert preset.models, preset.id


@pytest.mark.parametrize(
    ("preset_id", "model", "sees"),
    [
        ("openai", "gpt-4o-mini", True),
        ("openai", "gpt-4.1", True),
        ("openai", "o3-mini", False),
        ("openai", "gpt-3.5-turbo", False),
        ("anthropic", "claude-sonnet-4-5-20250929", True),
        ("anthropic", "claude-2.1", False),
        ("gemini", "gemini-2.5-flash", True),
        ("deepseek", "deepseek-chat", False),
        ("dashscope", "qwen-vl-max", True),
        ("dashscope", "qwen-plus", False),
        ("zhipu", "glm-4.5v", True),
        ("zhipu", "glm-4.5", False),
        ("openrouter", "anthropic/claude-3.5-sonnet", True),
        ("ollama", "llava:7b", True),
        ("ollama", "llama3.2:3b", False),
        ("lmstudio", "Qwen2.5-VL-7B-Instruct", True),
        ("bedrock", "openai.gpt-oss-20b-1:0", False),
    ],
)
def test_which_models_see_images(preset_id: str, model: str, sees: bool) -> None:
    assert sees_images(model, preset_by_id(preset_id)) is sees


def test_the_person_overrides_the_table() -> None:
    preset = preset_by_id("custom")
    config = ProviderConfig(
        id="x", preset="custom", vision_models=("my-*",), blind_models=("my-text-*",)
    )
    assert not sees_images("my-model", preset)
    assert sees_images("my-model", preset, config)
    assert not sees_images("my-text-model", preset, config)
    blind = ProviderConfig(id="x", preset="openai", blind_models=("gpt-4o",))
    assert not sees_images("gpt-4o", preset_by_id("openai"), blind)


def test_unknown_preset_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known presets: openai"):
        preset_by_id("nope")
