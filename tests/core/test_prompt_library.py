"""Prompt variables, filling them, the exchange format and the import rule."""

from __future__ import annotations

import pytest

from desktop.core.prompt_library import (
    FORMAT_VERSION,
    Prompt,
    PromptFileProblem,
    export_document,
    fill,
    matching,
    merge,
    parse_document,
    unique_name,
    unmatched_braces,
    variables,
)
from desktop.core.prompt_presets import builtin_prompts


def test_variables_are_found_once_each_in_order() -> None:
    assert variables("Plan a {{ trip }} to {{city}} and {{trip}} again, {{城市}}") == [
        "trip",
        "city",
        "城市",
    ]
    assert variables("no variables {here} or {{ }}") == []


def test_fill_replaces_each_variable_and_keeps_unknown_ones() -> None:
    template = "Explain {{topic}} to a {{ level }} reader; {{topic}} again; {{other}}"
    assert fill(template, {"topic": "量子", "level": "new"}) == (
        "Explain 量子 to a new reader; 量子 again; {{other}}"
    )


def test_values_with_braces_are_inserted_as_typed() -> None:
    assert fill("say {{x}}", {"x": "{{y}} \\1 $0"}) == "say {{y}} \\1 $0"


def test_unmatched_braces_are_located() -> None:
    assert unmatched_braces("fine {{a}} text") is None
    assert unmatched_braces("broken {{a} here") == 7
    assert unmatched_braces("{{a}} then }} alone") == 11
    assert variables("broken {{a} here") == []


def test_matching_puts_names_that_start_with_the_query_first() -> None:
    prompts = [
        Prompt("Review code", "x", tags=("dev",)),
        Prompt("Translate", "y"),
        Prompt("Trip plan", "z"),
        Prompt("Other", "w", tags=("travel",)),
    ]
    assert [p.name for p in matching(prompts, "tr")] == ["Translate", "Trip plan", "Other"]
    assert [p.name for p in matching(prompts, "DEV")] == ["Review code"]
    assert len(matching(prompts, "")) == 4
    assert matching(prompts, "zzz") == []


def test_export_then_parse_round_trips_and_leaves_builtins_out() -> None:
    mine = [
        Prompt("Trip", "Plan {{topic}}", "prompt", ("travel",)),
        Prompt("Pirate", "Arr", "persona"),
    ]
    document = export_document([*mine, *builtin_prompts()])
    assert document["version"] == FORMAT_VERSION
    assert parse_document(document) == mine


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("a string", "does not hold a JSON object"),
        ({"version": 99, "prompts": []}, "newer Parley (prompt format 99"),
        ({"format": "chatbox-backup", "prompts": []}, "chatbox-backup file, not a prompt library"),
        ({"version": 1}, "no list of prompts"),
        ({"prompts": [{"name": "x"}]}, "prompt number 1 cannot be read: it has no text"),
        ({"prompts": [{"text": "x"}]}, "it has no name"),
        ({"prompts": [{"name": "a", "text": "b", "kind": "robot"}]}, "kind is not prompt"),
        ({"prompts": [{"name": "a", "text": "b", "tags": "x"}]}, "tags are not a list"),
        ({"prompts": ["x"]}, "it is not an object"),
        ({"version": "2", "prompts": []}, "version is not a number"),
    ],
)
def test_documents_of_another_shape_are_refused_with_a_reason(raw: object, words: str) -> None:
    with pytest.raises(PromptFileProblem) as caught:
        parse_document(raw)
    assert words in str(caught.value.text)


def test_a_bare_list_of_prompts_is_read() -> None:
    assert parse_document([{"name": "a", "content": "b"}]) == [Prompt("a", "b")]


def test_merge_skips_identical_prompts_and_keeps_both_when_texts_differ() -> None:
    library = [Prompt("Trip", "Plan {{topic}}"), Prompt("Trip (2)", "older")]
    incoming = [
        Prompt("trip", "Plan {{topic}}"),
        Prompt("Trip", "Different"),
        Prompt("Trip", "persona text", "persona"),
        Prompt("New", "n"),
    ]
    outcome = merge(library, incoming)
    assert outcome.skipped == 1
    assert outcome.added == 3
    assert outcome.renamed == [("Trip", "Trip (3)")]
    assert [p.name for p in outcome.prompts] == ["Trip", "Trip (2)", "Trip (3)", "Trip", "New"]


def test_unique_name_counts_up() -> None:
    assert unique_name("A", ["b"]) == "A"
    assert unique_name("A", ["a", "A (2)"]) == "A (3)"
    assert unique_name("A (2)", ["A", "A (2)"]) == "A (3)"


def test_builtin_personas_are_translated_with_the_given_function() -> None:
    personas = [p for p in builtin_prompts(lambda key: "译:" + key) if p.kind == "persona"]
    assert 4 <= len(personas) <= 6
    assert all(p.builtin and p.name.startswith("译:") for p in personas)
