"""Copy as plain text: the words a person reads, without markdown's marks."""

from __future__ import annotations

from pathlib import Path

from desktop.core.plain_text import plain_text

ANSWERS = Path(__file__).parents[1] / "data" / "answers"


def test_marks_go_and_words_stay():
    text = "## Title\n\nSome **bold**, *emphasis*, ~~gone~~ and `code_span`.\n\n> quoted\n\n---\n"
    assert plain_text(text) == "Title\n\nSome bold, emphasis, gone and code_span.\n\nquoted\n"


def test_code_keeps_every_character_and_loses_its_fences():
    text = "Run:\n\n```python\nprint('**not bold**')  # _x_\n```\nDone."
    assert plain_text(text) == "Run:\n\nprint('**not bold**')  # _x_\nDone."


def test_math_keeps_its_source():
    assert plain_text(r"Let $x_i$ and $y_j$ be *small*.") == r"Let $x_i$ and $y_j$ be small."


def test_a_table_becomes_tab_separated_rows_and_lists_keep_their_marks():
    text = (ANSWERS / "wide_table.md").read_text(encoding="utf-8")
    plain = plain_text(text)
    lines = plain.split("\n")
    assert lines[2].split("\t")[:3] == ["Model", "Parameters", "Context"]
    assert lines[3].split("\t")[1] == "3B"
    assert "☑ Pull the models" in lines and "☐ Compare the answers" in lines
    assert "    1. algebra" in lines
    assert (
        "The figure throughput chart (https://example.com/chart.png) is linked, not loaded."
        in lines
    )
    assert "¹ Measured on a 2024 laptop." in lines
    assert not any(mark in plain for mark in ("|", "**", "## ", "---", "[^1]"))
