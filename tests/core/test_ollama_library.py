"""The shipped Ollama library list: real entries with tags, sizes and capabilities."""

from __future__ import annotations

from datetime import date

from desktop.core.ollama_library import EMPTY_CATALOG, load_catalog, parse_catalog
from desktop.resources import resource_path

KNOWN_CAPABILITIES = {"completion", "tools", "thinking", "vision", "embedding"}


def test_the_shipped_list_has_25_to_40_models_each_with_sized_tags_and_a_date():
    catalog = load_catalog(resource_path("ollama_library.json"))
    assert catalog.as_of is not None and catalog.as_of >= date(2025, 1, 1)
    assert 25 <= len(catalog.models) <= 40
    for model in catalog.models:
        assert model.tags and all(tag.size > 10_000_000 for tag in model.tags), model.name
        assert model.default_tag in {tag.tag for tag in model.tags}
        assert set(model.capabilities) <= KNOWN_CAPABILITIES and model.capabilities
        assert model.description
    qwen3 = catalog.find("qwen3")
    assert qwen3 is not None and qwen3.pull_name("4b") == "qwen3:4b"
    assert {"tools", "thinking"} <= set(qwen3.capabilities)
    assert [m.name for m in catalog.models if m.matches("embed")][:2] == [
        "nomic-embed-text",
        "mxbai-embed-large",
    ]


def test_every_model_is_described_in_chinese_too_and_found_by_its_words():
    catalog = load_catalog(resource_path("ollama_library.json"))
    for model in catalog.models:
        chinese = model.described("zh_CN")
        assert chinese != model.description and any("\u4e00" <= c <= "\u9fff" for c in chinese)
        assert model.described("zh") == chinese and model.described("en_US") == model.description
    assert [m.name for m in catalog.models if m.matches("嵌入")][:2] == [
        "nomic-embed-text",
        "mxbai-embed-large",
    ]


def test_a_missing_or_damaged_file_gives_an_empty_list(tmp_path):
    assert load_catalog(tmp_path / "none.json") is EMPTY_CATALOG
    (tmp_path / "bad.json").write_text('{"models": [{"nope": 1}]}')
    assert load_catalog(tmp_path / "bad.json") is EMPTY_CATALOG
    assert parse_catalog('{"models": []}').models == ()
