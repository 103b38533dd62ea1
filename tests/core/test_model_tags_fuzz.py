"""Property-based tests: the model-tag parser and pull-name check on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.model_tags import explain, parse_model_tag
from desktop.core.pull_name import validate_pull_name
from desktop.core.text import Text

tag_alphabet = st.sampled_from(list("abcqwenllama3:.-_/0123456789bBkKmMxX@= ")) | st.characters()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=tag_alphabet, max_size=60))
def test_any_text_parses_and_explains(text):
    tag = parse_model_tag(text)
    assert isinstance(tag.family, str)
    for part, explanation in explain(tag):
        assert isinstance(part, str | Text) and str(explanation)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=tag_alphabet, max_size=60))
def test_pull_check_suggestions_are_themselves_valid(text):
    check = validate_pull_name(text)
    if check.ok:
        assert check.normalized
    for suggestion in check.suggestions:
        assert validate_pull_name(suggestion).ok


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["qwen3", "llama3.2", "gemma3", "deepseek-r1", "mistral"]),
    st.sampled_from(["0.6b", "4b", "8b", "70b", "8x7b"]),
    st.sampled_from(["q4_K_M", "q8_0", "fp16", "q5_K_S"]),
)
def test_well_formed_tags_round_trip_their_parts(family, size, quant):
    tag = parse_model_tag(f"{family}:{size}-instruct-{quant}")
    assert tag.family == family
    assert tag.size == size
    assert tag.quantization == quant
    assert "instruct" in tag.variants
